namespace TenantDapper.Benchmarks.Measuring;

/// <summary>What a comparison measured: one result per contender, the baseline first.</summary>
internal sealed record ComparisonResult(
    string Title,
    int Rounds,
    string? ItemName,
    int ItemsPerOperation,
    double? Goal,
    IReadOnlyList<ContenderResult> Contenders)
{
    /// <summary>The contender the ratios are taken against.</summary>
    public ContenderResult Baseline => Contenders[0];

    /// <summary>
    /// The widest ratio spread a comparison may show for its figures to be quoted: a contender's largest per-round ratio
    /// divided by its smallest. Over it, the rounds disagree by more than the differences the goals are about.
    /// </summary>
    public const double QuotableRatioSpread = 1.5;

    /// <summary>The widest of the contenders' ratio spreads: a contender's largest per-round ratio over its smallest.</summary>
    public double RatioSpread => Contenders.Where(c => !c.IsBaseline).Max(c => c.RatioToBaseline!.Max / c.RatioToBaseline.Min);

    /// <summary>Whether the rounds disagree too much to quote the figures: <see cref="RatioSpread"/> is over <see cref="QuotableRatioSpread"/>.</summary>
    public bool IsTooNoisyToQuote => RatioSpread > QuotableRatioSpread;

    /// <summary>The largest median ratio of client CPU time to the baseline's that meets the goal, or null.</summary>
    public double? CpuGoal { get; init; }

    /// <summary>The largest ratio of bytes per operation to the baseline's that meets the goal, or null.</summary>
    public double? BytesGoal { get; init; }

    /// <summary>The most bytes per operation over the baseline's that meet the goal, or null.</summary>
    public double? ExtraBytesGoal { get; init; }

    /// <summary>Whether the comparison has a goal of any kind (time, CPU or bytes).</summary>
    public bool HasGoal => Goal is not null || CpuGoal is not null || BytesGoal is not null || ExtraBytesGoal is not null;

    /// <summary>The contenders a goal judges: all but the baseline and the controls (A/A rows).</summary>
    public IEnumerable<ContenderResult> Judged() => Contenders.Where(c => !c.IsBaseline && !c.IsControl);

    /// <summary>Whether every judged contender meets every part of the goal; null when the comparison has no goal.</summary>
    public bool? MeetsGoal => HasGoal ? Judged().All(MeetsGoalFor) : null;

    /// <summary>Whether <paramref name="contender"/>'s medians are within every part of the goal the comparison has.</summary>
    public bool MeetsGoalFor(ContenderResult contender)
    {
        ArgumentNullException.ThrowIfNull(contender);
        return (Goal is not { } time || contender.RatioToBaseline is { } ratio && ratio.Median <= time)
            && (CpuGoal is not { } cpu || contender.CpuRatioToBaseline is { } cpuRatio && cpuRatio.Median <= cpu)
            && (BytesGoal is not { } bytes || contender.BytesRatioToBaseline is { } bytesRatio && bytesRatio <= bytes)
            && (ExtraBytesGoal is not { } extra || contender.ExtraBytesPerOperation is { } extraBytes && extraBytes <= extra);
    }

    /// <summary>
    /// Summarises the measured batches: <paramref name="rounds"/>[r][c] is contender c's batch in round r.
    /// A contender's ratio is taken round by round against the baseline's batch of the same round,
    /// so a slow stretch of the machine that hits both sides of a round cancels out.
    /// </summary>
    public static ComparisonResult From(Comparison comparison, IReadOnlyList<int> operationsPerRound, IReadOnlyList<IReadOnlyList<Batch>> rounds)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        ArgumentNullException.ThrowIfNull(operationsPerRound);
        ArgumentNullException.ThrowIfNull(rounds);
        if (rounds.Count == 0)
        {
            throw new ArgumentException("A comparison result needs at least one measured round.", nameof(rounds));
        }

        var contenders = comparison.Contenders;
        var results = new List<ContenderResult>(contenders.Count);
        var baselineBytes = Spread.Of(rounds.Select(round => round[0].BytesPerOperation).ToArray()).Median;
        for (var c = 0; c < contenders.Count; c++)
        {
            var index = c;
            var time = Spread.Of(rounds.Select(round => round[index].NanosecondsPerOperation).ToArray());
            var bytes = Spread.Of(rounds.Select(round => round[index].BytesPerOperation).ToArray()).Median;
            var ratio = index == 0
                ? null
                : Spread.Of(rounds.Select(round => round[index].NanosecondsPerOperation / round[0].NanosecondsPerOperation).ToArray());
            var cpu = Spread.Of(rounds.Select(round => round[index].CpuNanosecondsPerOperation).ToArray());
            var cpuRatio = index == 0 || rounds.Any(round => round[0].CpuNanosecondsPerOperation <= 0)
                ? null
                : Spread.Of(rounds.Select(round => round[index].CpuNanosecondsPerOperation / round[0].CpuNanosecondsPerOperation).ToArray());
            var operationsPerSecond = 1e9 / time.Median;
            results.Add(new ContenderResult(
                contenders[c].Name,
                IsBaseline: index == 0,
                operationsPerRound[c],
                time,
                operationsPerSecond,
                comparison.ItemName is null ? null : operationsPerSecond * comparison.ItemsPerOperation,
                bytes,
                contenders[c].AllocationCounter,
                ratio,
                contenders[c].Facts)
            {
                Budget = contenders[c].Budget,
                IsControl = contenders[c].IsControl,
                CpuNanosecondsPerOperation = cpu,
                CpuRatioToBaseline = cpuRatio,
                BytesRatioToBaseline = index == 0 || baselineBytes <= 0 ? null : bytes / baselineBytes,
                ExtraBytesPerOperation = index == 0 ? null : bytes - baselineBytes,
            });
        }

        return new ComparisonResult(comparison.Title, rounds.Count, comparison.ItemName, comparison.ItemsPerOperation, comparison.Goal, results)
        {
            CpuGoal = comparison.CpuGoal,
            BytesGoal = comparison.BytesGoal,
            ExtraBytesGoal = comparison.ExtraBytesGoal,
        };
    }
}
