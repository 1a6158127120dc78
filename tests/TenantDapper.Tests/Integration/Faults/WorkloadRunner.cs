using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TenantDapper.Tests.Integration.Faults;

/// <summary>Runs a <see cref="FaultWorkload"/> on several workers and measures how long each takes to recover from a failure.</summary>
internal static class WorkloadRunner
{
    /// <summary>No single call may take longer: a call that does has hung.</summary>
    public static readonly TimeSpan CallBound = TimeSpan.FromSeconds(60);

    /// <summary>Picks a fault that fits <paramref name="kind"/>, or none.</summary>
    public static FaultKind PickFault(WorkKind kind, Random random, double rate)
    {
        if (random.NextDouble() >= rate)
        {
            return FaultKind.None;
        }

        FaultKind[] fitting = kind switch
        {
            WorkKind.CountedTransaction => [FaultKind.KillInsideTransaction, FaultKind.CutInsideTransaction, FaultKind.KillWhileIdle],
            WorkKind.BulkInsert => [FaultKind.CancelledCopy, FaultKind.KillWhileIdle],
            WorkKind.DapperRead => [FaultKind.CancelledRead, FaultKind.CommandTimeout, FaultKind.KillWhileIdle],
            _ => [FaultKind.KillWhileIdle],
        };
        return fitting[random.Next(fitting.Length)];
    }

    /// <summary>
    /// Runs one worker's operations in order; returns the longest time from a failed call to the next call that succeeded.
    /// A call that takes longer than <see cref="CallBound"/> fails the test as a hang.
    /// </summary>
    public static async Task<TimeSpan> RunWorkerAsync(Func<long, Task<bool>> operation, IEnumerable<long> ops)
    {
        var longest = TimeSpan.Zero;
        Stopwatch? sinceFailure = null;
        foreach (var op in ops)
        {
            var call = operation(op);
            var succeeded = await call.WaitAsync(CallBound);
            if (!succeeded)
            {
                // As an application retrying would, rather than spinning against a server that is down.
                sinceFailure ??= Stopwatch.StartNew();
                await Task.Delay(20);
            }
            else if (sinceFailure is not null)
            {
                longest = sinceFailure.Elapsed > longest ? sinceFailure.Elapsed : longest;
                sinceFailure = null;
            }
        }

        return longest;
    }

    /// <summary>The note's table: faults per kind, operations, writes, rows checked, lost and foreign, recovery, exceptions.</summary>
    public static string Table(string title, FaultWorkload workload, long rowsChecked, long acknowledged, int lost, TimeSpan longestRecovery, TimeSpan elapsed)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{title}");
        text.AppendLine("| what | figure |");
        text.AppendLine("| --- | --- |");
        foreach (var (kind, n) in workload.Faults.OrderBy(f => f.Key))
        {
            text.AppendLine(invariant, $"| faults injected: {kind} | {n} |");
        }

        text.AppendLine(invariant, $"| operations | {workload.Operations} in {elapsed.TotalSeconds:F1} s |");
        text.AppendLine(invariant, $"| writes acknowledged | {acknowledged} of {workload.Writes.Count} |");
        text.AppendLine(invariant, $"| reads checked (rows) | {workload.Reads} ({workload.RowsRead}) |");
        text.AppendLine(invariant, $"| rows checked in the database | {rowsChecked} |");
        text.AppendLine(invariant, $"| lost or half-written | {lost} |");
        text.AppendLine(invariant, $"| foreign rows read or written | {workload.Foreign.Count} |");
        text.AppendLine(invariant, $"| longest time to recover | {longestRecovery.TotalMilliseconds:F0} ms |");
        foreach (var (exception, n) in workload.Exceptions.OrderByDescending(e => e.Value))
        {
            text.AppendLine(invariant, $"| seen {n}x | {exception.Replace('|', '/').Replace('\n', ' ')} |");
        }

        return text.ToString();
    }
}
