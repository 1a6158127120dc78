using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// A <see cref="TenantDataSource"/> prepares its shape-stable statements on the server
/// (<see cref="TenantDataSourceOptions.PrepareStatements"/>): one prepared statement per text and physical connection
/// serves every tenant (the tenant is a parameter), each gets only its rows, and what a bypass does to the session (a
/// reset, <c>DEALLOCATE</c>, <c>DISCARD ALL</c>) never leaves a statement Npgsql believes prepared and the server does
/// not. Each data source here has one physical connection, so that the tenants' statements share it.
/// </summary>
public class PreparedStatementTests : RowLevelSecurityFixture
{
    private static readonly long[] Tenants = [1L, 2L, 3L];

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_builder_statement_is_prepared_once_and_serves_interleaved_tenants_only_their_rows(bool rowLevelSecurity)
    {
        await using var source = SourceOf(rowLevelSecurity);
        for (var round = 0; round < 3; round++)
        {
            foreach (var tenant in Tenants)
            {
                Assert.That(await BuilderNamesAsync(source, tenant), Is.EqualTo(await HandWrittenNamesAsync(tenant)));
            }
        }

        var prepared = await PreparedStatementsAsync(source);
        Assert.That(prepared, Has.Exactly(1).Contains("projects"));
        Assert.That(prepared, Has.Exactly(rowLevelSecurity ? 1 : 0).Contains(PostgresSetUp.IsCitusCoordinator ? "CALL tenantdapper.set_tenants" : "set_config('tenantdapper.tenants'"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_text_seen_before_is_prepared_and_a_text_seen_once_is_not(bool rowLevelSecurity)
    {
        await using var source = SourceOf(rowLevelSecurity);
        for (var round = 0; round < 2; round++)
        {
            foreach (var tenant in Tenants)
            {
                Assert.That(await TextNamesAsync(source, tenant, "SELECT name FROM projects WHERE id >= @first ORDER BY name"), Is.EqualTo(await HandWrittenNamesAsync(tenant)));
            }
        }

        Assert.That(await TextNamesAsync(source, 1L, "SELECT name FROM projects WHERE id >= @first ORDER BY name DESC"), Is.EqualTo((await HandWrittenNamesAsync(1L)).Reverse()));

        var prepared = await PreparedStatementsAsync(source);
        Assert.That(prepared, Has.Exactly(1).Contains("projects"));
        Assert.That(prepared, Has.None.Contains("DESC"));
        Assert.That(prepared, Has.Exactly(rowLevelSecurity ? 1 : 0).Contains(PostgresSetUp.IsCitusCoordinator ? "CALL tenantdapper.set_tenants" : "set_config('tenantdapper.tenants'"));
    }

    [Test]
    public async Task At_most_256_distinct_texts_are_prepared_and_the_rest_run_unprepared()
    {
        await using var source = SourceOf(rowLevelSecurity: false);
        await using (var connection = await source.OpenConnectionAsync())
        {
            using (CurrentTenant.Use(1L))
            {
                for (var i = 0; i < 300; i++)
                {
                    for (var round = 0; round < 2; round++)
                    {
                        Assert.That(await connection.QueryAsync<string>($"SELECT name FROM projects WHERE id >= @first AND id < {1000 + i} ORDER BY name", new { first = 1L }), Is.EqualTo(await HandWrittenNamesAsync(1L)));
                    }
                }
            }
        }

        Assert.That(await PreparedStatementsAsync(source), Has.Length.EqualTo(256));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task With_preparation_turned_off_nothing_is_prepared(bool rowLevelSecurity)
    {
        await using var source = SourceOf(rowLevelSecurity, prepare: false);
        for (var round = 0; round < 3; round++)
        {
            foreach (var tenant in Tenants)
            {
                Assert.That(await BuilderNamesAsync(source, tenant), Is.EqualTo(await HandWrittenNamesAsync(tenant)));
                Assert.That(await TextNamesAsync(source, tenant, "SELECT name FROM projects WHERE id >= @first ORDER BY name"), Is.EqualTo(await HandWrittenNamesAsync(tenant)));
            }
        }

        Assert.That(await PreparedStatementsAsync(source), Is.Empty);
    }

    [Test]
    public async Task With_Npgsqls_automatic_preparation_the_data_source_prepares_nothing_itself()
    {
        var settings = new NpgsqlConnectionStringBuilder(ApplicationConnectionString) { MaxPoolSize = 1, MaxAutoPrepare = 10, AutoPrepareMinUsages = 2 };
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(settings.ConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = true });
        for (var round = 0; round < 3; round++)
        {
            Assert.That(await BuilderNamesAsync(source, 2L), Is.EqualTo(await HandWrittenNamesAsync(2L)));
        }

        var names = await PreparedStatementNamesAsync(source);
        Assert.That(names, Is.Not.Empty);
        Assert.That(names, Is.All.StartsWith("_auto"));
    }

    [Test]
    public async Task A_prepared_statement_costs_one_round_trip_more_the_first_time_and_none_after()
    {
        await using var counter = new RoundTripProxy(ApplicationConnectionString);
        var settings = new NpgsqlConnectionStringBuilder(counter.ConnectionString) { MaxPoolSize = 1 };
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(settings.ConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = true });
        await using var connection = await source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        var trips = new List<long>();
        using (CurrentTenant.Use(1L))
        {
            for (var i = 0; i < 4; i++)
            {
                var before = counter.Count;
                await db.Query("projects").Select("name").GetAsync<string>();
                trips.Add((counter.Count - before).Turns);
            }
        }

        Assert.That(trips, Is.EqualTo(new long[] { 1, 2, 1, 1 }));
    }

    [TestCase("DEALLOCATE ALL", false)]
    [TestCase("DEALLOCATE ALL", true)]
    [TestCase("DISCARD ALL", false)]
    [TestCase("DISCARD ALL", true)]
    public async Task A_bypass_that_drops_the_prepared_statements_leaves_the_next_tenant_statement_working(string drop, bool rowLevelSecurity)
    {
        await using var source = SourceOf(rowLevelSecurity);
        await using var connection = await source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        await WarmUpAsync(db);
        using (CurrentTenant.Bypass("prepared statement test: admin work drops prepared statements"))
        {
            await connection.ExecuteAsync(drop);
        }

        foreach (var tenant in Tenants)
        {
            using (CurrentTenant.Use(tenant))
            {
                Assert.That(await db.Query("projects").Select("name").OrderBy("name").GetAsync<string>(), Is.EqualTo(await HandWrittenNamesAsync(tenant)));
            }
        }

        Assert.That(await PreparedStatementsAsync(connection), Has.Exactly(1).Contains("projects"));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_bypass_that_drops_the_prepared_statements_last_leaves_the_pooled_connection_working(bool rowLevelSecurity)
    {
        await using var source = SourceOf(rowLevelSecurity);
        await using (var connection = await source.OpenConnectionAsync())
        {
            await WarmUpAsync(new QueryFactory(connection, new PostgresCompiler()));
            using (CurrentTenant.Bypass("prepared statement test: the last statement drops prepared statements"))
            {
                await connection.ExecuteAsync("DEALLOCATE ALL");
            }
        }

        foreach (var tenant in Tenants)
        {
            Assert.That(await BuilderNamesAsync(source, tenant), Is.EqualTo(await HandWrittenNamesAsync(tenant)));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_session_whose_prepared_statements_cannot_be_dropped_is_not_handed_out_again(bool rowLevelSecurity)
    {
        await using var source = SourceOf(rowLevelSecurity);
        int backend;
        await using (var connection = await source.OpenConnectionAsync())
        {
            await WarmUpAsync(new QueryFactory(connection, new PostgresCompiler()));
            var transaction = await connection.BeginTransactionAsync();
            using (CurrentTenant.Bypass("prepared statement test: drop the prepared statements, then fail the transaction"))
            {
                backend = await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", transaction: transaction);
                await connection.ExecuteAsync("DEALLOCATE ALL", transaction: transaction);
                Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("SELECT 1 / 0", transaction: transaction));
            }

            // Closed with the failed transaction still open: Npgsql cannot drop its prepared statements in it.
        }

        await using (var next = await source.OpenConnectionAsync())
        {
            using (CurrentTenant.Bypass("prepared statement test: which backend"))
            {
                Assert.That(await next.ExecuteScalarAsync<int>("SELECT pg_backend_pid()"), Is.Not.EqualTo(backend), "the session Npgsql believed had prepared statements was closed, not reused");
            }
        }

        foreach (var tenant in Tenants)
        {
            Assert.That(await BuilderNamesAsync(source, tenant), Is.EqualTo(await HandWrittenNamesAsync(tenant)));
        }
    }

    [Test]
    public async Task A_function_that_drops_the_prepared_statements_fails_one_statement_and_the_next_is_prepared_anew()
    {
        await using var source = SourceOf(rowLevelSecurity: true);
        await using var connection = await source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        await WarmUpAsync(db);
        using (CurrentTenant.Bypass("prepared statement test: a function drops prepared statements unseen"))
        {
            await connection.ExecuteAsync("DO $$ BEGIN EXECUTE 'DEALLOC' || 'ATE ALL'; END $$");
        }

        using (CurrentTenant.Use(2L))
        {
            Assert.That(
                async () => await db.Query("projects").Select("name").OrderBy("name").GetAsync<string>(),
                Throws.InstanceOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.InvalidSqlStatementName));
            Assert.That(await db.Query("projects").Select("name").OrderBy("name").GetAsync<string>(), Is.EqualTo(await HandWrittenNamesAsync(2L)));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task The_session_reset_after_a_bypass_keeps_the_prepared_statements(bool rowLevelSecurity)
    {
        await using var source = SourceOf(rowLevelSecurity);
        await using var connection = await source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        await WarmUpAsync(db);
        var before = await PreparedStatementsAsync(connection);
        using (CurrentTenant.Bypass("prepared statement test: a bypass changes the session"))
        {
            await connection.ExecuteAsync("SELECT set_config('application_name', 'bypass-was-here', false)");
        }

        using (CurrentTenant.Use(3L))
        {
            Assert.That(await db.Query("projects").Select("name").OrderBy("name").GetAsync<string>(), Is.EqualTo(await HandWrittenNamesAsync(3L)));
        }

        Assert.That(await PreparedStatementsAsync(connection), Is.EqualTo(before));
    }

    [Test]
    public async Task A_refused_statement_sends_and_prepares_nothing()
    {
        await using var counter = new RoundTripProxy(ApplicationConnectionString);
        var settings = new NpgsqlConnectionStringBuilder(counter.ConnectionString) { MaxPoolSize = 1 };
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(settings.ConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = true });
        await using var connection = await source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        await WarmUpAsync(db);
        var before = counter.Count;

        Assert.That(async () => await db.Query("projects").Select("name").OrderBy("name").GetAsync<string>(), Throws.InstanceOf<TenantNotSetException>());
        Assert.That(async () => await connection.QueryAsync<string>("SELECT name FROM projects ORDER BY name"), Throws.InstanceOf<TenantNotSetException>());
        Assert.That((counter.Count - before).Turns, Is.Zero);
    }

    /// <summary>A data source of one physical connection, as the application role (row-level security on) or the superuser (the rewriter alone).</summary>
    private TenantDataSource SourceOf(bool rowLevelSecurity, bool prepare = true)
    {
        var settings = new NpgsqlConnectionStringBuilder(rowLevelSecurity ? ApplicationConnectionString : ConnectionString) { MaxPoolSize = 1 };
        return new TenantDataSource(NpgsqlDataSource.Create(settings.ConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = rowLevelSecurity, PrepareStatements = prepare });
    }

    /// <summary>Runs the builder statement of these tests twice for every tenant, so that it is prepared.</summary>
    private static async Task WarmUpAsync(QueryFactory db)
    {
        foreach (var tenant in Tenants.Concat(Tenants))
        {
            using (CurrentTenant.Use(tenant))
            {
                await db.Query("projects").Select("name").OrderBy("name").GetAsync<string>();
            }
        }
    }

    private static async Task<string[]> BuilderNamesAsync(TenantDataSource source, long tenant)
    {
        using (CurrentTenant.Use(tenant))
        {
            await using var connection = await source.OpenConnectionAsync();
            var db = new QueryFactory(connection, new PostgresCompiler());
            return (await db.Query("projects").Select("name").OrderBy("name").GetAsync<string>()).ToArray();
        }
    }

    private static async Task<string[]> TextNamesAsync(TenantDataSource source, long tenant, string sql)
    {
        using (CurrentTenant.Use(tenant))
        {
            await using var connection = await source.OpenConnectionAsync();
            return (await connection.QueryAsync<string>(sql, new { first = 1L })).ToArray();
        }
    }

    /// <summary>The tenant's project names, by a hand-written query of the superuser.</summary>
    private async Task<string[]> HandWrittenNamesAsync(long tenant)
    {
        await using var connection = await OpenConnectionAsync();
        return (await connection.QueryAsync<string>("SELECT name FROM projects WHERE account_id = @tenant ORDER BY name", new { tenant })).ToArray();
    }

    /// <summary>The statements prepared through the protocol on the data source's one physical connection, read through a bypass on it.</summary>
    private static async Task<string[]> PreparedStatementsAsync(TenantDataSource source)
    {
        await using var connection = await source.OpenConnectionAsync();
        return await PreparedStatementsAsync(connection);
    }

    private static async Task<string[]> PreparedStatementsAsync(System.Data.Common.DbConnection connection)
    {
        using (CurrentTenant.Bypass("prepared statement test: reads pg_prepared_statements"))
        {
            return (await connection.QueryAsync<string>("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql ORDER BY name")).ToArray();
        }
    }

    private static async Task<string[]> PreparedStatementNamesAsync(TenantDataSource source)
    {
        await using var connection = await source.OpenConnectionAsync();
        using (CurrentTenant.Bypass("prepared statement test: reads pg_prepared_statements"))
        {
            return (await connection.QueryAsync<string>("SELECT name FROM pg_prepared_statements WHERE NOT from_sql ORDER BY name")).ToArray();
        }
    }
}
