using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.Faults;

/// <summary>
/// A database with the fault suite's tables on the run's shared server, and the tools to break things: ending a
/// backend with <c>pg_terminate_backend</c>, and a <see cref="FaultProxy"/> in front of the server.
/// </summary>
[Category("Faults")]
public abstract class FaultFixture : DatabaseFixture
{
    /// <summary>The search_path a fresh session of <paramref name="source"/> has: its connection string's (a Citus fixture's schema), else PostgreSQL's default.</summary>
    private static string DefaultSearchPath(TenantDataSource source) => new NpgsqlConnectionStringBuilder(source.ConnectionString).SearchPath ?? "\"$user\", public";

    /// <summary>Driver exceptions that say a connection broke (the server ended it, the network failed or timed out).</summary>
    internal static readonly Type[] BrokenConnection = [typeof(NpgsqlException), typeof(PostgresException)];

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(FaultSchema.Ddl, connection);
        await command.ExecuteNonQueryAsync();
    }

    [SetUp]
    public void ClearTenant() => CurrentTenant.Clear();

    [TearDown]
    public void ClearTenantAfter() => CurrentTenant.Clear();

    /// <summary>A scoping data source on this fixture's database, with the given pool size and command timeout.</summary>
    protected TenantDataSource CreateSource(int maxPoolSize = 10, int commandTimeout = 30, string? connectionString = null, int timeout = 15) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString ?? ConnectionString)
        {
            MaxPoolSize = maxPoolSize,
            CommandTimeout = commandTimeout,
            Timeout = timeout,
            CancellationTimeout = 1000,
        }.ConnectionString), FaultSchema.Model);

    /// <summary>The backend process id of a scoping connection (a read of no table, sent as written).</summary>
    protected static async Task<int> BackendOfAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction = null) =>
        await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", transaction: transaction);

    /// <summary>Ends a backend as an administrator would, and waits until it is gone.</summary>
    protected async Task TerminateAsync(int pid)
    {
        await using var admin = await OpenConnectionAsync();
        await admin.ExecuteAsync("SELECT pg_terminate_backend(@pid, 5000)", new { pid });
    }

    /// <summary>Rows of one operation, read unscoped.</summary>
    protected async Task<long> RowsOfOperationAsync(long op)
    {
        await using var admin = await OpenConnectionAsync();
        return await admin.ExecuteScalarAsync<long>("SELECT count(*) FROM items WHERE op = @op", new { op });
    }

    /// <summary>
    /// Asserts that the next use of <paramref name="source"/> (a pool of one, so the very slot the fault used) under
    /// tenant 2 is clean: scoped to tenant 2, no bypass, no setting, temporary table or prepared statement left.
    /// </summary>
    /// <param name="source">The data source the fault happened on.</param>
    /// <param name="killedWhileIdle">
    /// Whether the pool may hold the killed session as an idle connection: the driver does not test a pooled connection
    /// when it hands it out, so the first command on it may fail with 57P01 (nothing of it ran), and the pool drops it.
    /// </param>
    protected static async Task AssertNextUseIsCleanAsync(TenantDataSource source, bool killedWhileIdle = false)
    {
        Assert.That(CurrentTenant.IsBypassed, Is.False, "the bypass of the failed call is still on");
        using (CurrentTenant.Use(2L))
        {
            if (killedWhileIdle)
            {
                // Unless the driver read the FATAL message already (it came in the same read), then the pool dropped it.
                await using var stale = await source.OpenConnectionAsync();
                try
                {
                    Assert.That(await stale.ExecuteScalarAsync<long>("SELECT count(*) FROM items"), Is.EqualTo(FaultSchema.SeedItemsPerTenant));
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.AdminShutdown)
                {
                    // The expected first use of a session killed while idle.
                }
            }

            await using var connection = await source.OpenConnectionAsync();
            var tenants = (await connection.QueryAsync<long>("SELECT DISTINCT account_id FROM items")).ToList();
            Assert.That(tenants, Is.EqualTo(new[] { 2L }), "tenant 2 read rows that are not its own");
            Assert.That(() => connection.Execute("CREATE TEMP TABLE leak_probe (x int)"), Throws.TypeOf<UnscopableSqlException>(), "DDL is sent as written: a bypass is still on");
            using (CurrentTenant.Bypass("fault suite: inspect the session"))
            {
                // SQL-level PREPAREs only: the statements the data source prepares through the protocol stay by design.
                var session = await connection.QuerySingleAsync<(string? Setting, string? Temp, long Prepared, string SearchPath)>(
                    "SELECT current_setting('fault.leak', true), to_regclass('pg_temp.leak')::text, (SELECT count(*) FROM pg_prepared_statements WHERE from_sql), current_setting('search_path')");
                Assert.That(session.Setting ?? "", Is.Empty, "a setting of the failed call is still there");
                Assert.That(session.Temp, Is.Null, "a temporary table of the failed call is still there");
                Assert.That(session.Prepared, Is.Zero, "a prepared statement of the failed call is still there");
                Assert.That(session.SearchPath, Is.EqualTo(DefaultSearchPath(source)), "the search_path of the failed call is still there");
            }
        }
    }
}
