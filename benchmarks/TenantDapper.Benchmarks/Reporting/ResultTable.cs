using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Reporting;

/// <summary>Prints a report as text tables, one per comparison, with each contender's facts and each scenario's notes below.</summary>
internal static class ResultTable
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="writer"/>.</summary>
    public static void Write(BenchmarkReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"TenantDapper benchmarks, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.DurationSeconds:0} s of wall time since {report.DurationSince}");
        writer.WriteLine($"  machine: {report.Machine.Summary}");
        writer.WriteLine($"  build: {report.Machine.Build}; server: {report.Machine.Server.Source} ({report.Machine.Server.Settings})");
        writer.WriteLine($"  data: {report.Settings.Tenants:N0} tenants × {report.Settings.RowsPerTenant:N0} tasks; {report.Settings.Rounds} rounds per comparison"
            + (report.Settings.Quick ? " (--quick: a smoke run, figures are rough)" : string.Empty));
        writer.WriteLine(report.Load is { } load
            ? $"  load average (1 min): {load.AtStart:0.00} at the start, {load.AtEnd:0.00} at the end, on {report.Machine.LogicalCores} logical cores"
            : "  load average: not published by this system");
        writer.WriteLine("  ratio: a contender's time per operation divided by the baseline's in the same round; median (min–max) over rounds.");
        writer.WriteLine("    The median of per-round ratios is not the ratio of the medians: a round where the machine slowed both sides");
        writer.WriteLine("    cancels out in its ratio, so a contender can show a median time below the baseline's and a ratio above 1, or the reverse.");
        writer.WriteLine("  CPU/op: the client's CPU time (user + kernel) over a batch, per operation: a synchronous contender's measuring thread, where");
        writer.WriteLine("    Dapper, TenantDapper and the driver run (not the runtime's socket and pool threads, which spin while a call waits for the");
        writer.WriteLine("    server); an asynchronous one's whole process. CPU ratio is taken round by round like the time ratio.");
        writer.WriteLine("  alloc Δ: a contender's median bytes allocated per operation minus the baseline's. An A/A row runs the baseline's setup");
        writer.WriteLine("    a second time, so its ratios show the noise floor; goals never judge it.");

        foreach (var scenario in report.Scenarios)
        {
            writer.WriteLine();
            writer.WriteLine($"{scenario.Title}: {scenario.Question}");
            foreach (var comparison in scenario.Comparisons)
            {
                WriteComparison(comparison, writer);
            }

            foreach (var note in scenario.Notes)
            {
                writer.WriteLine($"  note: {note}");
            }
        }

        writer.WriteLine();
        WriteVerdict(report, writer);
    }

    private static void WriteVerdict(BenchmarkReport report, TextWriter writer)
    {
        if (report.IsQuotable)
        {
            writer.WriteLine($"Quotable: every comparison's ratio spread is within {Figures.Ratio(ComparisonResult.QuotableRatioSpread)} and the load stayed within the core count. Quote the figures with the machine, the load and the spreads above.");
            return;
        }

        writer.WriteLine("Not quotable: these figures are too noisy to quote; rerun on a quieter machine.");
        if (report.Settings.Quick)
        {
            writer.WriteLine("  --quick is a smoke run: too few and too short rounds.");
        }

        if (report.WasOverloaded)
        {
            writer.WriteLine($"  the load average reached {report.Load!.Highest:0.00} on {report.Machine.LogicalCores} logical cores: other processes took turns on the measured cores.");
        }

        foreach (var title in report.TooNoisyToQuote)
        {
            writer.WriteLine($"  {title}: ratio spread over {Figures.Ratio(ComparisonResult.QuotableRatioSpread)}.");
        }
    }

    private static void WriteComparison(ComparisonResult comparison, TextWriter writer)
    {
        writer.WriteLine();
        writer.WriteLine($"  {comparison.Title}");
        var itemRate = comparison.ItemName is { } item ? $"{item}/s" : null;
        var headers = new List<string> { "contender", "time/op", "min–max", "ops/s" };
        if (itemRate is not null)
        {
            headers.Add(itemRate);
        }

        headers.AddRange(["alloc/op", "alloc Δ", "CPU/op", "ratio", "ratio min–max", "CPU ratio", "CPU min–max"]);
        var table = new TextTable([.. headers]);
        foreach (var contender in comparison.Contenders)
        {
            var time = contender.NanosecondsPerOperation;
            var cells = new List<string>
            {
                contender.Name,
                Figures.Time(time.Median),
                $"{Figures.Time(time.Min)} – {Figures.Time(time.Max)}",
                Figures.Rate(contender.OperationsPerSecond),
            };
            if (itemRate is not null)
            {
                cells.Add(Figures.Rate(contender.ItemsPerSecond ?? 0));
            }

            cells.Add(Figures.Bytes(contender.AllocatedBytesPerOperation));
            cells.Add(contender.ExtraBytesPerOperation is { } extra ? Figures.ByteDifference(extra) : string.Empty);
            cells.Add(Figures.Time(contender.CpuNanosecondsPerOperation.Median));
            cells.AddRange(contender.RatioToBaseline is { } ratio
                ? [Figures.Ratio(ratio.Median), $"{Figures.Ratio(ratio.Min)} – {Figures.Ratio(ratio.Max)}"]
                : ["baseline", string.Empty]);
            cells.AddRange(contender.CpuRatioToBaseline is { } cpu
                ? [Figures.Ratio(cpu.Median), $"{Figures.Ratio(cpu.Min)} – {Figures.Ratio(cpu.Max)}"]
                : [string.Empty, string.Empty]);
            table.AddRow([.. cells]);
        }

        table.WriteTo(writer, "  ");
        foreach (var contender in comparison.Contenders)
        {
            foreach (var (name, value) in contender.Facts)
            {
                writer.WriteLine($"    {contender.Name}, {name}: {value}");
            }
        }

        foreach (var contender in comparison.Contenders)
        {
            if (contender.Budget is { } budget)
            {
                writer.WriteLine(
                    $"  goal for {contender.Name}: ≤ {Figures.Time(budget.MaxNanoseconds)} and ≤ {Figures.Bytes(budget.MaxBytes)} per op: "
                    + $"{(contender.MeetsBudget == true ? "met" : "missed")} ({Figures.Time(contender.NanosecondsPerOperation.Median)}, {Figures.Bytes(contender.AllocatedBytesPerOperation)})");
            }
        }

        if (comparison.IsTooNoisyToQuote)
        {
            writer.WriteLine(
                $"  too noisy to quote: ratio spread {Figures.Ratio(comparison.RatioSpread)} (a contender's largest round ratio over its smallest) is over {Figures.Ratio(ComparisonResult.QuotableRatioSpread)}");
        }

        WriteGoal(comparison, writer);
    }

    // A time goal alone reads "goal ≤ 1.05×: met"; with CPU or byte parts, each judged contender's figures follow.
    private static void WriteGoal(ComparisonResult comparison, TextWriter writer)
    {
        if (!comparison.HasGoal)
        {
            return;
        }

        var verdict = comparison.MeetsGoal == true ? "met" : "missed";
        if (comparison is { CpuGoal: null, BytesGoal: null, ExtraBytesGoal: null, Goal: { } onlyTime })
        {
            writer.WriteLine($"  goal ≤ {Figures.Ratio(onlyTime)}: {verdict}");
            return;
        }

        var parts = new List<string>();
        if (comparison.Goal is { } time)
        {
            parts.Add($"e2e ≤ {Figures.Ratio(time)}");
        }

        if (comparison.CpuGoal is { } cpu)
        {
            parts.Add($"client CPU ≤ {Figures.Ratio(cpu)}");
        }

        if (comparison.BytesGoal is { } bytes)
        {
            parts.Add($"bytes ≤ {Figures.Ratio(bytes)}");
        }

        if (comparison.ExtraBytesGoal is { } extraBytes)
        {
            parts.Add($"≤ {Figures.ByteDifference(extraBytes)} per op");
        }

        writer.WriteLine($"  goal {string.Join(", ", parts)}: {verdict}");
        foreach (var contender in comparison.Judged())
        {
            var figures = new List<string>();
            if (comparison.Goal is not null && contender.RatioToBaseline is { } ratio)
            {
                figures.Add($"e2e {Figures.Ratio(ratio.Median)}");
            }

            if (comparison.CpuGoal is not null)
            {
                figures.Add(contender.CpuRatioToBaseline is { } cpuRatio ? $"CPU {Figures.Ratio(cpuRatio.Median)}" : "CPU not measured");
            }

            if (comparison.BytesGoal is not null)
            {
                figures.Add(contender.BytesRatioToBaseline is { } bytesRatio ? $"bytes {Figures.Ratio(bytesRatio)}" : "bytes: the baseline allocates none");
            }

            if (comparison.ExtraBytesGoal is not null && contender.ExtraBytesPerOperation is { } extra)
            {
                figures.Add(Figures.ByteDifference(extra));
            }

            writer.WriteLine($"    {contender.Name}: {(comparison.MeetsGoalFor(contender) ? "met" : "missed")} ({string.Join(", ", figures)})");
        }
    }
}
