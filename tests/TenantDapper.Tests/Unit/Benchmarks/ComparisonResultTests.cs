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
}
