using System.Diagnostics;

namespace TenantDapper.Benchmarks.Measuring;

/// <summary>
/// One side of a comparison: an operation the runner repeats and times. A synchronous operation's
/// allocations are read from the current thread; an asynchronous one's continuations may run on
/// other threads, so its allocations are read process-wide.
/// </summary>
internal sealed record Contender
{
    private readonly Action? _operation;
    private readonly Func<CancellationToken, Task>? _asyncOperation;

    private Contender(string name, Action? operation, Func<CancellationToken, Task>? asyncOperation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _operation = operation;
        _asyncOperation = asyncOperation;
    }

    /// <summary>What the reader sees in the table, the chart and the files.</summary>
    public string Name { get; }

    /// <summary>What a reader should know about how this contender ran (its plan, its Citus task count).</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    /// <summary>An absolute goal for this contender's time and bytes per operation, or null when it has none.</summary>
    public OperationBudget? Budget { get; init; }

    /// <summary>
    /// Whether this contender is a control: the baseline's own setup run a second time (an A/A row), so its ratio shows
    /// the noise floor. A control is measured and shown like any contender but never judged against the comparison's goal.
    /// </summary>
    public bool IsControl { get; init; }

    /// <summary>Which allocation counter measures this contender: the current thread's or the process's.</summary>
    public AllocationCounter AllocationCounter =>
        _operation is not null ? AllocationCounter.CurrentThread : AllocationCounter.Process;

    /// <summary>A contender whose operation runs synchronously on the measuring thread.</summary>
    public static Contender Sync(string name, Action operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new Contender(name, operation, null);
    }

    /// <summary>A contender whose operation is awaited.</summary>
    public static Contender Async(string name, Func<CancellationToken, Task> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return new Contender(name, null, operation);
    }

    /// <summary>Runs the operation <paramref name="operations"/> times in a row and reports elapsed time, bytes and CPU time (<see cref="Batch.CpuTime"/>).</summary>
    public async ValueTask<Batch> RunBatchAsync(int operations, CancellationToken cancellationToken)
    {
        if (_operation is not null)
        {
            return RunSynchronousBatch(_operation, operations);
        }

        var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < operations; i++)
        {
            await _asyncOperation!(cancellationToken).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        return new Batch(operations, elapsed, GC.GetTotalAllocatedBytes(precise: true) - bytesBefore, cpu);
    }

    // The measuring thread's CPU time where the system publishes it (ThreadCpuClock says why not the process's), else the process's.
    private static Batch RunSynchronousBatch(Action operation, int operations)
    {
        var bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        var threadBefore = ThreadCpuClock.Now();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < operations; i++)
        {
            operation();
        }

        var elapsed = Stopwatch.GetElapsedTime(start);
        var cpu = ThreadCpuClock.Now() - threadBefore ?? Environment.CpuUsage.TotalTime - cpuBefore;
        return new Batch(operations, elapsed, GC.GetAllocatedBytesForCurrentThread() - bytesBefore, cpu);
    }
}
