namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>A project found by its key.</summary>
internal sealed record ProjectRow(long Id, string Name);
