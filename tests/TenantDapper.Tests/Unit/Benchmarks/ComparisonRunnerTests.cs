using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Tests.Unit.Benchmarks;

public class ComparisonRunnerTests
{
    // No time-based warm-up and no waiting for the JIT to settle: the tests check the order of the calls.
    private static readonly MeasurementSettings FourRounds = new(rounds: 4, warmUp: TimeSpan.Zero, roundTarget: TimeSpan.Zero) { MaxWarmUp = TimeSpan.Zero };

    [Test]
    public void Two_contenders_alternate_which_goes_first()
    {
        Assert.That(Enumerable.Range(0, 4).Select(round => ComparisonRunner.TurnOrder(round, 2).ToArray()), Is.EqualTo(new[]
        {
            new[] { 0, 1 },
            new[] { 1, 0 },
            new[] { 0, 1 },
            new[] { 1, 0 },
        }));
    }

    [Test]
    public void Three_contenders_rotate_so_each_goes_first_in_turn()
    {
        Assert.That(Enumerable.Range(0, 3).Select(round => ComparisonRunner.TurnOrder(round, 3).First()), Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public async Task Rounds_run_the_contenders_interleaved_after_a_warm_up()
    {
        var calls = new List<string>();
        var comparison = new Comparison("order", Contender.Sync("a", () => calls.Add("a")), Contender.Sync("b", () => calls.Add("b")));

        var result = await new ComparisonRunner(FourRounds, Silent()).RunAsync(comparison, CancellationToken.None);

        // Warm-up: a first call, then one batch of one, per contender; then one operation per contender and round.
        Assert.That(calls, Is.EqualTo(new[] { "a", "a", "b", "b", "a", "b", "b", "a", "a", "b", "b", "a" }));
        Assert.That(result.Rounds, Is.EqualTo(4));
    }

    [Test]
    public async Task Asynchronous_contenders_are_awaited_and_measured()
    {
        var completed = 0;
        var comparison = new Comparison(
            "async",
            Contender.Async("yielding", async _ =>
            {
                await Task.Yield();
                Interlocked.Increment(ref completed);
            }),
            Contender.Sync("sync", () => { }));

        var result = await new ComparisonRunner(FourRounds, Silent()).RunAsync(comparison, CancellationToken.None);

        Assert.That(completed, Is.EqualTo(2 + 4));
        Assert.That(result.Baseline.AllocationCounter, Is.EqualTo(AllocationCounter.Process));
        Assert.That(result.Contenders[1].AllocationCounter, Is.EqualTo(AllocationCounter.CurrentThread));
    }

    [Test]
    public async Task Allocations_of_a_synchronous_operation_are_counted_per_operation()
    {
        var comparison = new Comparison(
            "bytes",
            Contender.Sync("nothing", () => { }),
            Contender.Sync("allocates", () => GC.KeepAlive(new byte[10_000])));

        var result = await new ComparisonRunner(FourRounds, Silent()).RunAsync(comparison, CancellationToken.None);

        Assert.That(result.Baseline.AllocatedBytesPerOperation, Is.LessThan(1_000));
        Assert.That(result.Contenders[1].AllocatedBytesPerOperation, Is.InRange(10_000, 11_000));
    }

    [Test]
    public async Task Progress_names_the_comparison_and_its_rounds()
    {
        using var log = new StringWriter();
        var comparison = new Comparison("progress", Contender.Sync("a", () => { }), Contender.Sync("b", () => { }));

        await new ComparisonRunner(FourRounds, new ProgressReporter(log, interactive: false)).RunAsync(comparison, CancellationToken.None);

        Assert.That(log.ToString(), Does.Contain("progress: warm-up").And.Contain("progress: 4 rounds in"));
    }

    private static ProgressReporter Silent() => new(TextWriter.Null, interactive: false);
}
