namespace TenantDapper.Benchmarks.Measuring;

/// <summary>How long to warm up, how many rounds to run and how long one contender's share of a round should take.</summary>
internal sealed record MeasurementSettings
{
    public MeasurementSettings(int rounds, TimeSpan warmUp, TimeSpan roundTarget)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(warmUp, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(roundTarget, TimeSpan.Zero);
        Rounds = rounds;
        WarmUp = warmUp;
        RoundTarget = roundTarget;
    }

    /// <summary>How many interleaved rounds are measured; each gives one ratio per contender.</summary>
    public int Rounds { get; }

    /// <summary>How long each contender runs, unmeasured, before the rounds start.</summary>
    public TimeSpan WarmUp { get; }

    /// <summary>How long one contender's batch in a round should take; fast operations are repeated to fill it.</summary>
    public TimeSpan RoundTarget { get; }

    /// <summary>
    /// How long a warm-up batch must last for "no method was compiled during it" to count: the warm-up ends only after
    /// two such batches in a row (the JIT has settled), whatever <see cref="WarmUp"/> says.
    /// </summary>
    public TimeSpan JitSettleBatch { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest a contender's warm-up may last when the JIT never settles (it is then reported).</summary>
    public TimeSpan MaxWarmUp { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most operations one batch may repeat, so a near-free operation cannot make a round endless.</summary>
    public int MaxOperationsPerRound { get; init; } = 1_000_000;
}
