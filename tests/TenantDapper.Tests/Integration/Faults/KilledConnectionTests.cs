using System.Data.Common;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.Faults;

/// <summary>
/// A backend ended by <c>pg_terminate_backend</c> at the worst moments: the caller gets the driver's exception,
/// nothing half written stays, and the next use of the pool (a pool of one: the same slot) under another tenant is clean.
/// </summary>
public class KilledConnectionTests : FaultFixture
{
    [Test]
    public async Task A_connection_killed_inside_a_transaction_loses_the_transaction_and_leaves_the_pool_clean()
    {
        await using var source = CreateSource(maxPoolSize: 1);
        using (CurrentTenant.Use(1L))
        {
            await using var connection = await source.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync("INSERT INTO items (op, name, written_for) VALUES (101, 'in tx', 1)", transaction: transaction);
            await TerminateAsync(await BackendOfAsync(connection, transaction));

            Assert.That(
                async () => await connection.ExecuteAsync("UPDATE counters SET n = n + 1", transaction: transaction),
                Throws.InstanceOf<NpgsqlException>());
        }

        Assert.That(await RowsOfOperationAsync(101), Is.Zero);
        await AssertNextUseIsCleanAsync(source);
    }

    [Test]
    public async Task A_connection_killed_inside_a_bypass_ends_the_bypass_with_its_scope_and_leaves_no_session_state()
    {
        await using var source = CreateSource(maxPoolSize: 1);
        await using (var connection = await source.OpenConnectionAsync())
        {
            using (CurrentTenant.Bypass("fault suite: session state that must not survive"))
            {
                await connection.ExecuteAsync(
                    "SET fault.leak = 'tenant 1'; SET search_path = pg_catalog, public; CREATE TEMP TABLE leak (x int); PREPARE leak_statement AS SELECT 1");
                await TerminateAsync(await BackendOfAsync(connection));
                Assert.That(async () => await connection.ExecuteAsync("INSERT INTO items (account_id, op, name, written_for) VALUES (1, 102, 'bypass', 1)"), Throws.InstanceOf<NpgsqlException>());
            }
        }

        Assert.That(await RowsOfOperationAsync(102), Is.Zero);
        await AssertNextUseIsCleanAsync(source);
    }

    [Test]
    public async Task A_bypass_that_fails_without_a_kill_returns_its_session_to_the_pool_reset()
    {
        await using var source = CreateSource(maxPoolSize: 1);
        await using (var connection = await source.OpenConnectionAsync())
        {
            using (CurrentTenant.Bypass("fault suite: session state that must not survive"))
            {
                Assert.That(
                    async () => await connection.ExecuteAsync(
                        "SET fault.leak = 'tenant 1'; SET search_path = pg_catalog, public; CREATE TEMP TABLE leak (x int); PREPARE leak_statement AS SELECT 1; SELECT 1 / 0"),
                    Throws.TypeOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.DivisionByZero));
            }
        }

