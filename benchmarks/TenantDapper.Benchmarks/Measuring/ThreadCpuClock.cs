using System.Runtime.InteropServices;

namespace TenantDapper.Benchmarks.Measuring;

/// <summary>
/// The CPU time of the calling thread (user and kernel), where the system publishes it (Linux:
/// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, nanosecond resolution); elsewhere <see langword="null"/>.
/// </summary>
/// <remarks>
/// A synchronous contender's work runs on the measuring thread: Dapper, TenantDapper, the driver's protocol code and
/// its socket calls. The process's CPU time (<see cref="Environment.CpuUsage"/>) also counts the runtime's threads that
/// wait on the same socket: on Linux a synchronous read of a non-blocking socket is completed through the socket event
/// thread and a thread-pool worker, which spin before they sleep while the operation waits for the server, so the
/// process's CPU per operation grows with the round trip (it came out close to the wall-clock time) and says little
/// about the client's own work.
/// </remarks>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeClock = 3;

    private static readonly bool Available = OperatingSystem.IsLinux() && TryRead(out _);

    /// <summary>The calling thread's CPU time so far, or <see langword="null"/> when the system does not publish it.</summary>
    public static TimeSpan? Now() => Available && TryRead(out var time) ? time : null;

    private static bool TryRead(out TimeSpan time)
    {
        time = default;
        try
        {
            if (ClockGetTime(ThreadCpuTimeClock, out var value) != 0)
            {
                return false;
            }

            time = TimeSpan.FromTicks((value.Seconds * 1_000_000_000 + value.Nanoseconds) / 100);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // DllImport rather than LibraryImport, which needs unsafe code: the signature is blittable, nothing is marshalled.
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out TimeValue value);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
