namespace TenantDapper.Citus;

/// <summary>What Citus has made of a table, as <c>pg_dist_partition</c> records it.</summary>
public enum CitusTableKind
{
    /// <summary>Hash-distributed by a column.</summary>
    Distributed,

    /// <summary>A reference table, copied to every node.</summary>
    Reference,

    /// <summary>
    /// Any other Citus table: a Citus local table (one shard on the coordinator, which a stopped
    /// <c>create_distributed_table_concurrently</c> leaves behind), a single-shard or an append table.
    /// </summary>
    Other,
}
