using System.Data.Common;
using Dapper;
using Npgsql;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// PostgreSQL's own relations cannot be scoped by a tenant predicate, and many expose every tenant's data: column values
/// in <c>pg_stats</c>, row counts in <c>pg_stat_*</c> and <c>pg_class</c>, other sessions' statements in
/// <c>pg_stat_activity</c>. A model that does not list them (not strict) used to read them as global tables. They are
/// refused in every model, with or without a tenant, qualified or not (an unqualified <c>pg_stats</c> is the catalog's:
/// pg_catalog comes first on the search path), unless the model declares them global; relations that describe only the
/// schema stay readable.
/// </summary>
public class CatalogRelationTests : DataSourceFixture
{
    private static readonly TenantModel Lenient = Lenient_model();

    private TenantDataSource? _lenient;

    public static IEnumerable<string> Exposing() =>
    [
        "SELECT most_common_vals::text FROM pg_stats WHERE tablename = 'tasks'",
        "SELECT most_common_vals::text FROM pg_catalog.pg_stats WHERE tablename = 'tasks'",
        "SELECT most_common_vals::text FROM \"pg_catalog\".\"pg_stats\"",
        "SELECT * FROM PG_STATS",
        "SELECT * FROM pg_stats_ext",
        "SELECT * FROM pg_stats_ext_exprs",
        "SELECT * FROM pg_statistic",
        "SELECT * FROM pg_statistic_ext_data",
        "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'tasks' AND schemaname = current_schema()",
        "SELECT n_live_tup FROM pg_stat_all_tables",
        "SELECT n_tup_ins FROM pg_stat_xact_user_tables",
        "SELECT heap_blks_read FROM pg_statio_user_tables",
        "SELECT heap_blks_read FROM pg_statio_all_tables",
        "SELECT query FROM pg_stat_activity",
        "SELECT * FROM pg_locks",
        "SELECT * FROM pg_prepared_xacts",
        "SELECT reltuples FROM pg_class WHERE relname = 'tasks'",
        "SELECT reltuples FROM pg_catalog.pg_class",
        "SELECT * FROM pg_largeobject",
        "SELECT last_value FROM pg_sequences",
        "SELECT * FROM pg_roles",
        "SELECT * FROM pg_settings",
        "SELECT * FROM pg_stat_io",
        "SELECT * FROM pg_toast.pg_toast_2619",
        "SELECT * FROM information_schema.role_table_grants",
        "SELECT * FROM information_schema.user_mapping_options",
        "SELECT * FROM information_schema._pg_foreign_servers",
        "SELECT t.title FROM tasks t WHERE t.title IN (SELECT attname FROM pg_stats)",
        "SELECT t.title FROM tasks t JOIN pg_stat_user_tables s ON s.relname = 'tasks'",
        "SELECT t.title FROM tasks t, LATERAL (SELECT n_live_tup FROM pg_stat_user_tables) s",
        "WITH s AS (SELECT query FROM pg_stat_activity) SELECT * FROM s",
        "SELECT (SELECT count(*) FROM pg_locks) FROM countries",
        "UPDATE audit_log SET message = (SELECT most_common_vals::text FROM pg_stats LIMIT 1) WHERE id = 1",
        "INSERT INTO audit_log (id, message) SELECT 990, query FROM pg_stat_activity",
        "SELECT * FROM pg_lock_status() l",
        "SELECT pg_prepared_xact()",
        "SELECT pg_blocking_pids(1)",
        "SELECT lo_get(1)",
        "SELECT setval('seq', 1)",
        "SELECT pg_notify('channel', 'payload')",
        "SELECT pg_mcv_list_items(NULL)",
        "SELECT pg_stat_get_live_tuples('tasks'::regclass)",
    ];

