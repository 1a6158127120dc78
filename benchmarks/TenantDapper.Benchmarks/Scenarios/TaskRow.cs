namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>A row of the tasks table as an application holds it before a bulk insert.</summary>
internal sealed record TaskRow(long AccountId, long Id, long ProjectId, string Title, bool Done);
