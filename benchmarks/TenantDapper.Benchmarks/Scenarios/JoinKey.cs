namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>The parameters of one co-located join: which tenant, which of its projects.</summary>
internal sealed record JoinKey(long Tenant, long Project);
