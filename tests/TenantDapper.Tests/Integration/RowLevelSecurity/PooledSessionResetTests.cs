using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// With <c>No Reset On Close</c> on the caller's data source (the fast mode) the pool resets nothing, and the data
/// source resets a physical connection only after a bypass used it: what a bypassed statement left in the session
/// never reaches the next connection handed out on the same backend, however the bypass's connection ended (closed,
/// disposed, closed by its reader, by Dapper, inside a transaction committed, rolled back, rolled back to a
/// savepoint, or left open), sync and async; a connection that ran only scoped statements goes back unreset; and a
/// session whose reset fails is never handed out again.
/// </summary>
public class PooledSessionResetTests : RowLevelSecurityFixture
{
    private const string Countries = "SELECT name FROM countries ORDER BY code";

    // What a bypass leaves in its session, and a probe that is true when none of it is there.
    private static readonly object[] Leaks =
    [
        new object[] { "SET application_name = 'leaked'", "SELECT current_setting('application_name') <> 'leaked'" },
        new object[] { "SET ROLE pg_monitor", "SELECT current_user = session_user" },
        new object[] { "SET SESSION AUTHORIZATION pg_monitor", "SELECT session_user::text <> 'pg_monitor'" },
        new object[] { "CREATE TEMPORARY TABLE leaked_temp AS SELECT 1 AS one", "SELECT to_regclass('pg_temp.leaked_temp') IS NULL" },
        new object[] { "PREPARE leaked_statement AS SELECT 1", "SELECT NOT EXISTS (SELECT FROM pg_prepared_statements WHERE name = 'leaked_statement')" },
        new object[] { "SELECT pg_advisory_lock(4243)", "SELECT NOT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid())" },
        new object[] { "LISTEN leaked_channel", "SELECT NOT EXISTS (SELECT FROM pg_listening_channels() AS channel WHERE channel = 'leaked_channel')" },
        new object[] { "DECLARE leaked_cursor CURSOR WITH HOLD FOR SELECT 1", "SELECT NOT EXISTS (SELECT FROM pg_cursors WHERE name = 'leaked_cursor')" },
    ];

    /// <summary>How the connection the bypass ran on ends.</summary>
    public enum Ending
    {
        /// <summary>Closed, then disposed.</summary>
        Closed,

        /// <summary>Disposed without a close.</summary>
        Disposed,

        /// <summary>Closed by the bypass's reader (<see cref="CommandBehavior.CloseConnection"/>).</summary>
        ClosedByItsReader,

        /// <summary>Never opened by the caller: Dapper opens and closes it around the bypass.</summary>
        OpenedByDapper,

        /// <summary>The bypass ran inside a transaction that commits.</summary>
        BypassInCommittedTransaction,

        /// <summary>A tenant statement reset the session inside a transaction that rolls back, which undoes the reset.</summary>
        ResetRolledBack,

        /// <summary>A tenant statement reset the session after a savepoint the transaction rolls back to, then commits.</summary>
        ResetRolledBackToSavepoint,

        /// <summary>A tenant statement reset the session inside a transaction still open when the connection closes.</summary>
        ResetInTransactionOpenAtClose,
    }

    [Test]
    public async Task What_a_bypass_leaves_in_a_session_never_reaches_the_next_connection_on_the_same_backend(
        [ValueSource(nameof(Leaks))] object[] leak, [Values] Ending ending, [Values] bool async)
    {
        var (bypass, probe) = ((string)leak[0], (string)leak[1]);
        await using var source = FastSource(ConnectionString);
        var backend = await LeaveAsync(source, bypass, ending, async);

        await using var next = async ? await source.OpenConnectionAsync() : source.OpenConnection();
        Assert.That(await BypassedAsync(() => ScalarAsync<int>(next, "SELECT pg_backend_pid()", null, async)), Is.EqualTo(backend), "the pool hands out the same backend");
        Assert.That(await BypassedAsync(() => ScalarAsync<bool>(next, probe, null, async)), Is.True, "the session as the pool hands it out");
        Assert.That(await TenantAsync(() => CountriesAsync(next, null, async)), Is.EqualTo(new[] { "Germany", "France" }));
    }

