using System.Diagnostics;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Tests.Unit.Benchmarks;

/// <summary>
/// A synchronous contender's CPU time is its measuring thread's: another thread of the process that spins while the
/// operation waits (as the runtime's socket threads do while a call waits for the server) is not counted.
/// </summary>
public class ThreadCpuClockTests
{
    [Test]
    public async Task A_waiting_synchronous_operation_costs_no_cpu_while_another_thread_of_the_process_spins()
    {
        Assume.That(OperatingSystem.IsLinux(), "the thread's CPU time is read on Linux");
        using var stop = new CancellationTokenSource();
        var spinner = Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                Thread.SpinWait(1000);
            }
        }, TaskCreationOptions.LongRunning);
        var processBefore = Environment.CpuUsage.TotalTime;

        var batch = await Contender.Sync("sleeps", () => Thread.Sleep(20)).RunBatchAsync(5, CancellationToken.None);

        var process = Environment.CpuUsage.TotalTime - processBefore;
        await stop.CancelAsync();
        await spinner;
        Assert.That(batch.CpuTime, Is.LessThan(TimeSpan.FromMilliseconds(30)), $"the process spent {process.TotalMilliseconds:F0} ms meanwhile");
    }

    [Test]
    public void A_busy_thread_reads_its_own_cpu_time()
    {
        Assume.That(OperatingSystem.IsLinux(), "the thread's CPU time is read on Linux");
        var before = ThreadCpuClock.Now();
        var clock = Stopwatch.StartNew();
        while (clock.ElapsedMilliseconds < 50)
        {
            Thread.SpinWait(100);
        }

        Assert.That(ThreadCpuClock.Now() - before, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(clock.Elapsed + TimeSpan.FromMilliseconds(5)));
    }
}
