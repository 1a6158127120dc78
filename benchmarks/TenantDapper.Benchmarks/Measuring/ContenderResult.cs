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
    /// <summary>The contender's absolute goal for time and bytes per operation, or null when it has none.</summary>
    public OperationBudget? Budget { get; init; }

    /// <summary>Whether the median time and bytes per operation are within <see cref="Budget"/>; null when there is no budget.</summary>
    public bool? MeetsBudget => Budget?.IsMetBy(this);
}