    [Test]
    public async Task A_temporary_table_a_bypass_left_does_not_shadow_a_table_for_the_next_tenant_on_the_same_backend([Values] bool async)
    {
        await using var source = FastSource(ApplicationConnectionString, rowLevelSecurity: true);
        var backend = await LeaveAsync(source, "CREATE TEMPORARY TABLE countries AS SELECT 'xx'::text AS code, 'three-secret'::text AS name", Ending.ClosedByItsReader, async);

        await using var next = async ? await source.OpenConnectionAsync() : source.OpenConnection();
        Assert.That(await BypassedAsync(() => ScalarAsync<int>(next, "SELECT pg_backend_pid()", null, async)), Is.EqualTo(backend));
        Assert.That(await TenantAsync(() => CountriesAsync(next, null, async)), Is.EqualTo(new[] { "Germany", "France" }));
    }

    [Test]
    public async Task A_bypassed_command_of_the_data_source_itself_leaves_nothing_in_the_pool([Values] bool async)
    {
        await using var source = FastSource(ConnectionString);
        int backend;
        using (CurrentTenant.Bypass("pool reset test: a command of the data source"))
        {
            await using var command = source.CreateCommand("SET application_name = 'leaked'; SELECT pg_backend_pid()");
            backend = (int)(async ? await command.ExecuteScalarAsync() : command.ExecuteScalar())!;
        }

        await using var next = async ? await source.OpenConnectionAsync() : source.OpenConnection();
        Assert.That(await BypassedAsync(() => ScalarAsync<string>(next, "SELECT pg_backend_pid() || ' ' || current_setting('application_name')", null, async)), Is.EqualTo(backend + " "));
    }

    [Test]
    public async Task A_bypassed_batch_of_the_data_source_itself_leaves_nothing_in_the_pool([Values] bool async)
    {
        await using var source = FastSource(ConnectionString);
        int backend;
        using (CurrentTenant.Bypass("pool reset test: a batch of the data source"))
        {
            await using var batch = source.CreateBatch();
            foreach (var text in new[] { "SET application_name = 'leaked'", "SELECT pg_backend_pid()" })
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = text;
                batch.BatchCommands.Add(command);
            }

            await using var reader = async ? await batch.ExecuteReaderAsync() : batch.ExecuteReader();
            Assert.That(reader.Read(), Is.True);
            backend = reader.GetInt32(0);
        }

