using System.Globalization;
using System.Text;

namespace TenantDapper.Benchmarks.Reporting;

/// <summary>
/// Writes a report as CSV (RFC 4180): one line per contender, times in nanoseconds, rates per
/// second, invariant culture, so a spreadsheet can chart it without cleaning.
/// </summary>
internal static class CsvReportWriter
{
    private static readonly string[] Header =
    [
        "scenario", "comparison", "contender", "baseline", "rounds", "operations_per_round",
        "ns_per_op_median", "ns_per_op_min", "ns_per_op_max", "ops_per_second", "items_per_second", "item",
        "allocated_bytes_per_op", "allocation_counter", "allocated_bytes_vs_baseline", "cpu_ns_per_op_median", "cpu_ns_per_op_min", "cpu_ns_per_op_max",
        "ratio_median", "ratio_min", "ratio_max", "cpu_ratio_median", "cpu_ratio_min", "cpu_ratio_max", "bytes_ratio", "control",
        "goal", "cpu_goal", "bytes_goal", "extra_bytes_goal", "meets_goal", "too_noisy_to_quote", "facts",
        "budget_ns_per_op", "budget_bytes_per_op", "meets_budget",
    ];

    /// <summary>The report as CSV text, header first.</summary>
    public static string Format(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendJoin(',', Header).Append("\r\n");
        foreach (var scenario in report.Scenarios)
        {
            foreach (var comparison in scenario.Comparisons)
            {
                foreach (var contender in comparison.Contenders)
                {
                    string[] fields =
                    [
                        scenario.Key,
                        comparison.Title,
                        contender.Name,
                        comparison.Baseline.Name,
                        Number(comparison.Rounds),
                        Number(contender.OperationsPerRound),
                        Number(contender.NanosecondsPerOperation.Median),
                        Number(contender.NanosecondsPerOperation.Min),
                        Number(contender.NanosecondsPerOperation.Max),
                        Number(contender.OperationsPerSecond),
                        Number(contender.ItemsPerSecond),
                        comparison.ItemName ?? string.Empty,
                        Number(contender.AllocatedBytesPerOperation),
                        contender.AllocationCounter.ToString(),
                        Number(contender.ExtraBytesPerOperation),
                        Number(contender.CpuNanosecondsPerOperation.Median),
                        Number(contender.CpuNanosecondsPerOperation.Min),
                        Number(contender.CpuNanosecondsPerOperation.Max),
                        Number(contender.RatioToBaseline?.Median),
                        Number(contender.RatioToBaseline?.Min),
                        Number(contender.RatioToBaseline?.Max),
                        Number(contender.CpuRatioToBaseline?.Median),
                        Number(contender.CpuRatioToBaseline?.Min),
                        Number(contender.CpuRatioToBaseline?.Max),
                        Number(contender.BytesRatioToBaseline),
                        contender.IsControl ? "true" : "false",
                        Number(comparison.Goal),
                        Number(comparison.CpuGoal),
                        Number(comparison.BytesGoal),
                        Number(comparison.ExtraBytesGoal),
                        contender.IsBaseline || contender.IsControl || !comparison.HasGoal ? string.Empty : comparison.MeetsGoalFor(contender) ? "true" : "false",
                        comparison.IsTooNoisyToQuote ? "true" : "false",
                        string.Join("; ", contender.Facts.Select(fact => $"{fact.Key}: {fact.Value}")),
                        Number(contender.Budget?.MaxNanoseconds),
                        Number(contender.Budget?.MaxBytes),
                        contender.MeetsBudget switch { true => "true", false => "false", null => string.Empty },
                    ];
                    text.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Writes the CSV to <paramref name="path"/>, replacing the file.</summary>
    public static Task WriteAsync(BenchmarkReport report, string path, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(path, Format(report), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), cancellationToken);

    private static string Number(double? value) =>
        value is { } number ? number.ToString("0.###", CultureInfo.InvariantCulture) : string.Empty;

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
