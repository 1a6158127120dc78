namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>A row of a tenant's task list.</summary>
internal sealed record ListedTask(long Id, string Title, bool Done);
