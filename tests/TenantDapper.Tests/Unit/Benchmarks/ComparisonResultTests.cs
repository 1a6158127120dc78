using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Tests.Unit.Benchmarks;

public class ComparisonResultTests
{
    private static readonly Comparison TwoContenders = new(
        "lookup",
        Contender.Sync("baseline", () => { }),
        Contender.Sync("candidate", () => { }));

    [Test]
    public void Ratio_is_taken_round_by_round_against_the_baseline_of_the_same_round()
    {
        // Round two is slow for both sides, round three only for the candidate: the per-round ratios
        // are 2, 2 and 30, so the median is 2, where the ratio of the two medians would be 20.
        var result = ComparisonResult.From(TwoContenders, [10, 10],
        [
            [Batch(10, 1_000), Batch(10, 2_000)],
            [Batch(10, 10_000), Batch(10, 20_000)],
            [Batch(10, 1_000), Batch(10, 30_000)],
        ]);

        Assert.That(result.Contenders[1].RatioToBaseline, Is.EqualTo(new Spread(2.0, 2.0, 30.0)));
    }

    [Test]
    public void Ratio_spread_reports_median_min_and_max_over_rounds()
    {
        var result = ComparisonResult.From(TwoContenders, [1, 1],
        [
            [Batch(1, 1_000), Batch(1, 1_100)],
            [Batch(1, 1_000), Batch(1, 900)],
            [Batch(1, 1_000), Batch(1, 1_500)],
        ]);

        var ratio = result.Contenders[1].RatioToBaseline!;
        Assert.That(ratio.Median, Is.EqualTo(1.1).Within(1e-9));
        Assert.That(ratio.Min, Is.EqualTo(0.9).Within(1e-9));
        Assert.That(ratio.Max, Is.EqualTo(1.5).Within(1e-9));
    }

    [Test]
    public void Baseline_has_no_ratio_and_comes_first()
    {
        var result = ComparisonResult.From(TwoContenders, [1, 1], [[Batch(1, 1_000), Batch(1, 3_000)]]);

        Assert.That(result.Baseline.Name, Is.EqualTo("baseline"));
        Assert.That(result.Baseline.IsBaseline, Is.True);
        Assert.That(result.Baseline.RatioToBaseline, Is.Null);
    }

    [Test]
    public void Time_rate_and_bytes_are_per_operation()
    {
        // 4 operations in 2 ms allocating 4,000 bytes: 500 µs and 1,000 bytes each, 2,000 per second.
        var result = ComparisonResult.From(TwoContenders, [4, 4],
        [
            [new Batch(4, TimeSpan.FromMilliseconds(2), 4_000), Batch(4, 1_000)],
        ]);

        var baseline = result.Baseline;
        Assert.That(baseline.NanosecondsPerOperation.Median, Is.EqualTo(500_000).Within(1e-6));
        Assert.That(baseline.OperationsPerSecond, Is.EqualTo(2_000).Within(1e-6));
        Assert.That(baseline.AllocatedBytesPerOperation, Is.EqualTo(1_000));
        Assert.That(baseline.ItemsPerSecond, Is.Null);
    }

    [Test]
    public void Items_per_second_count_every_item_of_an_operation()
    {
        var rows = TwoContenders with { ItemsPerOperation = 1_000, ItemName = "rows" };

        var result = ComparisonResult.From(rows, [1, 1], [[new Batch(1, TimeSpan.FromMilliseconds(10), 0), Batch(1, 1_000)]]);

        Assert.That(result.Baseline.ItemsPerSecond, Is.EqualTo(100_000).Within(1e-6));
    }

    [Test]
    public void Goal_is_met_only_when_every_median_ratio_is_within_it()
    {
        var withGoal = TwoContenders with { Goal = 1.05 };

        var met = ComparisonResult.From(withGoal, [1, 1], [[Batch(1, 1_000), Batch(1, 1_040)]]);
        var missed = ComparisonResult.From(withGoal, [1, 1], [[Batch(1, 1_000), Batch(1, 1_060)]]);

        Assert.That(met.MeetsGoal, Is.True);
        Assert.That(missed.MeetsGoal, Is.False);
    }

    [Test]
    public void Cpu_ratio_is_taken_round_by_round_and_bytes_against_the_baselines_median()
    {
        // CPU per operation 100 and 120 µs in round one, 200 and 220 µs in round two: ratios 1.2 and 1.1.
        var result = ComparisonResult.From(TwoContenders, [1, 1],
        [
            [Batch(1, 1_000, bytes: 2_000, cpuMicroseconds: 100), Batch(1, 1_000, bytes: 2_300, cpuMicroseconds: 120)],
            [Batch(1, 1_000, bytes: 2_000, cpuMicroseconds: 200), Batch(1, 1_000, bytes: 2_300, cpuMicroseconds: 220)],
        ]);

        var candidate = result.Contenders[1];
        Assert.That(candidate.CpuRatioToBaseline!.Median, Is.EqualTo(1.15).Within(1e-9));
        Assert.That(candidate.CpuRatioToBaseline.Min, Is.EqualTo(1.1).Within(1e-9));
        Assert.That(candidate.CpuRatioToBaseline.Max, Is.EqualTo(1.2).Within(1e-9));
        Assert.That(candidate.CpuNanosecondsPerOperation.Median, Is.EqualTo(170_000).Within(1e-6));
        Assert.That(candidate.ExtraBytesPerOperation, Is.EqualTo(300).Within(1e-9));
        Assert.That(candidate.BytesRatioToBaseline, Is.EqualTo(1.15).Within(1e-9));
        Assert.That(result.Baseline.CpuRatioToBaseline, Is.Null);
        Assert.That(result.Baseline.ExtraBytesPerOperation, Is.Null);
    }

