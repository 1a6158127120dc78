namespace TenantDapper.Benchmarks.Measuring;

/// <summary>Where a contender's allocated bytes were read.</summary>
internal enum AllocationCounter
{
    /// <summary><see cref="GC.GetAllocatedBytesForCurrentThread"/>: exact for work done on the measuring thread.</summary>
    CurrentThread,

    /// <summary><see cref="GC.GetTotalAllocatedBytes(bool)"/>: includes continuations on pool threads, and anything else the process allocated meanwhile.</summary>
    Process,
}
