namespace TenantDapper.Benchmarks.Measuring;

/// <summary>
/// An absolute goal for one contender, where a ratio to a baseline is not the question:
/// "a cold compile of a 2-join query takes at most 5 µs and allocates at most 4 KB".
/// </summary>
/// <param name="MaxNanoseconds">The largest median time per operation that meets the goal.</param>
/// <param name="MaxBytes">The largest median bytes allocated per operation that meet the goal.</param>
internal sealed record OperationBudget(double MaxNanoseconds, double MaxBytes)
{
    /// <summary>Whether a contender's median time and bytes per operation are both within the budget.</summary>
    public bool IsMetBy(ContenderResult contender)
    {
        ArgumentNullException.ThrowIfNull(contender);
        return contender.NanosecondsPerOperation.Median <= MaxNanoseconds && contender.AllocatedBytesPerOperation <= MaxBytes;
    }
}
