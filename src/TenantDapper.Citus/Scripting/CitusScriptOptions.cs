namespace TenantDapper.Citus;

/// <summary>How <see cref="CitusScriptWriter"/> writes a distribution script.</summary>
public sealed record CitusScriptOptions
{
    /// <summary>The largest shard count Citus accepts.</summary>
    public const int MaxShardCount = 64000;

    /// <summary>
    /// Distribute with <c>create_distributed_table_concurrently</c> (Citus 11.2+), which does not
    /// block writes but cannot run inside a transaction block: the script then runs in three parts.
    /// </summary>
    public bool Concurrently { get; init; }

    /// <summary>
    /// Empty the coordinator's local copy of each table's rows after distributing it
    /// (<c>truncate_local_data_after_distributing_table</c>). <c>create_distributed_table</c> and
    /// <c>create_reference_table</c> copy the rows into the shards and leave the old rows on the coordinator's
    /// disk, invisible to queries; this frees that space. The distributed rows are untouched, and the reverse
    /// script copies them back from the shards.
    /// </summary>
    public bool TruncateLocalData { get; init; }

    /// <summary>The number of shards of the colocation group (<c>shard_count</c>); <see langword="null"/> keeps <c>citus.shard_count</c>.</summary>
    public int? ShardCount { get; init; }

    /// <summary>The <see cref="LockTimeout"/> a concurrent distribution script takes unless told otherwise: 10 seconds.</summary>
    public static TimeSpan DefaultLockTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// With <see cref="Concurrently"/>, how long each statement of the script waits for a lock before it fails
    /// (<c>SET lock_timeout</c> at its start): DDL run beside <c>create_distributed_table_concurrently</c> can wait on
    /// it while it waits on that DDL, a deadlock PostgreSQL does not detect, so the script stops with an error instead
    /// of hanging, and is run again. <see cref="TimeSpan.Zero"/> waits without limit. Whole milliseconds.
    /// </summary>
    public TimeSpan LockTimeout { get; init; } = DefaultLockTimeout;
}
