using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Citus.Scripting;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// The concurrent distribution script on a real cluster: when part 2 stops, running the same script again
/// finishes it with every foreign key back; right after it, verification passes although Citus still holds old
/// shards for deferred cleanup; and planning again finds nothing to do.
/// </summary>
[NonParallelizable]
public sealed class CitusRerunTests : CitusClusterFixture
{
    protected override bool DistributesInSetUp => false;

    [Test]
    public async Task Concurrent_script_stopped_in_part_two_finishes_when_run_again_with_every_foreign_key()
    {
        var lines = new CitusScriptWriter(new CitusScriptOptions { Concurrently = true }).DistributionLines(Plan);
        await using var connection = await OpenConnectionAsync();

        // A task of a project that does not exist, written past the foreign key: re-creating the key after
        // distributing tasks fails in part 2, when the keys of the tables after it are still dropped.
        await ExecuteAsync(connection, "SET session_replication_role = replica; INSERT INTO tasks (account_id, id, project_id, title) VALUES (1, 999, 999, 'orphan'); SET session_replication_role = origin");
        var stop = Assert.ThrowsAsync<PostgresException>(() => CitusDistribution.RunAsync(connection, lines, CancellationToken.None));
        Assert.That(stop!.SqlState, Is.EqualTo(PostgresErrorCodes.ForeignKeyViolation));
        Assert.That(await ForeignKeyCountAsync(), Is.LessThan(Plan.ForeignKeysToCreate.Count));

        await ExecuteAsync(connection, "DELETE FROM tasks WHERE id = 999");
        await CitusDistribution.RunAsync(connection, lines, CancellationToken.None);

        Assert.That(await ForeignKeyCountAsync(), Is.EqualTo(Plan.ForeignKeysToCreate.Count));

        // The shards a concurrent distribution leaves for deferred cleanup (pg_dist_cleanup) are no tables of the schema.
        var catalog = await SchemaCatalog.ReadAsync(connection);
        Assert.That(
            catalog.Tables.Where(t => t.Name.Schema == Schema).Select(t => t.Name.Name),
            Is.EquivalentTo(new[] { "accounts", "audit_log", "comments", "countries", "managers", "project_managers", "projects", "tasks" }));
        var again = DistributionPlanner.Plan(Model, catalog);
        Assert.That(again.IsComplete, Is.True, again.ToText());
        Assert.That(async () => await CitusDistribution.VerifyAsync(connection, again), Throws.Nothing);
        Assert.That(await QueryAsync("SELECT string_agg(account_id || ':' || id, ',' ORDER BY id) FROM tasks"), Is.EqualTo(new[] { "1:100,1:101,2:200" }));
    }

    [Test]
    public async Task Concurrent_script_beside_a_transaction_holding_a_tables_lock_stops_with_a_lock_timeout_and_changes_nothing()
    {
        var lines = new CitusScriptWriter(new CitusScriptOptions { Concurrently = true, LockTimeout = TimeSpan.FromSeconds(1) }).DistributionLines(Plan);
        var keys = await ForeignKeyCountAsync();
        await using var ddl = await OpenConnectionAsync();
        await ExecuteAsync(ddl, "BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
        await using var connection = await OpenConnectionAsync();

        var started = System.Diagnostics.Stopwatch.StartNew();
        var stop = Assert.ThrowsAsync<PostgresException>(() => CitusDistribution.RunAsync(connection, lines, CancellationToken.None));
        started.Stop();
        await ExecuteAsync(ddl, "ROLLBACK");

        Assert.That(stop!.SqlState, Is.EqualTo(PostgresErrorCodes.LockNotAvailable));
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)));
        Assert.That(await ForeignKeyCountAsync(), Is.EqualTo(keys));
        Assert.That(await QueryAsync("SELECT count(*) FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1"), Is.EqualTo(new[] { "0" }));
    }

    private async Task<int> ForeignKeyCountAsync()
    {
        var rows = await QueryAsync("""
            SELECT count(*) FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND con.contype = 'f'
            """);
        return int.Parse(rows.Single(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
