namespace TenantDapper.Benchmarks.Measuring;

/// <summary>
/// A question answered by timing contenders against a baseline: every other contender's time per
/// operation is reported as a ratio to the baseline's, measured round by round.
/// </summary>
internal sealed record Comparison
{
    public Comparison(string title, Contender baseline, params Contender[] others)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(others);
        if (others.Length == 0)
        {
            throw new ArgumentException("A comparison needs at least one contender besides the baseline.", nameof(others));
        }

        Title = title;
        Contenders = [baseline, .. others];
        var duplicate = Contenders.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two contenders of '{title}' are both named '{duplicate.Key}': give each a name a reader can tell apart.", nameof(others));
        }
    }

    /// <summary>The comparison's name in the table and on the chart.</summary>
    public string Title { get; }

    /// <summary>The baseline first, then the contenders measured against it.</summary>
    public IReadOnlyList<Contender> Contenders { get; }

    /// <summary>How many items (rows, statements) one operation handles; with <see cref="ItemName"/>, adds a rate per second.</summary>
    public int ItemsPerOperation { get; init; } = 1;

    /// <summary>What an item is ("rows"), or null when an operation is the only unit.</summary>
    public string? ItemName { get; init; }

    /// <summary>The largest median ratio to the baseline (wall-clock time) that counts as meeting the goal, or null when there is none.</summary>
    public double? Goal { get; init; }

    /// <summary>The largest median ratio of client CPU time to the baseline's that counts as meeting the goal, or null when there is none.</summary>
    public double? CpuGoal { get; init; }

    /// <summary>The largest ratio of allocated bytes per operation to the baseline's that counts as meeting the goal, or null when there is none.</summary>
    public double? BytesGoal { get; init; }

    /// <summary>The most bytes per operation a contender may allocate over the baseline to meet the goal, or null when there is none.</summary>
    public double? ExtraBytesGoal { get; init; }
}
