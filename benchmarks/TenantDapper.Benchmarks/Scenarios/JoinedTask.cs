namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>A row of the co-located join: a task and the name of its project.</summary>
internal sealed record JoinedTask(long Id, string Title, string Project);
