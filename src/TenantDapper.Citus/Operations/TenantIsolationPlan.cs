using System.Text;
using Npgsql;
using TenantDapper.Citus.Scripting;

namespace TenantDapper.Citus.Operations;

/// <summary>
/// Where a tenant's rows are now and what isolating it would do, read from the coordinator's Citus metadata:
/// the co-located tables the split cascades to, the tenant's shard and its hash range, the nodes holding it,
/// and the problems that stop the script.
/// </summary>
internal sealed class TenantIsolationPlan
{
    private TenantIsolationPlan(TenantIsolation isolation, string distributionColumn, int colocationId)
    {
        Isolation = isolation;
        DistributionColumn = distributionColumn;
        ColocationId = colocationId;
    }

    public TenantIsolation Isolation { get; }

    public string DistributionColumn { get; }

    public int ColocationId { get; }

    /// <summary>Every table of the colocation group, which <c>CASCADE</c> splits together.</summary>
    public List<TableName> ColocatedTables { get; } = [];

    public long ShardId { get; private set; }

    public string ShardRange { get; private set; } = string.Empty;

    /// <summary>Whether the tenant's shard holds its hash value alone.</summary>
    public bool IsIsolated { get; private set; }

    /// <summary>The nodes holding the tenant's shard.</summary>
    public List<CitusNode> Nodes { get; } = [];

    public List<string> Problems { get; } = [];

    public bool IsReady => Problems.Count == 0;

    /// <summary>Whether there is nothing left to do: isolated, and on the target node when one is named.</summary>
    public bool IsComplete => IsIsolated && (Isolation.TargetNode is not { } target || Nodes.SequenceEqual([target]));

    /// <summary>Reads the plan of isolating <paramref name="tenant"/> of <paramref name="table"/>.</summary>
    /// <exception cref="CitusOperationException">The table is not a distributed table of this coordinator.</exception>
    public static async Task<TenantIsolationPlan> ReadAsync(
        NpgsqlConnection connection, TableName table, string tenant, CitusNode? targetNode, string transferMode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!await CitusDistribution.IsCoordinatorAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            throw new CitusOperationException("This database has no citus extension: connect to the Citus coordinator's database.");
        }

        string column, type;
        int colocationId;
        await using (var command = new NpgsqlCommand(
            """
            SELECT column_to_column_name(p.logicalrelid, p.partkey), format_type(a.atttypid, a.atttypmod), p.colocationid
            FROM pg_dist_partition p
            JOIN pg_attribute a ON a.attrelid = p.logicalrelid AND a.attname = column_to_column_name(p.logicalrelid, p.partkey)
            WHERE p.logicalrelid = to_regclass($1) AND p.partmethod = 'h'
            """,
            connection))
        {
            command.Parameters.AddWithValue(SqlText.Table(table));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new CitusOperationException($"{table} is not a distributed table here: distribute the schema first (tenantdapper-citus script distribute), and name a table distributed by the tenant column.");
            }

