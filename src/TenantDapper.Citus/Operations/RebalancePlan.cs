using System.Globalization;
using System.Text;
using Npgsql;
using TenantDapper.Citus.Scripting;

namespace TenantDapper.Citus.Operations;

/// <summary>What a rebalance would move, and how many shards each node holds now, read on the coordinator.</summary>
internal sealed class RebalancePlan
{
    private RebalancePlan(TableName? table) => Table = table;

    /// <summary>The table whose colocation group is rebalanced, or <see langword="null"/> for the whole cluster.</summary>
    public TableName? Table { get; }

    public List<ShardMove> Moves { get; } = [];

    /// <summary>Shards per active primary node that may hold shards, in the group (or the cluster).</summary>
    public List<KeyValuePair<CitusNode, long>> ShardsPerNode { get; } = [];

    public static async Task<RebalancePlan> ReadAsync(NpgsqlConnection connection, TableName? table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!await CitusDistribution.IsCoordinatorAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            throw new CitusOperationException("This database has no citus extension: connect to the Citus coordinator's database.");
        }

        var plan = new RebalancePlan(table);
        var relation = table is { } t ? SqlText.RegClass(t) : string.Empty;
        await using (var command = new NpgsqlCommand(
            $"SELECT table_name::text, shardid, shard_size, sourcename, sourceport, targetname, targetport FROM get_rebalance_table_shards_plan({relation})",
            connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                plan.Moves.Add(new ShardMove(
                    reader.GetString(0),
                    reader.GetInt64(1),
                    reader.GetInt64(2),
                    new CitusNode(reader.GetString(3), reader.GetInt32(4)),
                    new CitusNode(reader.GetString(5), reader.GetInt32(6))));
            }
        }

        var group = table is { } g
            ? $"AND pl.shardid IN (SELECT s.shardid FROM pg_dist_shard s JOIN pg_dist_partition p ON p.logicalrelid = s.logicalrelid WHERE p.colocationid = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = {SqlText.RegClass(g)}::regclass))"
            : "AND pl.shardid IN (SELECT s.shardid FROM pg_dist_shard s JOIN pg_dist_partition p ON p.logicalrelid = s.logicalrelid WHERE p.partmethod = 'h')";
        await using (var command = new NpgsqlCommand(
            $"""
            SELECT n.nodename, n.nodeport, count(pl.shardid)
            FROM pg_dist_node n
            LEFT JOIN pg_dist_placement pl ON pl.groupid = n.groupid {group}
            WHERE n.isactive AND n.noderole = 'primary' AND n.shouldhaveshards
            GROUP BY n.nodename, n.nodeport
            ORDER BY n.nodename, n.nodeport
            """,
            connection))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                plan.ShardsPerNode.Add(new(new CitusNode(reader.GetString(0), reader.GetInt32(1)), reader.GetInt64(2)));
            }
        }

        return plan;
    }

    public string ToText()
    {
        var text = new StringBuilder();
        text.Append("Rebalance plan for ").Append(Table is { } t ? "the colocation group of " + t : "the cluster")
            .Append(" (get_rebalance_table_shards_plan)\n");
        text.Append("Shards per node now: ")
            .Append(string.Join(", ", ShardsPerNode.Select(n => $"{n.Key} {n.Value.ToString(CultureInfo.InvariantCulture)}"))).Append('\n');
        if (Moves.Count == 0)
        {
            text.Append("Nothing to move: the shards are balanced.\n");
            return text.ToString();
        }

        text.Append("Moves (").Append(Moves.Count).Append(" shards, ")
            .Append(Moves.Sum(m => m.SizeBytes).ToString(CultureInfo.InvariantCulture)).Append(" bytes; co-located shards move together):\n");
        foreach (var move in Moves)
        {
            text.Append("  shard ").Append(move.ShardId).Append(' ').Append(move.Table).Append(' ')
                .Append(move.From).Append(" -> ").Append(move.To)
                .Append(" (").Append(move.SizeBytes.ToString(CultureInfo.InvariantCulture)).Append(" bytes)\n");
        }

        return text.ToString();
    }
}
