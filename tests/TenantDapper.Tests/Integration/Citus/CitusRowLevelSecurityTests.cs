using System.Data;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using TenantDapper.Citus;
using TenantDapper.DataSource;
using NpgsqlConnection = Npgsql.NpgsqlConnection;
using TenantDapper.Tenancy;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// Row-level security on a real Citus cluster: the sample schema distributed, its policies written by the Citus form
/// of the enable script, and statements sent as an application role without <c>BYPASSRLS</c>, as a
/// <see cref="TenantDataSource"/> with row-level security sends them (<c>BEGIN; CALL tenantdapper.set_tenants(...);
/// statement; COMMIT</c> in one round trip).
/// </summary>
public sealed partial class CitusRowLevelSecurityTests : CitusClusterFixture
{
    // Statements of the sample app's requests (its pages and endpoints), as the application writes them.
    private static readonly (string Name, string Sql, long Id)[] Statements =
    [
        ("account by id (root)", "SELECT id, name FROM accounts WHERE id = @id", 1),
        ("projects in order", "SELECT id, name FROM projects ORDER BY id", 0),
        ("project by key", "SELECT id, name, manager_id FROM projects WHERE id = @id", 10),
        ("tasks of a project (INNER JOIN)", "SELECT t.id, t.title FROM projects p JOIN tasks t ON t.project_id = p.id WHERE p.id = @id ORDER BY t.id", 10),
        ("open tasks per project (LEFT JOIN)", "SELECT p.id, p.name, count(t.id) AS open_tasks FROM projects p LEFT JOIN tasks t ON t.project_id = p.id AND NOT t.done GROUP BY p.id, p.name ORDER BY p.id", 0),
        ("managers of a project (IN sub-select)", "SELECT id, name FROM managers WHERE id IN (SELECT manager_id FROM project_managers WHERE project_id = @id) ORDER BY id", 10),
        ("account with its country (reference JOIN)", "SELECT a.name, c.name FROM accounts a JOIN countries c ON c.code = a.country_code", 0),
        ("task done (UPDATE)", "UPDATE tasks SET done = true WHERE id = @id", 100),
        ("comment (INSERT)", "INSERT INTO comments (id, task_id, body) VALUES (@id, 100, 'seen')", 900),
        ("comment removed (DELETE)", "DELETE FROM comments WHERE id = @id", 900),
    ];

    private static IEnumerable<TestCaseData> SampleStatements() =>
        Statements.Select(statement => new TestCaseData(statement.Sql, statement.Id).SetArgDisplayNames(statement.Name));

    private readonly string _role = "tdcrls_" + Guid.NewGuid().ToString("N")[..10];
    private string _applicationConnectionString = "";

