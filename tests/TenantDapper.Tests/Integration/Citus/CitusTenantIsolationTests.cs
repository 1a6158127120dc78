using TenantDapper.Citus;
using TenantDapper.Citus.Operations;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// Tenant operations on a real cluster: isolating a tenant to a shard group of its own (and moving it to a node),
/// and the top tenants a load drove. Other tenants' rows are compared before and after.
/// </summary>
[NonParallelizable]
public sealed class CitusTenantIsolationTests : CitusTenantOperationsFixture
{
    private const string ShardCountOfTheGroup = """
        SELECT count(*) FROM pg_dist_shard s JOIN pg_dist_partition p ON p.logicalrelid = s.logicalrelid
        WHERE p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'accounts'::regclass)
        """;

    private const string ForeignKeyCount = """
        SELECT count(*) FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND con.contype = 'f'
        """;

    [Test]
    public async Task Isolated_tenant_has_its_own_shard_in_every_colocated_table_and_other_tenants_keep_their_rows()
    {
        await using var connection = await OpenConnectionAsync();
        var before = await QueryAsync(SnapshotSql);
        var foreignKeys = await ScalarAsync(ForeignKeyCount);
        // A tenant that shares its shard with others (hashing decides which; 7 and 21..23 belong to other tests).
        var tenant = await ScalarAsync("""
            SELECT min(account_id) FROM (
                SELECT account_id, count(*) OVER (PARTITION BY get_shard_id_for_distribution_column('tasks', account_id)) AS tenants
                FROM (SELECT DISTINCT account_id FROM tasks) d) s
            WHERE tenants > 1 AND account_id NOT IN (7, 21, 22, 23)
            """);
        var other = tenant == 3 ? 4 : 3;
        Assert.That(await TenantsSharingTheShardOfAsync("tasks", tenant), Is.GreaterThan(1));

        var plan = await TenantIsolationPlan.ReadAsync(connection, Accounts, tenant.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ShardTransferModes.Auto, CancellationToken.None);
        Assert.That(plan.Problems, Is.Empty, plan.ToText());
        Assert.That(plan.IsComplete, Is.False);
        Assert.That(plan.ColocatedTables.Select(t => t.Name), Is.EquivalentTo(new[] { "accounts", "comments", "managers", "project_managers", "projects", "tasks" }));
        Assert.That(
            async () => await CitusDistribution.RunVerificationAsync(connection, TenantOperationScripts.IsolationVerification(plan.Isolation), CancellationToken.None),
            Throws.TypeOf<CitusVerificationException>().With.Message.Contains("is not isolated as planned"));

        await CitusDistribution.RunAsync(connection, TenantOperationScripts.Isolation(plan.Isolation), CancellationToken.None);

        Assert.That(
            async () => await CitusDistribution.RunVerificationAsync(connection, TenantOperationScripts.IsolationVerification(plan.Isolation), CancellationToken.None),
            Throws.Nothing);
        Assert.That(await TenantsSharingTheShardOfAsync("tasks", tenant), Is.EqualTo(1));
        Assert.That(await TenantsSharingTheShardOfAsync("projects", tenant), Is.EqualTo(1));
        Assert.That(await QueryAsync(SnapshotSql), Is.EqualTo(before), "every tenant's rows, counts and checksums are unchanged");
        Assert.That(await TaskCountAsync($"SELECT p.name, t.title FROM projects p JOIN tasks t ON t.account_id = p.account_id AND t.project_id = p.id WHERE p.account_id = {tenant} AND t.account_id = {tenant}"), Is.EqualTo(1));
        Assert.That(await TaskCountAsync($"SELECT p.name, t.title FROM projects p LEFT JOIN tasks t ON t.account_id = p.account_id AND t.project_id = p.id WHERE p.account_id = {other}"), Is.EqualTo(1));

        var shards = await ScalarAsync(ShardCountOfTheGroup);
        var again = await TenantIsolationPlan.ReadAsync(connection, Accounts, tenant.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ShardTransferModes.Auto, CancellationToken.None);
        Assert.That(again.IsComplete, Is.True, again.ToText());
        await CitusDistribution.RunAsync(connection, TenantOperationScripts.Isolation(again.Isolation), CancellationToken.None);
        Assert.That(await ScalarAsync(ShardCountOfTheGroup), Is.EqualTo(shards), "a second run splits nothing");
        Assert.That(await ScalarAsync(ForeignKeyCount), Is.EqualTo(foreignKeys), "and changes no foreign key");
    }

    [Test]
    public async Task Isolating_with_a_node_moves_the_tenant_shard_group_there_once()
    {
        await using var connection = await OpenConnectionAsync();
        var before = await QueryAsync(SnapshotSql);
        var first = await TenantIsolationPlan.ReadAsync(connection, Accounts, "7", null, ShardTransferModes.BlockWrites, CancellationToken.None);
        var workers = (await QueryAsync("SELECT nodename || ':' || nodeport FROM pg_dist_node WHERE shouldhaveshards AND isactive AND noderole = 'primary' ORDER BY 1"))
            .Select(CitusNode.Parse).ToList();
        var target = workers.First(w => !first.Nodes.Contains(w));

        var plan = await TenantIsolationPlan.ReadAsync(connection, Accounts, "7", target, ShardTransferModes.BlockWrites, CancellationToken.None);
        Assert.That(plan.Problems, Is.Empty, plan.ToText());
        Assert.That(plan.ToText(), Does.Contain($"to {target}"));
        await CitusDistribution.RunAsync(connection, TenantOperationScripts.Isolation(plan.Isolation), CancellationToken.None);

        Assert.That(
            async () => await CitusDistribution.RunVerificationAsync(connection, TenantOperationScripts.IsolationVerification(plan.Isolation), CancellationToken.None),
            Throws.Nothing);
        var placements = await QueryAsync($"""
            SELECT DISTINCT n.nodename || ':' || n.nodeport
            FROM pg_dist_partition p
            JOIN pg_dist_placement pl ON pl.shardid = get_shard_id_for_distribution_column(p.logicalrelid, 7::bigint)
            JOIN pg_dist_node n ON n.groupid = pl.groupid
            WHERE p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'accounts'::regclass)
            """);
        Assert.That(placements, Is.EqualTo(new[] { target.ToString() }), "every co-located shard of tenant 7 is on the named node");
        Assert.That(await QueryAsync(SnapshotSql), Is.EqualTo(before));

        var again = await TenantIsolationPlan.ReadAsync(connection, Accounts, "7", target, ShardTransferModes.BlockWrites, CancellationToken.None);
        Assert.That(again.IsComplete, Is.True, again.ToText());
        Assert.That(again.ToText(), Does.Contain("Nothing to do"));
    }

