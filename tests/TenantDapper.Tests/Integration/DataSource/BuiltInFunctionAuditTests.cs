using Dapper;
using Npgsql;
using TenantDapper.Syntax;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// The trusted built-in functions, audited against the server's own pg_proc: no function of a refused category (by its
/// name, its C symbol, its argument types) may be on the list, so that a function added to it by hand, or a category
/// missed, fails here.
/// </summary>
public class BuiltInFunctionAuditTests : DataSourceFixture
{
    // Each category as a condition on pg_proc (prosrc is the C symbol of an internal function, or a SQL body).
    private static readonly (string Category, string Condition)[] RefusedCategories =
    [
        ("server files", "proname ~ '^pg_(read_|ls_|stat_file|relation_file|filenode_relation|current_logfile|rotate_logfile|tablespace_location)' OR prosrc ~ '(pg_read_|pg_ls_|pg_stat_file)'"),
        ("other sessions' or earlier users' state", "proname ~ '^pg_(prepared_statement|prepared_xact|cursor|lock_status|blocking_pids|safe_snapshot_blocking_pids|get_backend_memory_contexts|notification_queue_usage|listening_channels|notify|isolation_test|get_multixact_members|xact_commit_timestamp|last_committed_xact)'"),
        ("advisory locks", "proname ~ 'advisory'"),
        ("activity, size and statistics", "(proname ~ '^pg_stat' AND proname <> 'pg_statistics_obj_is_visible') OR proname ~ '^pg_(relation|table|indexes|total_relation|database|tablespace)_size$' OR proname ~ '^pg_mcv_list_items$' OR prosrc ~ '^pg_stat_'"),
        ("sequences: counts and earlier values", "proname IN ('currval', 'lastval', 'setval', 'pg_sequence_last_value')"),
        ("SQL text or a relation's rows by name", "proname ~ '(query|table|cursor|schema|database)_to_xml' OR proname IN ('ts_stat', 'ts_rewrite', 'currtid2')"),
        ("large objects", "proname ~ '^lo_' OR proname IN ('loread', 'lowrite')"),
        ("settings", "proname IN ('set_config', 'pg_show_all_settings', 'pg_settings_get_flags', 'pg_show_all_file_settings', 'pg_hba_file_rules', 'pg_ident_file_mappings', 'pg_config')"),
        ("WAL and replication", "proname ~ '(wal_lsn|_wal_|walfile|replication|logical|pg_control_)' AND proname <> 'pg_wal_lsn_diff'"),
        ("administration", "proname ~ '^(binary_upgrade_|pg_nextoid|pg_stop_making_pinned|brin_summarize|brin_desummarize|gin_clean_pending|pg_terminate|pg_cancel|pg_reload|pg_promote|pg_backup|pg_start_backup|pg_stop_backup|pg_switch_wal|pg_create_restore_point|pg_log_backend)'"),
    ];

    private static IEnumerable<string> Categories => RefusedCategories.Select(c => c.Category);

    [TestCaseSource(nameof(Categories))]
    public async Task No_trusted_function_falls_in_a_refused_category(string category)
    {
        var condition = RefusedCategories.Single(c => c.Category == category).Condition;
        await using var connection = new NpgsqlConnection(Databases.Shared);
        var names = await connection.QueryAsync<string>(
            $"SELECT DISTINCT proname::text FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace AND ({condition}) ORDER BY 1");

        var matched = names.ToList();
        Assert.That(matched, Is.Not.Empty, "the category's condition matches no function of the server: it no longer tests anything");
        Assert.That(matched.Where(name => BuiltInFunctions.Contains(null, name)), Is.Empty, $"trusted functions in the refused category '{category}'");
    }

    [Test]
    public async Task Every_trusted_name_is_a_pg_catalog_function_of_the_server_or_a_call_like_keyword()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        var catalog = (await connection.QueryAsync<string>("SELECT DISTINCT proname::text FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace")).ToHashSet(StringComparer.Ordinal);
        Assert.That(BuiltInFunctions.Names.Where(name => !catalog.Contains(name) && !TenantDapper.Parsing.SqlKeywords.IsCallableKeyword(name)), Is.Empty);
    }
}
