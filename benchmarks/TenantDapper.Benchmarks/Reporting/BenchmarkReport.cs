using TenantDapper.Benchmarks.Measuring;
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

    /// <summary>The machine's load average at the start and the end of the run; null where the system does not publish it.</summary>
    public LoadAverage? Load { get; init; }

    /// <summary>The titles of the comparisons whose rounds disagree too much to quote (see <see cref="ComparisonResult.IsTooNoisyToQuote"/>).</summary>
    public IReadOnlyList<string> TooNoisyToQuote => [.. Scenarios.SelectMany(s => s.Comparisons.Where(c => c.IsTooNoisyToQuote).Select(c => $"{s.Key}: {c.Title}"))];

    /// <summary>
    /// Whether the machine was busier than it has cores (the load average, at start or end, over the logical core count):
    /// other processes then took turns on the cores the measurement ran on.
    /// </summary>
    public bool WasOverloaded => Load is { } load && load.Highest > Machine.LogicalCores;

    /// <summary>Whether the figures may be quoted: a full run (not <c>--quick</c>), not overloaded, and no comparison too noisy.</summary>
    public bool IsQuotable => !Settings.Quick && !WasOverloaded && TooNoisyToQuote.Count == 0;
}