        await using var next = async ? await source.OpenConnectionAsync() : source.OpenConnection();
        Assert.That(await BypassedAsync(() => ScalarAsync<string>(next, "SELECT pg_backend_pid() || ' ' || current_setting('application_name')", null, async)), Is.EqualTo(backend + " "));
    }

    [Test]
    public async Task A_connection_that_ran_only_scoped_statements_goes_back_to_the_pool_without_a_reset()
    {
        const int Connections = 3;
        await using var proxy = new RoundTripProxy(ConnectionString);
        var fast = await CountCyclesAsync(proxy, new NpgsqlConnectionStringBuilder(proxy.ConnectionString) { NoResetOnClose = true, MaxPoolSize = 1 }, Connections, bypass: false);
        var pooled = await CountCyclesAsync(proxy, new NpgsqlConnectionStringBuilder(proxy.ConnectionString) { MaxPoolSize = 1 }, Connections, bypass: false);

        Assert.That(fast, Is.EqualTo(new RoundTripCount(Connections, Connections)), "one round trip and one ReadyForQuery per statement, nothing else");
        Assert.That(pooled, Is.EqualTo(new RoundTripCount(Connections, 2 * Connections)), "the pool's own reset rides along with each statement after an open");
    }

    [Test]
    public async Task A_connection_a_bypass_used_is_reset_in_a_round_trip_of_its_own_when_it_closes()
    {
        const int Connections = 3;
        await using var proxy = new RoundTripProxy(ConnectionString);
        var fast = await CountCyclesAsync(proxy, new NpgsqlConnectionStringBuilder(proxy.ConnectionString) { NoResetOnClose = true, MaxPoolSize = 1 }, Connections, bypass: true);

        Assert.That(fast, Is.EqualTo(new RoundTripCount(2 * Connections, 2 * Connections)));
    }

    [Test]
    public async Task A_session_whose_reset_fails_is_not_handed_out_again([Values] bool async)
    {
        await using var source = FastSource(ConnectionString);
        int backend;
        var connection = async ? await source.OpenConnectionAsync() : source.OpenConnection();
        using (CurrentTenant.Bypass("pool reset test: a reader left open makes the reset fail"))
        {
            backend = await ScalarAsync<int>(connection, "SET application_name = 'leaked'; SELECT pg_backend_pid()", null, async);
            var reader = async ? await connection.ExecuteReaderAsync("SELECT generate_series(1, 1000)") : connection.ExecuteReader("SELECT generate_series(1, 1000)");
            Assert.That(reader.Read(), Is.True);
        }

        await EndAsync(connection, async);

        await using var next = async ? await source.OpenConnectionAsync() : source.OpenConnection();
        Assert.That(await BypassedAsync(() => ScalarAsync<bool>(next, "SELECT pg_backend_pid() <> " + backend + " AND current_setting('application_name') <> 'leaked'", null, async)), Is.True);
    }

    [Test]
    public async Task A_session_that_breaks_before_its_reset_is_not_handed_out_again([Values] bool async)
    {
        await using var source = FastSource(ConnectionString);
        var connection = async ? await source.OpenConnectionAsync() : source.OpenConnection();
        var backend = await BypassedAsync(() => ScalarAsync<int>(connection, "SET application_name = 'leaked'; SELECT pg_backend_pid()", null, async));
        await using (var killer = await OpenConnectionAsync())
        {
            await killer.ExecuteAsync("SELECT pg_terminate_backend(@backend, 5000)", new { backend });
        }

        Assert.That(() => EndAsync(connection, async), Throws.Nothing);

        await using var next = async ? await source.OpenConnectionAsync() : source.OpenConnection();
        Assert.That(await BypassedAsync(() => ScalarAsync<int>(next, "SELECT pg_backend_pid()", null, async)), Is.Not.EqualTo(backend));
        Assert.That(await TenantAsync(() => CountriesAsync(next, null, async)), Is.EqualTo(new[] { "Germany", "France" }));
    }

    [Test]
    public async Task A_bypass_in_an_ambient_transaction_keeps_its_work_and_leaves_its_session_out_of_the_pool()
    {
        await ExecuteAsync("CREATE TABLE ambient_marks (id integer)");
        await using var source = FastSource(ConnectionString);
        int backend;
        using (var scope = new System.Transactions.TransactionScope(System.Transactions.TransactionScopeAsyncFlowOption.Enabled))
        {
            await using (var connection = await source.OpenConnectionAsync())
            {
                backend = await BypassedAsync(() => ScalarAsync<int>(connection, "INSERT INTO ambient_marks VALUES (1); SELECT pg_advisory_lock(4244); SELECT pg_backend_pid()", null, async: true));
            }

            scope.Complete();
        }

        await using var next = await source.OpenConnectionAsync();
        Assert.That(await BypassedAsync(() => ScalarAsync<long>(next, "SELECT count(*) FROM ambient_marks", null, async: true)), Is.EqualTo(1), "the ambient transaction committed the bypass's row");
        Assert.That(await BypassedAsync(() => ScalarAsync<bool>(next, "SELECT pg_backend_pid() <> " + backend + " AND NOT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND objid = 4244 AND pid = pg_backend_pid())", null, async: true)), Is.True);

        // The closed session's backend exits after the client has gone, so its lock may still be listed for a moment.
        var released = false;
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); !released && wait.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(50))
        {
            released = await BypassedAsync(() => ScalarAsync<bool>(next, "SELECT NOT EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' AND objid = 4244)", null, async: true));
        }

        Assert.That(released, Is.True, "the lock ended with the session that took it");
    }

    private static TenantDataSource FastSource(string connectionString, bool rowLevelSecurity = false) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxPoolSize = 1 }.ConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = rowLevelSecurity });

    /// <summary>Runs <paramref name="bypass"/> on a connection of <paramref name="source"/> that ends as <paramref name="ending"/> says; returns its backend.</summary>
    private static async Task<int> LeaveAsync(TenantDataSource source, string bypass, Ending ending, bool async)
    {
        var connection = source.CreateConnection();
        if (ending == Ending.OpenedByDapper)
        {
            var backend = await BypassedAsync(() => ScalarAsync<int>(connection, "SELECT pg_backend_pid(); " + bypass, null, async));
            Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
            await DisposeAsync(connection, async);
            return backend;
        }

        await Either(async, () => connection.OpenAsync(), connection.Open);
        var pid = await BypassedAsync(() => ScalarAsync<int>(connection, "SELECT pg_backend_pid()", null, async));
        switch (ending)
        {
            case Ending.Closed:
                await BypassedAsync(() => ExecuteAsync(connection, bypass, null, async));
                await Either(async, () => connection.CloseAsync(), connection.Close);
                break;
            case Ending.Disposed:
                await BypassedAsync(() => ExecuteAsync(connection, bypass, null, async));
                break;
            case Ending.ClosedByItsReader:
                await BypassedAsync(async () =>
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = bypass;
                    var reader = async ? await command.ExecuteReaderAsync(CommandBehavior.CloseConnection) : command.ExecuteReader(CommandBehavior.CloseConnection);
                    await Either(async, () => reader.CloseAsync(), reader.Close);
                    return 0;
                });
                Assert.That(connection.State, Is.EqualTo(ConnectionState.Closed));
                break;
            case Ending.BypassInCommittedTransaction:
            {
                var transaction = await BeginAsync(connection, async);
                await BypassedAsync(() => ExecuteAsync(connection, bypass, transaction, async));
                await Either(async, () => transaction.CommitAsync(), transaction.Commit);
                await Either(async, () => connection.CloseAsync(), connection.Close);
                break;
            }

            case Ending.ResetRolledBack:
            {
                await BypassedAsync(() => ExecuteAsync(connection, bypass, null, async));
                var transaction = await BeginAsync(connection, async);
                Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { "Germany", "France" }));
                await Either(async, () => transaction.RollbackAsync(), transaction.Rollback);
                await Either(async, () => connection.CloseAsync(), connection.Close);
                break;
            }

            case Ending.ResetRolledBackToSavepoint:
            {
                var transaction = await BeginAsync(connection, async);
                await BypassedAsync(() => ExecuteAsync(connection, bypass, transaction, async));
                await Either(async, () => transaction.SaveAsync("before_tenant"), () => transaction.Save("before_tenant"));
                Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { "Germany", "France" }));
                await Either(async, () => transaction.RollbackAsync("before_tenant"), () => transaction.Rollback("before_tenant"));
                await Either(async, () => transaction.CommitAsync(), transaction.Commit);
                await Either(async, () => connection.CloseAsync(), connection.Close);
                break;
            }

            case Ending.ResetInTransactionOpenAtClose:
            {
                await BypassedAsync(() => ExecuteAsync(connection, bypass, null, async));
                var transaction = await BeginAsync(connection, async);
                Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { "Germany", "France" }));
                break;
            }
        }

        await DisposeAsync(connection, async);
        return pid;
    }

    private static async Task<RoundTripCount> CountCyclesAsync(RoundTripProxy proxy, NpgsqlConnectionStringBuilder settings, int connections, bool bypass)
    {
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(settings.ConnectionString), Model);
        // Twice: the data source prepares a text from its second sending on, which costs one round trip once.
        for (var warmUp = 0; warmUp < 2; warmUp++)
        {
            await using var warm = await source.OpenConnectionAsync();
            Assert.That(await TenantAsync(() => CountriesAsync(warm, null, async: true)), Has.Length.EqualTo(2));
        }

        var before = proxy.Count;
        for (var i = 0; i < connections; i++)
        {
            await using var connection = await source.OpenConnectionAsync();
            if (bypass)
            {
                await BypassedAsync(() => CountriesAsync(connection, null, async: true));
            }
            else
            {
                await TenantAsync(() => CountriesAsync(connection, null, async: true));
            }
        }

        return proxy.Count - before;
    }

    private static async Task<T> BypassedAsync<T>(Func<Task<T>> statement)
    {
        using (CurrentTenant.Bypass("pool reset test: looks at or changes the session"))
        {
            return await statement();
        }
    }

    private static async Task<T> TenantAsync<T>(Func<Task<T>> statement)
    {
        using (CurrentTenant.Use(1L))
        {
            return await statement();
        }
    }

    private static async Task<int> ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction, bool async) =>
        async ? await connection.ExecuteAsync(sql, transaction: transaction) : connection.Execute(sql, transaction: transaction);

    private static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, DbTransaction? transaction, bool async) =>
        async ? (await connection.ExecuteScalarAsync<T>(sql, transaction: transaction))! : connection.ExecuteScalar<T>(sql, transaction: transaction)!;

    private static async Task<string[]> CountriesAsync(DbConnection connection, DbTransaction? transaction, bool async) =>
        async
            ? (await connection.QueryAsync<string>(Countries, transaction: transaction)).ToArray()
            : connection.Query<string>(Countries, transaction: transaction).ToArray();

    private static async Task<DbTransaction> BeginAsync(DbConnection connection, bool async) =>
        async ? await connection.BeginTransactionAsync() : connection.BeginTransaction();

    private static Task EndAsync(DbConnection connection, bool async) => DisposeAsync(connection, async);

    /// <summary>Runs the asynchronous or the synchronous form of a call.</summary>
    private static Task Either(bool async, Func<Task> asynchronous, Action synchronous)
    {
        if (async)
        {
            return asynchronous();
        }

        synchronous();
        return Task.CompletedTask;
    }

    private static async Task DisposeAsync(DbConnection connection, bool async)
    {
        if (async)
        {
            await connection.DisposeAsync();
        }
        else
        {
            connection.Dispose();
        }
    }
}