            column = reader.GetString(0);
            type = reader.GetString(1);
            colocationId = reader.GetInt32(2);
        }

        var plan = new TenantIsolationPlan(new TenantIsolation(table, tenant, type, targetNode, transferMode), column, colocationId);
        await plan.ReadColocatedTablesAsync(connection, cancellationToken).ConfigureAwait(false);
        await plan.ReadShardAsync(connection, cancellationToken).ConfigureAwait(false);
        if (targetNode is { } target)
        {
            await plan.CheckTargetAsync(connection, target, cancellationToken).ConfigureAwait(false);
        }

        return plan;
    }

    /// <summary>The plan as text: what is where now, the steps, the problems.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        var node = Isolation.TargetNode;
        text.Append("Isolation plan for tenant ").Append(Isolation.Tenant).Append(" of ").Append(Isolation.Table)
            .Append(" (distributed by ").Append(DistributionColumn).Append(' ').Append(Isolation.TenantType)
            .Append(", colocation group ").Append(ColocationId).Append(")\n");
        text.Append("Co-located tables (split together, CASCADE): ").Append(string.Join(", ", ColocatedTables)).Append('\n');
        if (ShardId != 0)
        {
            text.Append("Now: shard ").Append(ShardId).Append(" (hash ").Append(ShardRange).Append(") on ")
                .Append(string.Join(", ", Nodes)).Append(IsIsolated ? ", holding this tenant alone\n" : ", shared with other tenants\n");
        }

        if (IsReady && IsComplete)
        {
            text.Append("Nothing to do: tenant ").Append(Isolation.Tenant).Append(" has a shard group of its own")
                .Append(node is { } n ? " on " + n : string.Empty).Append(".\n");
        }
        else if (IsReady)
        {
            text.Append("Steps:\n");
            var step = 1;
            if (!IsIsolated)
            {
                text.Append("  ").Append(step++).Append(". isolate_tenant_to_new_shard(..., 'CASCADE'): split shard ").Append(ShardId)
                    .Append(" and its co-located shards so that one holds this tenant alone\n");
            }

            if (node is { } target && !Nodes.SequenceEqual([target]))
            {
                text.Append("  ").Append(step).Append(". citus_move_shard_placement: move the tenant's shard group from ")
                    .Append(string.Join(", ", Nodes)).Append(" to ").Append(target).Append('\n');
            }

            text.Append("Shard transfer mode: ").Append(Isolation.TransferMode).Append('\n');
        }

        text.Append("Problems: ").Append(Problems.Count == 0 ? "none\n" : "\n");
        foreach (var problem in Problems)
        {
            text.Append("  - ").Append(problem).Append('\n');
        }

        return text.ToString();
    }

    private async Task ReadColocatedTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nspname, c.relname,
                   c.relreplident = 'n' OR (c.relreplident = 'd' AND NOT EXISTS (SELECT FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary))
            FROM pg_dist_partition p
            JOIN pg_class c ON c.oid = p.logicalrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE p.colocationid = $1
            ORDER BY n.nspname, c.relname
            """,
            connection);
        command.Parameters.AddWithValue(ColocationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var withoutIdentity = new List<TableName>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var name = new TableName(reader.GetString(0), reader.GetString(1));
            ColocatedTables.Add(name);
            if (reader.GetBoolean(2))
            {
                withoutIdentity.Add(name);
            }
        }

        if (withoutIdentity.Count > 0 && Isolation.TransferMode == ShardTransferModes.Auto)
        {
            Problems.Add($"{string.Join(", ", withoutIdentity)} {(withoutIdentity.Count == 1 ? "has" : "have")} no primary key or replica identity, so Citus cannot copy "
                + "the shards with logical replication: add one, or use --transfer-mode block_writes (writes to the tenant's shards wait during the copy).");
        }

        var otherSchemas = ColocatedTables.Where(t => t.Schema != Isolation.Table.Schema).ToList();
        if (otherSchemas.Count > 0)
        {
            Problems.Add($"The colocation group also holds {string.Join(", ", otherSchemas)} (another schema): CASCADE would split them too. "
                + "Distribute the tenant root with colocate_with => 'none' (as distribute.sql does) so that each schema has a group of its own.");
        }
    }

    private async Task ReadShardAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT s.shardid, s.shardminvalue || '..' || s.shardmaxvalue, s.shardminvalue = s.shardmaxvalue,
                   array_agg(n.nodename ORDER BY n.nodename, n.nodeport), array_agg(n.nodeport ORDER BY n.nodename, n.nodeport)
            FROM pg_dist_shard s
            JOIN pg_dist_placement p ON p.shardid = s.shardid
            JOIN pg_dist_node n ON n.groupid = p.groupid
            WHERE s.shardid = get_shard_id_for_distribution_column({SqlText.RegClass(Isolation.Table)}, {Isolation.TenantConstant})
            GROUP BY s.shardid, s.shardminvalue, s.shardmaxvalue
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ShardId = reader.GetInt64(0);
                ShardRange = reader.GetString(1);
                IsIsolated = reader.GetBoolean(2);
                var hosts = reader.GetFieldValue<string[]>(3);
                var ports = reader.GetFieldValue<int[]>(4);
                Nodes.AddRange(hosts.Select((host, i) => new CitusNode(host, ports[i])));
            }
        }
        catch (PostgresException e) when (e.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            Problems.Add($"'{Isolation.Tenant}' is not a value of the tenant column {DistributionColumn} ({Isolation.TenantType}): {e.MessageText}.");
        }
    }

    private async Task CheckTargetAsync(NpgsqlConnection connection, CitusNode target, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT isactive AND noderole = 'primary' FROM pg_dist_node WHERE nodename = $1 AND nodeport = $2", connection);
        command.Parameters.AddWithValue(target.Host);
        command.Parameters.AddWithValue(target.Port);
        var usable = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (usable is not true)
        {
            Problems.Add(usable is null
                ? $"{target} is not a node of this cluster: add it first (SELECT citus_add_node('{target.Host}', {target.Port})), or name one from pg_dist_node."
                : $"{target} is not an active primary node (pg_dist_node): activate it, or name another node.");
        }
    }
}
