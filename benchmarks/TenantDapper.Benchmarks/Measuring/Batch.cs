namespace TenantDapper.Benchmarks.Measuring;

/// <summary>What one run of a contender's operation, repeated back to back, took.</summary>
internal readonly record struct Batch(int Operations, TimeSpan Elapsed, long AllocatedBytes)
{
    /// <summary>Mean wall-clock time of one operation, in nanoseconds.</summary>
    public double NanosecondsPerOperation => Elapsed.Ticks * 100.0 / Operations;

    /// <summary>Mean bytes allocated by one operation.</summary>
    public double BytesPerOperation => (double)AllocatedBytes / Operations;
}
