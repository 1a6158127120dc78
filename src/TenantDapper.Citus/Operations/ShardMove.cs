namespace TenantDapper.Citus.Operations;

/// <summary>One shard the rebalancer would move (a row of <c>get_rebalance_table_shards_plan</c>).</summary>
internal sealed record ShardMove(string Table, long ShardId, long SizeBytes, CitusNode From, CitusNode To);
