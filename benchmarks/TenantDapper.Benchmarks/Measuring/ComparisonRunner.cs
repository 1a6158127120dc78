using System.Diagnostics;

namespace TenantDapper.Benchmarks.Measuring;

/// <summary>
/// Runs a comparison: each contender warms up, then the contenders take turns in rounds, the
/// order rotating each round (for two contenders: A then B, then B then A) so that neither always
/// runs on a warmer cache or a quieter machine.
/// </summary>
internal sealed class ComparisonRunner(MeasurementSettings settings, ProgressReporter progress)
{
    /// <summary>Warms up, measures every round and summarises.</summary>
    public async Task<ComparisonResult> RunAsync(Comparison comparison, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var started = Stopwatch.GetTimestamp();
        var contenders = comparison.Contenders;

        progress.WarmingUp(comparison.Title);
        var operationsPerRound = new int[contenders.Count];
        for (var c = 0; c < contenders.Count; c++)
        {
            operationsPerRound[c] = await WarmUpAsync(contenders[c], cancellationToken).ConfigureAwait(false);
        }

        var rounds = new List<IReadOnlyList<Batch>>(settings.Rounds);
        for (var r = 0; r < settings.Rounds; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress.Round(comparison.Title, r + 1, settings.Rounds);
            var batches = new Batch[contenders.Count];
            foreach (var c in TurnOrder(r, contenders.Count))
            {
                // Each batch starts on a clean heap, so it never pays for collecting the garbage of the batch before it.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                batches[c] = await contenders[c].RunBatchAsync(operationsPerRound[c], cancellationToken).ConfigureAwait(false);
            }

            rounds.Add(batches);
        }

        progress.Finished(comparison.Title, settings.Rounds, Stopwatch.GetElapsedTime(started));
        return ComparisonResult.From(comparison, operationsPerRound, rounds);
    }

    /// <summary>The order in which the contenders run in round <paramref name="round"/> (0-based): a rotation by the round number.</summary>
    public static IEnumerable<int> TurnOrder(int round, int contenders) =>
        Enumerable.Range(0, contenders).Select(k => (round + k) % contenders);

    // The first call pays for JIT compilation, prepared plans and cold caches and is not used.
    // Then batches double in size until the warm-up time is spent, and go on until the JIT settles: tiered
    // compilation keeps recompiling hot methods for seconds after start (30-120 µs per call in the first
    // seconds), so a batch measured before that ends times the compiler. The last batch's time per operation
    // decides how many operations fill a round.
    private async Task<int> WarmUpAsync(Contender contender, CancellationToken cancellationToken)
    {
        await contender.RunBatchAsync(1, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var spent = TimeSpan.Zero;
        var size = 1;
        var settled = 0;
        Batch last;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
            last = await contender.RunBatchAsync(size, cancellationToken).ConfigureAwait(false);
            spent += last.Elapsed;
            settled = last.Elapsed >= settings.JitSettleBatch && System.Runtime.JitInfo.GetCompiledMethodCount() == compiledBefore ? settled + 1 : 0;
            size = (int)Math.Min(size * 2L, settings.MaxOperationsPerRound);
        }
        while ((spent < settings.WarmUp || settled < 2) && Stopwatch.GetElapsedTime(started) < settings.MaxWarmUp);

        progress.WarmedUp(contender.Name, Stopwatch.GetElapsedTime(started), settled >= 2);
        var fill = settings.RoundTarget.Ticks * 100.0 / Math.Max(last.NanosecondsPerOperation, 1.0);
        return (int)Math.Clamp(Math.Round(fill), 1, settings.MaxOperationsPerRound);
    }
}
