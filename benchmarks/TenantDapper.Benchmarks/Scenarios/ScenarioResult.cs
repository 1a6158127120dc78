using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>What a scenario measured, with notes a reader needs to read the figures right.</summary>
internal sealed record ScenarioResult(
    string Key,
    string Title,
    string Question,
    IReadOnlyList<ComparisonResult> Comparisons,
    IReadOnlyList<string> Notes);
