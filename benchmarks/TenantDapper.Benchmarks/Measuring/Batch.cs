namespace TenantDapper.Benchmarks.Measuring;

/// <summary>What one run of a contender's operation, repeated back to back, took.</summary>
/// <param name="Operations">How many operations the batch repeated.</param>
/// <param name="Elapsed">Wall-clock time of the whole batch.</param>
/// <param name="AllocatedBytes">Bytes allocated during the batch (see <see cref="AllocationCounter"/>).</param>
/// <param name="CpuTime">
/// The client's CPU time during the batch (user and kernel; the database server runs in processes of its own): for a
/// synchronous contender the measuring thread's, where its work runs (<see cref="ThreadCpuClock"/>; the process's where
/// the system does not publish a thread's), for an asynchronous one the whole process's (<see cref="Environment.CpuUsage"/>),
/// since its continuations run on pool threads.
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
