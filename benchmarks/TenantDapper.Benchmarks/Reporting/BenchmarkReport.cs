using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Benchmarks.Reporting;

/// <summary>Everything one run measured, and where: what the table, the JSON, the CSV and the chart are drawn from.</summary>
internal sealed record BenchmarkReport(
    DateTimeOffset StartedAt,
    double DurationSeconds,
    RunSettings Settings,
    MachineDescription Machine,
    IReadOnlyList<ScenarioResult> Scenarios)
{
    /// <summary>What <see cref="DurationSeconds"/> counts from, e.g. "dotnet run started: build, ... included".</summary>
    public string DurationSince { get; init; } = "the console started";
}