    [TestCase(1_010, 105, 2_250, true)]
    [TestCase(1_030, 105, 2_250, false)]
    [TestCase(1_010, 110, 2_250, false)]
    [TestCase(1_010, 105, 2_300, false)]
    public void Goal_with_time_cpu_and_byte_parts_is_met_only_when_every_part_is(long microseconds, long cpuMicroseconds, long bytes, bool met)
    {
        var withGoal = TwoContenders with { Goal = 1.02, CpuGoal = 1.05, ExtraBytesGoal = 250 };

        var result = ComparisonResult.From(withGoal, [1, 1], [[Batch(1, 1_000, bytes: 2_000, cpuMicroseconds: 100), Batch(1, microseconds, bytes, cpuMicroseconds)]]);

        Assert.That(result.MeetsGoal, Is.EqualTo(met));
    }

    [Test]
    public void Control_contender_is_measured_but_never_judged_against_the_goal()
    {
        var withControl = new Comparison(
            "lookup",
            Contender.Sync("baseline", () => { }),
            Contender.Sync("candidate", () => { }),
            Contender.Sync("A/A", () => { }) with { IsControl = true })
        {
            Goal = 1.05,
        };

        var result = ComparisonResult.From(withControl, [1, 1, 1], [[Batch(1, 1_000), Batch(1, 1_000), Batch(1, 2_000)]]);

        Assert.That(result.MeetsGoal, Is.True);
        Assert.That(result.Contenders[2].IsControl, Is.True);
        Assert.That(result.Contenders[2].RatioToBaseline!.Median, Is.EqualTo(2.0).Within(1e-9));
        Assert.That(result.Judged().Select(c => c.Name), Is.EqualTo(new[] { "candidate" }));
    }

    [TestCase(4_000, 3_000, true)]
    [TestCase(6_000, 3_000, false)]
    [TestCase(4_000, 5_000, false)]
    public void Budget_is_met_only_when_median_time_and_bytes_are_both_within_it(long microseconds, long bytes, bool met)
    {
        var budgeted = new Comparison(
            "cold compile",
            Contender.Sync("baseline", () => { }),
            Contender.Sync("candidate", () => { }) with { Budget = new OperationBudget(MaxNanoseconds: 5_000, MaxBytes: 4_096) });

        // One operation per batch, so a batch's time and bytes are its time and bytes per operation; nanoseconds as microseconds / 1000.
        var result = ComparisonResult.From(budgeted, [1000, 1000],
        [
            [Batch(1000, 1_000), new Batch(1000, TimeSpan.FromMicroseconds(microseconds), bytes * 1000)],
        ]);

        Assert.That(result.Contenders[1].MeetsBudget, Is.EqualTo(met));
        Assert.That(result.Baseline.MeetsBudget, Is.Null);
    }

    [Test]
    public void Contenders_with_the_same_name_are_refused()
    {
        Assert.That(
            () => new Comparison("lookup", Contender.Sync("same", () => { }), Contender.Sync("same", () => { })),
            Throws.ArgumentException.With.Message.Contains("same"));
    }

    [Test]
    public void Rounds_whose_ratios_differ_by_more_than_the_quotable_spread_make_the_comparison_too_noisy_to_quote()
    {
        // Ratios 1.0, 1.1 and 1.6: the largest over the smallest is 1.6, over 1.5.
        var result = ComparisonResult.From(TwoContenders, [1, 1],
        [
            [Batch(1, 1_000), Batch(1, 1_000)],
            [Batch(1, 1_000), Batch(1, 1_100)],
            [Batch(1, 1_000), Batch(1, 1_600)],
        ]);

        Assert.That(result.RatioSpread, Is.EqualTo(1.6).Within(1e-9));
        Assert.That(result.IsTooNoisyToQuote, Is.True);
    }

    [Test]
    public void Rounds_whose_ratios_agree_within_the_quotable_spread_can_be_quoted_even_when_both_sides_slowed()
    {
        // Round two is ten times slower for both sides: the ratios are 1.0, 1.2 and 1.1, a spread of 1.2.
        var result = ComparisonResult.From(TwoContenders, [1, 1],
        [
            [Batch(1, 1_000), Batch(1, 1_000)],
            [Batch(1, 10_000), Batch(1, 12_000)],
            [Batch(1, 1_000), Batch(1, 1_100)],
        ]);

        Assert.That(result.RatioSpread, Is.EqualTo(1.2).Within(1e-9));
        Assert.That(result.IsTooNoisyToQuote, Is.False);
    }

    private static Batch Batch(int operations, long microseconds) =>
        new(operations, TimeSpan.FromMicroseconds(microseconds), AllocatedBytes: 0);

    private static Batch Batch(int operations, long microseconds, long bytes, long cpuMicroseconds) =>
        new(operations, TimeSpan.FromMicroseconds(microseconds), bytes, TimeSpan.FromMicroseconds(cpuMicroseconds));
}
