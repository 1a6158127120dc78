using TenantDapper.Citus;
using TenantDapper.Citus.Operations;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// Rebalancing after <c>citus_add_node</c> on a real cluster: the test adds the spare node that
/// <c>TENANTDAPPER_CITUS_SPARE_NODE</c> names (running, with the citus extension, not yet in the cluster), shows what
/// moves, rebalances this schema's colocation group onto it, then drains and removes the node again.
/// </summary>
[NonParallelizable]
public sealed class CitusRebalanceTests : CitusTenantOperationsFixture
{
    public const string SpareNodeVariable = "TENANTDAPPER_CITUS_SPARE_NODE";

    private const string PlacementsOfTheGroup = """
        SELECT string_agg(pl.shardid || '@' || pl.groupid, ',' ORDER BY pl.shardid)
        FROM pg_dist_placement pl JOIN pg_dist_shard s ON s.shardid = pl.shardid JOIN pg_dist_partition p ON p.logicalrelid = s.logicalrelid
        WHERE p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'accounts'::regclass)
        """;

    [Test]
    public async Task Rebalance_after_adding_a_node_moves_shards_onto_it_keeps_every_row_and_a_second_run_moves_nothing()
    {
        var spareText = Environment.GetEnvironmentVariable(SpareNodeVariable);
        if (string.IsNullOrWhiteSpace(spareText))
        {
            Assert.Ignore($"{SpareNodeVariable} is not set: this test needs a Citus node it may add to the cluster and remove again (host:port of a running server with the citus extension, not yet in pg_dist_node).");
        }

        var spare = CitusNode.Parse(spareText);
        await using var connection = await OpenConnectionAsync();
        Assert.That(await ScalarAsync($"SELECT count(*) FROM pg_dist_node WHERE nodename = '{spare.Host}' AND nodeport = {spare.Port}"), Is.Zero, $"{spare} is already in the cluster; {SpareNodeVariable} must name a node outside it");
        var before = await QueryAsync(SnapshotSql);
        await QueryAsync($"SELECT citus_add_node('{spare.Host}', {spare.Port})");
        try
        {
            var plan = await RebalancePlan.ReadAsync(connection, Accounts, CancellationToken.None);
            Assert.That(plan.Moves, Is.Not.Empty, plan.ToText());
            Assert.That(plan.Moves.Select(m => m.To).Distinct(), Is.EqualTo(new[] { spare }), "every move goes to the new node");
            Assert.That(plan.ShardsPerNode.Single(n => n.Key == spare).Value, Is.Zero);
            Assert.That(
                async () => await CitusDistribution.RunVerificationAsync(connection, TenantOperationScripts.RebalanceVerification(Accounts), CancellationToken.None),
                Throws.TypeOf<CitusVerificationException>().With.Message.Contains("not balanced"));

            await CitusDistribution.RunAsync(connection, TenantOperationScripts.Rebalance(Accounts, ShardTransferModes.BlockWrites), CancellationToken.None);

            var after = await RebalancePlan.ReadAsync(connection, Accounts, CancellationToken.None);
            Assert.That(after.Moves, Is.Empty, after.ToText());
            Assert.That(after.ShardsPerNode.Single(n => n.Key == spare).Value, Is.EqualTo(plan.Moves.Count), after.ToText());
            Assert.That(
                async () => await CitusDistribution.RunVerificationAsync(connection, TenantOperationScripts.RebalanceVerification(Accounts), CancellationToken.None),
                Throws.Nothing);
            Assert.That(await QueryAsync(SnapshotSql), Is.EqualTo(before), "every tenant's rows, counts and checksums are unchanged");
            Assert.That(await TaskCountAsync("SELECT p.name, t.title FROM projects p JOIN tasks t ON t.account_id = p.account_id AND t.project_id = p.id WHERE p.account_id = 9 AND t.account_id = 9"), Is.EqualTo(1));

            var placements = await QueryAsync(PlacementsOfTheGroup);
            await CitusDistribution.RunAsync(connection, TenantOperationScripts.Rebalance(Accounts, ShardTransferModes.BlockWrites), CancellationToken.None);
            Assert.That(await QueryAsync(PlacementsOfTheGroup), Is.EqualTo(placements), "a second run moves nothing");
        }
        finally
        {
            await QueryAsync($"SELECT citus_drain_node('{spare.Host}', {spare.Port}, shard_transfer_mode => 'block_writes')");

            // The drained node still holds the moved shards' old copies until deferred cleanup drops them; removed
            // before that, it keeps them for good, and the next move onto it fails on the leftover.
            await QueryAsync("CALL citus_cleanup_orphaned_resources()");
            await QueryAsync($"SELECT citus_remove_node('{spare.Host}', {spare.Port})");
        }
    }
}
