namespace TenantDapper.Benchmarks.Measuring;

/// <summary>What one run of a contender's operation, repeated back to back, took.</summary>
/// <param name="Operations">How many operations the batch repeated.</param>
/// <param name="Elapsed">Wall-clock time of the whole batch.</param>
/// <param name="AllocatedBytes">Bytes allocated during the batch (see <see cref="AllocationCounter"/>).</param>
/// <param name="CpuTime">
/// CPU time this process spent during the batch, all its threads (<see cref="Environment.CpuUsage"/>, user and kernel):
/// the client's CPU, since the database server runs in processes of its own.
/// </param>
internal readonly record struct Batch(int Operations, TimeSpan Elapsed, long AllocatedBytes, TimeSpan CpuTime = default)
{
    /// <summary>Mean wall-clock time of one operation, in nanoseconds.</summary>
    public double NanosecondsPerOperation => Elapsed.Ticks * 100.0 / Operations;

    /// <summary>Mean bytes allocated by one operation.</summary>
    public double BytesPerOperation => (double)AllocatedBytes / Operations;

    /// <summary>Mean client CPU time of one operation, in nanoseconds.</summary>
    public double CpuNanosecondsPerOperation => CpuTime.Ticks * 100.0 / Operations;
}