    [Test]
    public async Task Tool_plans_writes_and_verifies_an_isolation_and_a_second_run_of_its_script_does_nothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"isolate_{Schema}.sql");
        string[] Arguments(string action) => ["isolate", action, "--connection", ConnectionString, "--schema", Schema, "--table", "accounts", "--value", "9", "--transfer-mode", "block_writes"];

        var (planExit, planText, _) = await RunToolAsync(Arguments("plan"));
        var (failedExit, _, failedError) = await RunToolAsync(Arguments("verify"));
        var (scriptExit, _, _) = await RunToolAsync([.. Arguments("script"), "--out", file]);
        var before = await QueryAsync(SnapshotSql);
        await using (var connection = await OpenConnectionAsync())
        {
            // The file as psql sends it: one simple query per statement of the script.
            var script = await File.ReadAllTextAsync(file);
            await ExecuteStatementsAsync(connection, script);
            await ExecuteStatementsAsync(connection, script);
        }

        var (verifyExit, verifyText, _) = await RunToolAsync(Arguments("verify"));
        var (againExit, againText, _) = await RunToolAsync(Arguments("plan"));
        File.Delete(file);

        Assert.That((planExit, failedExit, scriptExit, verifyExit, againExit), Is.EqualTo((0, 1, 0, 0, 0)), failedError);
        Assert.That(planText, Does.Contain("Steps:").And.Contain("isolate_tenant_to_new_shard"));
        Assert.That(failedError, Does.Contain("Tenant 9 is not isolated as planned"));
        Assert.That(verifyText, Does.Contain("Verified: tenant 9 has a shard of its own in 6 co-located tables."));
        Assert.That(againText, Does.Contain("Nothing to do"));
        Assert.That(await QueryAsync(SnapshotSql), Is.EqualTo(before));
        Assert.That(await TenantsSharingTheShardOfAsync("tasks", 9), Is.EqualTo(1));
    }

    private static async Task<(int Exit, string Output, string Error)> RunToolAsync(string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new TenantDapper.Citus.Cli.CitusTool(output, error).RunAsync(args, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    private static async Task ExecuteStatementsAsync(Npgsql.NpgsqlConnection connection, string script)
    {
        var statements = string.Join("\n", script.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal)))
            .Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var statement in statements)
        {
            await using var command = new Npgsql.NpgsqlCommand(statement.TrimEnd(';'), connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    [Test]
    public async Task Plan_names_a_tenant_value_of_the_wrong_type_and_a_node_outside_the_cluster()
    {
        await using var connection = await OpenConnectionAsync();

        var plan = await TenantIsolationPlan.ReadAsync(connection, Accounts, "seven", new CitusNode("192.0.2.1", 5432), ShardTransferModes.Auto, CancellationToken.None);

        Assert.That(plan.IsReady, Is.False);
        Assert.That(plan.Problems, Has.Some.Contains("'seven' is not a value of the tenant column id (bigint)"));
        Assert.That(plan.Problems, Has.Some.Contains("192.0.2.1:5432 is not a node of this cluster"));
    }

    [Test]
    public async Task Top_tenants_lists_the_tenants_a_load_drove_in_order()
    {
        await using var connection = await OpenConnectionAsync();
        var wasOff = (await TenantStatistics.NodesNotTrackingAsync(connection, CancellationToken.None)).Count > 0;
        if (wasOff)
        {
            await SetTrackingAsync("all");
        }

        try
        {
            foreach (var (tenant, queries) in new[] { (21, 60), (22, 40), (23, 20) })
            {
                for (var i = 0; i < queries; i++)
                {
                    await QueryAsync($"SELECT count(*) FROM tasks WHERE account_id = {tenant}");
                }
            }

            var top = await TenantStatistics.ReadTopAsync(connection, 3, TenantRanking.Queries, Accounts, CancellationToken.None);

            Assert.That(top.Select(t => t.Tenant), Is.EqualTo(new[] { "21", "22", "23" }));
            Assert.That(top.Select(t => t.Queries + t.QueriesLastPeriod), Is.EqualTo(new long[] { 60, 40, 20 }));
            Assert.That(top.Select(t => t.Reads), Is.All.GreaterThanOrEqualTo(0));
        }
        finally
        {
            if (wasOff)
            {
                await SetTrackingAsync(null);
            }
        }
    }

    private async Task SetTrackingAsync(string? value)
    {
        var change = value is null ? "ALTER SYSTEM RESET citus.stat_tenants_track" : $"ALTER SYSTEM SET citus.stat_tenants_track = '{value}'";
        await QueryAsync($"SELECT run_command_on_all_nodes($${change}$$)");
        await QueryAsync("SELECT run_command_on_all_nodes($$SELECT pg_reload_conf()$$)");
        await Task.Delay(500);
    }
}