    [OneTimeSetUp]
    public async Task EnableRowLevelSecurityAsync()
    {
        await using var connection = await OpenConnectionAsync();
        await using (var role = new NpgsqlCommand($"CREATE ROLE {_role} LOGIN NOSUPERUSER NOBYPASSRLS; GRANT USAGE ON SCHEMA \"{Schema}\" TO {_role}", connection))
        {
            await role.ExecuteNonQueryAsync();
        }

        // The coordinator's database holds one tenantdapper.set_tenants for every fixture: replace it one at a time.
        await connection.ExecuteAsync("SELECT pg_advisory_lock(hashtext('tenantdapper rls enable'))");
        await RowLevelSecurityScripts.EnableAsync(connection, Model);
        await connection.ExecuteAsync(RowLevelSecurityScripts.Grants(Model, _role, RowLevelSecurityServer.Citus));
        await connection.ExecuteAsync("SELECT pg_advisory_unlock(hashtext('tenantdapper rls enable'))");
        _applicationConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = _role }.ConnectionString;
    }

    [OneTimeTearDown]
    public async Task DropRoleAsync()
    {
        if (_applicationConnectionString.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenConnectionAsync();
        await connection.ExecuteAsync($"DROP OWNED BY {_role}; DROP ROLE {_role}");
    }

    [Test]
    public async Task The_enable_script_writes_the_citus_form_and_its_verification_passes()
    {
        await using var connection = await OpenConnectionAsync();

        Assert.That(await RowLevelSecurityScripts.ServerAsync(connection), Is.EqualTo(RowLevelSecurityServer.Citus));
        Assert.That(RowLevelSecurityScripts.Enable(Model, RowLevelSecurityServer.Citus), Does.Not.Contain("(SELECT NULLIF").And.Contain("SET LOCAL citus.propagate_set_commands"));
        Assert.That(() => RowLevelSecurityScripts.VerifyAsync(connection, Model), Throws.Nothing);
    }

    [TestCase("tasks")]
    [TestCase("accounts")]
    [TestCase("countries")]
    public async Task Every_shard_placement_has_row_level_security_forced_and_the_policy(string table)
    {
        var placements = await QueryAsync($"""
            SELECT result FROM run_command_on_placements('"{Schema}".{table}',
              $$SELECT c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid AND p.polname IN ('tenantdapper_tenant', 'tenantdapper_read')) FROM pg_catalog.pg_class c WHERE c.oid = '%s'::regclass$$)
            """);

        // A reference table has one shard with a placement on every node, a distributed table 32 shards here.
        Assert.That(placements, Has.Count.GreaterThan(1).And.All.EqualTo("t"));
    }

    [Test]
    public async Task The_verification_names_a_table_with_a_shard_that_lost_its_policy()
    {
        var shard = (await QueryAsync($"SELECT shard_name || ' ' || nodename || ' ' || nodeport FROM citus_shards WHERE table_name = '\"{Schema}\".tasks'::regclass ORDER BY shardid LIMIT 1")).Single().Split(' ');
        var worker = new NpgsqlConnectionStringBuilder(ConnectionString) { Host = shard[1], Port = int.Parse(shard[2], System.Globalization.CultureInfo.InvariantCulture) }.ConnectionString;
        await using var onWorker = new NpgsqlConnection(worker);
        await onWorker.OpenAsync();
        await using var transaction = await onWorker.BeginTransactionAsync();
        await onWorker.ExecuteAsync($"SET LOCAL citus.override_table_visibility = off; ALTER TABLE {shard[0]} NO FORCE ROW LEVEL SECURITY", transaction: transaction);
        await transaction.CommitAsync();
        try
        {
            await using var connection = await OpenConnectionAsync();
            var incomplete = Assert.ThrowsAsync<PostgresException>(() => RowLevelSecurityScripts.VerifyAsync(connection, Model));

            Assert.That(incomplete!.MessageText, Does.Contain("tasks").And.Contain("1 shard placements"));
        }
        finally
        {
            await onWorker.ExecuteAsync($"SET citus.override_table_visibility = off; ALTER TABLE {shard[0]} FORCE ROW LEVEL SECURITY");
        }
    }

    [Test]
    public async Task With_the_rewriter_off_the_cluster_alone_returns_only_the_tenants_rows()
    {
        await using var connection = await OpenApplicationConnectionAsync();

        var tenantOne = await connection.QueryAsync<string>("BEGIN; CALL tenantdapper.set_tenants('{1}'); SELECT title FROM tasks ORDER BY id; COMMIT");
        var both = await connection.QueryAsync<string>("BEGIN; CALL tenantdapper.set_tenants('{1,2}'); SELECT title FROM tasks ORDER BY id; COMMIT");
        var none = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks");
        var countries = await connection.QueryAsync<string>("BEGIN; CALL tenantdapper.set_tenants('{1}'); SELECT code FROM countries; COMMIT");

        Assert.That(tenantOne, Is.EqualTo(new[] { "one", "two" }));
        Assert.That(both, Is.EqualTo(new[] { "one", "two", "three" }));
        Assert.That(none, Is.Zero);
        Assert.That(countries, Is.EqualTo(new[] { "NL" }));
    }

    [Test]
    public async Task With_the_rewriter_off_the_cluster_alone_writes_nothing_foreign()
    {
        await using var connection = await OpenApplicationConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("CALL tenantdapper.set_tenants('{2}')", transaction: transaction);
        var updated = await connection.ExecuteAsync("UPDATE tasks SET title = title || '!'", transaction: transaction);
        var deleted = await connection.ExecuteAsync("DELETE FROM tasks", transaction: transaction);
        var foreignInsert = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("INSERT INTO comments (acc_id, id, task_id, body) VALUES (1, 900, 100, 'foreign')", transaction: transaction));
        await transaction.RollbackAsync();
        var referenceWrite = Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("BEGIN; CALL tenantdapper.set_tenants('{1}'); UPDATE countries SET name = 'x'; COMMIT"));

        Assert.That((updated, deleted), Is.EqualTo((1, 1)));
        Assert.That(foreignInsert!.MessageText, Does.Contain("row-level security"));
        Assert.That(referenceWrite, Is.Not.Null);
    }

    [TestCaseSource(nameof(SampleStatements))]
    public async Task A_scoped_sample_statement_is_one_task_with_the_policy_on_the_worker(string sql, long id)
    {
        var plan = await ExplainAsSentAsync(sql, id, tenant: 1L);
        var text = string.Join("\n", plan);
        TestContext.Out.WriteLine($"Task Count {TaskCount(text)}: {sql}");

        Assert.That(TaskCount(text), Is.EqualTo(1), text);
        if (!sql.StartsWith("INSERT", StringComparison.Ordinal))
        {
            // An INSERT's WITH CHECK is not part of its plan.
            Assert.That(text, Does.Contain("current_setting('tenantdapper.tenants'"), $"the worker's plan applies the policy:\n{text}");
        }
    }

    [Test]
    public async Task A_policy_alone_runs_on_every_shard()
    {
        await using var connection = await OpenApplicationConnectionAsync();
        var plan = string.Join("\n", await connection.QueryAsync<string>("BEGIN; CALL tenantdapper.set_tenants('{1}'); EXPLAIN (COSTS OFF) SELECT title FROM tasks; COMMIT"));
        var shards = (await QueryAsync($"SELECT count(*) FROM citus_shards WHERE table_name = '\"{Schema}\".tasks'::regclass")).Single();
        TestContext.Out.WriteLine($"Task Count {TaskCount(plan)} of {shards} shards: SELECT title FROM tasks (the policy alone)");

        Assert.That(TaskCount(plan).ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(shards), plan);
    }

    [Test]
    public async Task The_empty_setting_a_committed_block_leaves_on_cached_worker_connections_reads_as_no_tenant()
    {
        await using var connection = await OpenApplicationConnectionAsync();
        var inBlock = await connection.QueryAsync<string>("BEGIN; CALL tenantdapper.set_tenants('{1}'); SELECT title FROM tasks WHERE account_id = 1 ORDER BY id; COMMIT");
        var left = await connection.ExecuteScalarAsync<string?>("SELECT current_setting('tenantdapper.tenants', true)");

        // The same backend, so the same cached worker connections, where the placeholder now reads '' (not NULL).
        var afterByKey = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 1");
        var afterAll = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks");

        Assert.That((inBlock, left), Is.EqualTo((new[] { "one", "two" }, "")));
        Assert.That((afterByKey, afterAll), Is.EqualTo((0L, 0L)));
    }

    [Test]
    public async Task Through_the_data_source_one_connection_serves_tenants_in_turn_and_stays_out_of_a_transaction()
    {
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        var seen = new List<string>();
        foreach (var tenant in new[] { 1L, 2L, 1L })
        {
            using (CurrentTenant.Use(tenant))
            {
                seen.AddRange(await connection.QueryAsync<string>("SELECT title FROM tasks ORDER BY id"));
            }
        }

        using (CurrentTenant.Use(1L))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT title FROM tasks ORDER BY id";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                seen.Add(reader.GetString(0));
            }
        }

        Assert.That(seen, Is.EqualTo(new[] { "one", "two", "three", "one", "two", "one", "two" }));
        Assert.That(await OutsideATransactionAsync(connection), Is.True);
    }

    [Test]
    public async Task Through_the_data_source_statements_of_one_transaction_each_see_only_their_tenants()
    {
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        IEnumerable<string> first, second, both;
        using (CurrentTenant.Use(2L))
        {
            first = await connection.QueryAsync<string>("SELECT title FROM tasks ORDER BY id", transaction: transaction);
        }

        using (CurrentTenant.Use(1L))
        {
            second = await connection.QueryAsync<string>("SELECT title FROM tasks ORDER BY id", transaction: transaction);
        }

        using (CurrentTenant.UseMany(1L, 2L))
        {
            both = await connection.QueryAsync<string>("SELECT title FROM tasks ORDER BY id", transaction: transaction);
        }

        await transaction.CommitAsync();

        Assert.That(first, Is.EqualTo(new[] { "three" }));
        Assert.That(second, Is.EqualTo(new[] { "one", "two" }));
        Assert.That(both, Is.EqualTo(new[] { "one", "two", "three" }));
    }

    [Test]
    public async Task Through_the_data_source_a_failed_statement_is_rolled_back_and_the_connection_is_usable()
    {
        var before = await QueryAsync("SELECT title FROM tasks ORDER BY account_id, id");
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => connection.ExecuteAsync("UPDATE tasks SET title = 'gone' WHERE id = 100; SELECT 1 / 0"), Throws.TypeOf<PostgresException>());
            Assert.That(() => connection.Execute("UPDATE tasks SET title = 'gone' WHERE id = 100; SELECT 1 / 0"), Throws.TypeOf<PostgresException>());
            Assert.That(await connection.QueryAsync<string>("SELECT title FROM tasks ORDER BY id"), Is.EqualTo(new[] { "one", "two" }));
        }

        Assert.That(await OutsideATransactionAsync(connection), Is.True);
        Assert.That(await QueryAsync("SELECT title FROM tasks ORDER BY account_id, id"), Is.EqualTo(before));
    }

    [Test]
    public async Task Through_the_data_source_a_reader_that_fails_midway_is_rolled_back_and_the_connection_is_usable()
    {
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            await using (var command = connection.CreateCommand())
            {
                // The first row is fine, the second divides by zero (Citus collects a task's rows before the first is read).
                command.CommandText = "SELECT 1 / (101 - id) FROM tasks ORDER BY id";
                Assert.That(
                    async () =>
                    {
                        await using var reader = await command.ExecuteReaderAsync();
                        while (await reader.ReadAsync())
                        {
                        }
                    },
                    Throws.TypeOf<PostgresException>());
            }

            Assert.That(await connection.QueryAsync<string>("SELECT title FROM tasks ORDER BY id"), Is.EqualTo(new[] { "one", "two" }));
        }

        Assert.That(await OutsideATransactionAsync(connection), Is.True);
    }

    [Test]
    public async Task Through_the_data_source_a_builder_read_and_an_entity_write_see_only_the_tenants_rows()
    {
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        using (CurrentTenant.Use(2L))
        {
            var titles = await db.Query("tasks").Select("title").OrderBy("id").GetAsync<string>();
            var first = await db.Query("tasks").Select("title").OrderBy("id").FirstAsync<string>();
            var changed = await db.Query("tasks").UpdateAsync(new { done = false });

            Assert.That((titles, first, changed), Is.EqualTo((new[] { "three" }, "three", 1)));
        }
    }

    [Test]
    public async Task Through_the_data_source_a_failed_builder_statement_is_rolled_back_and_the_connection_is_usable()
    {
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        using (CurrentTenant.Use(1L))
        {
            // Task 100 exists: the primary key refuses the row on the worker.
            Assert.That(() => db.Query("tasks").InsertAsync(new { id = 100L, project_id = 10L, title = "twice" }), Throws.TypeOf<PostgresException>());
            Assert.That(() => db.Query("tasks").Insert(new { id = 100L, project_id = 10L, title = "twice" }), Throws.TypeOf<PostgresException>());
            Assert.That(await db.Query("tasks").Select("title").OrderBy("id").GetAsync<string>(), Is.EqualTo(new[] { "one", "two" }));
        }

        Assert.That(await OutsideATransactionAsync(connection), Is.True);
    }

    private TenantDataSource ApplicationSource() =>
        new(NpgsqlDataSource.Create(_applicationConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = true });

    private async Task<NpgsqlConnection> OpenApplicationConnectionAsync()
    {
        var connection = new NpgsqlConnection(_applicationConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Whether the connection's session is in no transaction block: two statements get transactions of their own.</summary>
    private static async Task<bool> OutsideATransactionAsync(System.Data.Common.DbConnection connection)
    {
        using (CurrentTenant.Bypass("rls test: the session's transaction state"))
        {
            var first = await connection.ExecuteScalarAsync<string>("SELECT pg_current_xact_id()::text");
            var second = await connection.ExecuteScalarAsync<string>("SELECT pg_current_xact_id()::text");
            return first != second;
        }
    }

    /// <summary>
    /// EXPLAIN of <paramref name="sql"/> as a row-level security data source sends it on Citus: scoped by the
    /// rewriter, behind the prelude, in a block of its own, as the application role.
    /// </summary>
    private async Task<List<string>> ExplainAsSentAsync(string sql, long id, long tenant)
    {
        await using var connection = await OpenApplicationConnectionAsync();
        await using var command = new NpgsqlCommand { Connection = connection };
        if (sql.Contains("@id", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("id", id);
        }

        var state = TenantState.For(tenant);
        var bound = CommandScoping.Bind(Model, state, sql, CommandType.Text, command.Parameters);
        await using var driver = NpgsqlDataSource.Create(_applicationConnectionString);
        var prelude = TenantSession.PreludeFor(new TenantSettingCarrier(driver), state, connection: null)!.Value;
        Assert.That(prelude.Block, Is.True, "on Citus a statement outside a transaction goes inside a block of its own");
        command.CommandText = TenantSession.Named("EXPLAIN (COSTS OFF) " + bound.Text, prelude);
        command.Parameters.Add(TenantSession.NamedParameter(prelude.Setting));
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return plan;
    }

    private static int TaskCount(string explain) =>
        TaskCountPattern().Match(explain) is { Success: true } match ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"Task Count: (\d+)")]
    private static partial Regex TaskCountPattern();
}
