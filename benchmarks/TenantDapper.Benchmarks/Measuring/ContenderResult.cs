namespace TenantDapper.Benchmarks.Measuring;

/// <summary>What one contender of a comparison measured, over all rounds.</summary>
/// <param name="Name">The contender's name.</param>
/// <param name="IsBaseline">Whether the other contenders' ratios are taken against this one.</param>
/// <param name="OperationsPerRound">How many operations each of its batches repeated.</param>
/// <param name="NanosecondsPerOperation">Wall-clock time of one operation, per round.</param>
/// <param name="OperationsPerSecond">Operations per second at the median time.</param>
/// <param name="ItemsPerSecond">Items (rows) per second at the median time, when the comparison counts items.</param>
/// <param name="AllocatedBytesPerOperation">Median bytes allocated by one operation.</param>
/// <param name="AllocationCounter">Which counter the bytes were read from.</param>
/// <param name="RatioToBaseline">This contender's time per operation divided by the baseline's in the same round; null for the baseline.</param>
/// <param name="Facts">What the reader should know about how it ran (plan, Citus task counts).</param>
internal sealed record ContenderResult(
    string Name,
    bool IsBaseline,
    int OperationsPerRound,
    Spread NanosecondsPerOperation,
    double OperationsPerSecond,
    double? ItemsPerSecond,
    double AllocatedBytesPerOperation,
    AllocationCounter AllocationCounter,
    Spread? RatioToBaseline,
    IReadOnlyDictionary<string, string> Facts)
{
    /// <summary>Whether this contender is a control (an A/A row): shown, never judged against the comparison's goal.</summary>
    public bool IsControl { get; init; }

    /// <summary>Client CPU time of one operation (<see cref="Batch.CpuTime"/>: the measuring thread's for a synchronous contender), per round, in nanoseconds.</summary>
    public Spread CpuNanosecondsPerOperation { get; init; } = new(0, 0, 0);

    /// <summary>This contender's CPU time per operation divided by the baseline's in the same round; null for the baseline.</summary>
    public Spread? CpuRatioToBaseline { get; init; }

    /// <summary>This contender's median bytes per operation divided by the baseline's; null for the baseline or when the baseline allocates nothing.</summary>
    public double? BytesRatioToBaseline { get; init; }

    /// <summary>This contender's median bytes per operation minus the baseline's; null for the baseline.</summary>
    public double? ExtraBytesPerOperation { get; init; }

    /// <summary>The contender's absolute goal for time and bytes per operation, or null when it has none.</summary>
    public OperationBudget? Budget { get; init; }

    /// <summary>Whether the median time and bytes per operation are within <see cref="Budget"/>; null when there is no budget.</summary>
    public bool? MeetsBudget => Budget?.IsMetBy(this);
}
