using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Benchmarks.Reporting;

/// <summary>Everything one run measured, and where: what the table, the JSON, the CSV and the chart are drawn from.</summary>
internal sealed record BenchmarkReport(
    DateTimeOffset StartedAt,
    double DurationSeconds,
    RunSettings Settings,
    MachineDescription Machine,
    IReadOnlyList<ScenarioResult> Scenarios);
