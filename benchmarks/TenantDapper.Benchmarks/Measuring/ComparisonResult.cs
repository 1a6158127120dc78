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

    /// <summary>Whether every contender's median ratio is within the goal; null when the comparison has no goal.</summary>
    public bool? MeetsGoal => Goal is { } goal
        ? Contenders.Where(c => !c.IsBaseline).All(c => c.RatioToBaseline!.Median <= goal)
        : null;

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
        for (var c = 0; c < contenders.Count; c++)
        {
            var index = c;
            var time = Spread.Of(rounds.Select(round => round[index].NanosecondsPerOperation).ToArray());
            var bytes = Spread.Of(rounds.Select(round => round[index].BytesPerOperation).ToArray()).Median;
            var ratio = index == 0
                ? null
                : Spread.Of(rounds.Select(round => round[index].NanosecondsPerOperation / round[0].NanosecondsPerOperation).ToArray());
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
            });
        }

        return new ComparisonResult(comparison.Title, rounds.Count, comparison.ItemName, comparison.ItemsPerOperation, comparison.Goal, results);
    }
}
