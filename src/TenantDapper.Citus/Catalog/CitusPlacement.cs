namespace TenantDapper.Citus;

/// <summary>How Citus already holds a table: its kind, distribution column and colocation group.</summary>
/// <param name="Kind">Distributed, reference or another Citus table.</param>
/// <param name="DistributionColumn">The distribution column of a distributed table, else <see langword="null"/>.</param>
/// <param name="ColocationId">The colocation group (<c>pg_dist_partition.colocationid</c>).</param>
public sealed record CitusPlacement(CitusTableKind Kind, string? DistributionColumn, int ColocationId);
