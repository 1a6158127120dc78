namespace TenantDapper.Citus.Operations;

/// <summary>The values of Citus's <c>shard_transfer_mode</c>: how shards are copied when they are split or moved.</summary>
internal static class ShardTransferModes
{
    /// <summary>Logical replication when every table has a primary key or replica identity, else an error; writes continue.</summary>
    public const string Auto = "auto";

    /// <summary>Logical replication even without a replica identity (UPDATE and DELETE on such a table fail during the copy).</summary>
    public const string ForceLogical = "force_logical";

    /// <summary>Writes to the shards being copied wait until the copy is done; works for every table.</summary>
    public const string BlockWrites = "block_writes";

    /// <summary>Returns <paramref name="mode"/> when Citus knows it.</summary>
    /// <exception cref="ArgumentException">Another value.</exception>
    public static string Validate(string mode) => mode is Auto or ForceLogical or BlockWrites
        ? mode
        : throw new ArgumentException($"Unknown shard transfer mode '{mode}': use {Auto}, {ForceLogical} or {BlockWrites}.", nameof(mode));
}