        await AssertNextUseIsCleanAsync(source);
    }

    [Test]
    public async Task A_connection_killed_inside_a_bulk_insert_writes_none_of_its_rows()
    {
        await using var source = CreateSource(maxPoolSize: 1);
        using (CurrentTenant.Use(1L))
        {
            await using var connection = await source.OpenConnectionAsync();
            var pid = await BackendOfAsync(connection);
            Assert.That(
                async () => await connection.BulkInsertAsync(RowsThatKillTheirBackend(pid, op: 103, killAt: 2_000)),
                Throws.InstanceOf<NpgsqlException>());
        }

        Assert.That(await RowsOfOperationAsync(103), Is.Zero);
        await AssertNextUseIsCleanAsync(source);
    }

    [Test]
    public async Task A_connection_killed_between_the_statements_of_a_query_multiple_fails_the_call_and_rolls_back_its_first_statement()
    {
        await using var source = CreateSource(maxPoolSize: 1);
        using (CurrentTenant.Use(1L))
        {
            await using var connection = await source.OpenConnectionAsync();
            var pid = await BackendOfAsync(connection);
            // The second statement sleeps far longer than the kill takes to come, whatever the table holds and wherever
            // it runs (a sleep per row of items ran on Citus's workers, or not at all on an empty table, and raced the kill).
            var kill = Task.Delay(500).ContinueWith(_ => TerminateAsync(pid)).Unwrap();
            Assert.That(
                async () =>
                {
                    await using var grids = await connection.QueryMultipleAsync(
                        "INSERT INTO items (op, name, written_for) VALUES (104, 'first statement', 1) RETURNING id; SELECT 1::bigint FROM pg_sleep(5)");
                    await grids.ReadAsync<long>();
                    await grids.ReadAsync<long>();
                },
                Throws.InstanceOf<NpgsqlException>());
            await kill;
        }

        Assert.That(await RowsOfOperationAsync(104), Is.Zero, "the batch is one implicit transaction: its first statement must not stay");
        await AssertNextUseIsCleanAsync(source);
    }

    [Test]
    public async Task A_connection_killed_after_the_first_grid_of_a_query_multiple_was_read_gives_the_whole_second_grid_or_the_driver_exception()
    {
        // PostgreSQL flushes a batch's results when the batch ends; whether the driver read them before the FATAL is timing.
        await using var source = CreateSource(maxPoolSize: 1);
        var failed = false;
        using (CurrentTenant.Use(1L))
        {
            await using var connection = await source.OpenConnectionAsync();
            var pid = await BackendOfAsync(connection);
            await using var grids = await connection.QueryMultipleAsync("SELECT id FROM items WHERE id <= 3 ORDER BY id; SELECT account_id FROM items");
            Assert.That(await grids.ReadAsync<long>(), Is.EqualTo(new[] { 1L, 2L, 3L }));
            await TerminateAsync(pid);
            List<long> second;
            try
            {
                second = (await grids.ReadAsync<long>()).ToList();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.AdminShutdown)
            {
                failed = true;
                second = Enumerable.Repeat(1L, FaultSchema.SeedItemsPerTenant).ToList();
            }

            Assert.That(second, Has.Count.EqualTo(FaultSchema.SeedItemsPerTenant).And.All.EqualTo(1L));
        }

        await AssertNextUseIsCleanAsync(source, killedWhileIdle: !failed);
    }

    [Test]
    public async Task A_connection_killed_in_the_middle_of_an_unbuffered_read_fails_the_read_with_only_own_rows_seen()
    {
        await using var source = CreateSource(maxPoolSize: 1);
        using (CurrentTenant.Use(1L))
        {
            await using var connection = await source.OpenConnectionAsync();
            var pid = await BackendOfAsync(connection);
            var seen = new List<long>();
            Assert.That(
                async () =>
                {
                    await foreach (var row in connection.QueryUnbufferedAsync<(long Tenant, int G)>(
                        "SELECT i.account_id, g FROM items i CROSS JOIN generate_series(1, 100000) g"))
                    {
                        seen.Add(row.Tenant);
                        if (seen.Count == 1_000)
                        {
                            await TerminateAsync(pid);
                        }
                    }
                },
                Throws.InstanceOf<NpgsqlException>());
            Assert.That(seen, Has.Count.GreaterThanOrEqualTo(1_000).And.All.EqualTo(1L));
        }

        await AssertNextUseIsCleanAsync(source);
    }

    /// <summary>Rows for a bulk insert that end their own backend (from another connection) once <paramref name="killAt"/> rows were given.</summary>
    private IEnumerable<FaultItem> RowsThatKillTheirBackend(int pid, long op, int killAt)
    {
        for (var i = 0; i < killAt + 1_000_000; i++)
        {
            if (i == killAt)
            {
                TerminateAsync(pid).GetAwaiter().GetResult();
            }

            yield return new FaultItem { Op = op, Name = "copy " + i, WrittenFor = 1 };
        }
    }
}