    [OneTimeSetUp]
    public async Task CreateLenientDataSource()
    {
        _lenient = new TenantDataSource(NpgsqlDataSource.Create(Databases.Shared), Lenient);

        // Statistics of the shared tables, so that pg_stats shows values of every tenant's rows.
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE tasks", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public async Task DisposeLenientDataSource()
    {
        if (_lenient is not null)
        {
            await _lenient.DisposeAsync();
        }
    }

    [Test]
    public async Task Column_statistics_hold_other_tenants_values_and_are_refused()
    {
        const string sql = "SELECT most_common_vals::text FROM pg_stats WHERE tablename = 'tasks' AND attname = 'account_id'";
        await using (var driver = new NpgsqlConnection(Databases.Shared))
        {
            var unscoped = await driver.QueryFirstAsync<string>(sql);
            Assert.That(unscoped, Does.Contain("2").And.Contain("3"), "unscoped, pg_stats shows every tenant's keys");
        }

        await AssertRefusedAsync(sql, 1L);
    }

    [TestCaseSource(nameof(Exposing))]
    public Task Catalog_relation_that_exposes_tenants_data_is_refused_for_a_tenant(string sql) => AssertRefusedAsync(sql, 1L);

    [TestCaseSource(nameof(Exposing))]
    public Task Catalog_relation_that_exposes_tenants_data_is_refused_without_a_tenant(string sql) => AssertRefusedAsync(sql, null);

    [Test]
    public async Task Builder_query_of_a_catalog_relation_is_refused()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = Lenient };
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => db.Query("pg_stats").Get(), Throws.TypeOf<UnscopableSqlException>());
            Assert.That(() => db.Query("pg_catalog.pg_stat_activity").Select("query").Get(), Throws.TypeOf<UnscopableSqlException>());
            Assert.That(() => db.Query("tasks").WhereRaw("title IN (SELECT attname FROM pg_stats)").Get(), Throws.TypeOf<UnscopableSqlException>());
        }

        Assert.That(() => db.Query("pg_class").Select("reltuples").Get(), Throws.TypeOf<UnscopableSqlException>(), "without a tenant");
    }

    [TestCase("SELECT typname FROM pg_type WHERE oid = 20")]
    [TestCase("SELECT typname FROM pg_catalog.pg_type WHERE oid = 20")]
    [TestCase("SELECT column_name FROM information_schema.columns WHERE table_name = 'tasks' ORDER BY ordinal_position")]
    [TestCase("SELECT attname FROM pg_attribute WHERE attrelid = 'tasks'::regclass AND attnum > 0 ORDER BY attnum")]
    public async Task Catalog_relation_that_describes_the_schema_reads_as_the_server_has_it(string sql)
    {
        await using var driver = new NpgsqlConnection(Databases.Shared);
        var expected = (await driver.QueryAsync<string>(sql)).ToList();
        await using var connection = await _lenient!.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That((await connection.QueryAsync<string>(sql)).ToList(), Is.EqualTo(expected).And.Not.Empty);
        }
    }

    [Test]
    public async Task Catalog_relation_declared_global_is_read()
    {
        const string sql = "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'tasks' AND schemaname = current_schema()";
        var model = new TenantModelBuilder().TenantKey<long>().TenantTable("tasks", "account_id").GlobalTable("pg_catalog.pg_stat_user_tables").Build();
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(Databases.Shared), model);
        await using var connection = await source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.QueryAsync<long>(sql), Has.Exactly(1).Items);
        }
    }

    [Test]
    public async Task Cte_named_like_a_catalog_relation_is_not_the_catalog()
    {
        await using var connection = await _lenient!.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.QueryAsync<int>("WITH pg_stats AS (SELECT 7 AS n) SELECT n FROM pg_stats"), Is.EqualTo(new[] { 7 }));
        }
    }

    [Test]
    public async Task Catalog_relation_is_read_under_a_bypass()
    {
        await using var connection = await _lenient!.OpenConnectionAsync();
        using (CurrentTenant.Bypass("statistics report"))
        {
            Assert.That(await connection.QueryAsync<long>("SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'tasks' AND schemaname = current_schema()"), Has.Exactly(1).Items);
        }
    }

    private static TenantModel Lenient_model() => new TenantModelBuilder()
        .TenantKey<long>()
        .ReferenceTable("countries")
        .TenantRoot("accounts", "id")
        .TenantTable("managers", "account_id")
        .TenantTable("projects", "account_id")
        .TenantTable("tasks", "account_id")
        .TenantTable("project_managers", "account_id")
        .TenantTable("comments", "acc_id")
        .TenantTable("labels", "account_id")
        .Build();

    private async Task AssertRefusedAsync(string sql, object? tenant)
    {
        var before = await SnapshotAsync();
        await using (var connection = await _lenient!.OpenConnectionAsync())
        {
            await using var mark = connection.CreateCommand();
            mark.CommandText = "SELECT pg_backend_pid()";
            var pid = (int)(await mark.ExecuteScalarAsync())!;
            var marker = await LastStatementAsync(pid);
            using (tenant is null ? null : CurrentTenant.Use(tenant))
            {
                Assert.That(() => connection.QueryAsync(sql), Throws.InstanceOf<TenantDapperException>());
                Assert.That(() => Execute(connection, sql), Throws.InstanceOf<TenantDapperException>(), "the synchronous path");
            }

            Assert.That(await LastStatementAsync(pid), Is.EqualTo(marker), "the refused statement was sent");
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused statement wrote something");
    }

    private static int Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
