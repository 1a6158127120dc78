using System.Globalization;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Reporting;
using TenantDapper.Tenancy;
using TenantDapper.TextScoping;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What scoping SQL text costs before it goes to the server, no round trip: a text seen before (one cache lookup)
/// against a text never seen (parse, scope for the tenant, write back), the path every command of
/// <see cref="TenantDataSource"/> takes; a new text by size (1 table, 2, 6 and 16 joins), to show the cost grows with
/// the text and no faster; a text seen before of about 2,000 characters; and an A/A control, the same contender against
/// itself, whose ratio shows how far two rounds of the same work disagree on this machine.
/// </summary>
internal sealed class TextScopingScenario : IBenchmarkScenario
{
    /// <summary>Issue 21's goal for a text seen before, up to 2,000 characters: one lookup, ≤ 0.5 µs (and ≤ 300 B, the parser issue's).</summary>
    public static readonly OperationBudget CachedBudget = new(MaxNanoseconds: 500, MaxBytes: 300);

    /// <summary>Issue 21's goal for a new 2-join text: parse + scope + write ≤ 10 µs and ≤ 6 KB.</summary>
    public static readonly OperationBudget NewTwoJoinBudget = new(MaxNanoseconds: 10_000, MaxBytes: 6 * 1024);

    /// <summary>The length the long text seen before reaches at least.</summary>
    public const int LongTextLength = 2_000;

    // Far more texts than the cache holds (4,096 entries): a pool entry is long evicted when it comes round again.
    private const int NewTextPool = 65_536;

    private const long Tenant = 1;

    private static readonly int[] JoinCounts = [2, 6, 16];

    private int _contenders;

    /// <inheritdoc />
    public string Key => "text-scoping";

    /// <inheritdoc />
    public string Title => "Scoping SQL text";

    /// <inheritdoc />
    public string Question => "What do parsing, scoping and writing a statement's text cost, by its size, and a text seen before?";

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = BenchmarkSchema.TenantModel(context.Database.Schema);
        var state = TenantState.For(Tenant);
        var twoJoin = TextStatementSizes.JoinTemplate(2);
        var repeated = TextStatementSizes.Fill(twoJoin, "account");
        var sizes = new List<(string Name, string Template)> { ("1-table", TextStatementSizes.OneTableTemplate) };
        sizes.AddRange(JoinCounts.Select(joins => ($"{joins}-join", TextStatementSizes.JoinTemplate(joins))));
        foreach (var (_, template) in sizes)
        {
            CheckScopingAddsTheTenant(TextStatementSizes.Fill(template, "account"), model, state);
        }

        var results = new List<ComparisonResult>(4);
        results.Add(await context.Runner.RunAsync(
            new Comparison(
                $"2-join, {repeated.Length} characters",
                Contender.Sync("text seen before (cache lookup)", () => TextScoper.Scope(repeated, model, state, 0)) with { Budget = CachedBudget },
                NewText("new text (parse + scope + write)", twoJoin, model, state) with { Budget = NewTwoJoinBudget }),
            cancellationToken).ConfigureAwait(false));

        var lengths = sizes.ToDictionary(s => NewTextName(s.Name, s.Template), s => TextStatementSizes.Fill(s.Template, "account1_0").Length);
        var bySize = sizes.Select(s => NewText(NewTextName(s.Name, s.Template), s.Template, model, state) with
        {
            Budget = s.Template == twoJoin ? NewTwoJoinBudget : null,
        }).ToArray();
        var sizeResult = await context.Runner.RunAsync(
            new Comparison("new text by size (1-table is the baseline)", bySize[0], bySize[1..]),
            cancellationToken).ConfigureAwait(false);
        results.Add(sizeResult);

        var longText = LongText();
        CheckScopingAddsTheTenant(longText, model, state);
        results.Add(await context.Runner.RunAsync(
            new Comparison(
                $"text seen before, {repeated.Length} against {longText.Length} characters",
                Contender.Sync($"seen before, {repeated.Length} characters", () => TextScoper.Scope(repeated, model, state, 0)) with { Budget = CachedBudget },
                Contender.Sync($"seen before, {longText.Length} characters", () => TextScoper.Scope(longText, model, state, 0)) with { Budget = CachedBudget }),
            cancellationToken).ConfigureAwait(false));

        results.Add(await context.Runner.RunAsync(
            new Comparison(
                "A/A control: new 2-join text against itself",
                NewText("new 2-join text (A)", twoJoin, model, state),
                NewText("new 2-join text (A again)", twoJoin, model, state)),
            cancellationToken).ConfigureAwait(false));

        var load = LoadAverage.ReadOneMinute();
        return new ScenarioResult(Key, Title, Question, results,
        [
            "No database round trip: each operation turns the caller's text into the scoped text the data source sends, for one tenant.",
            $"Seen before: the same text every operation, so the scoped-text cache answers. New: one alias varies, taken from a pool of {NewTextPool:N0} texts built beforehand for each contender, so the cache (4,096 entries) never holds it.",
            "By size: the 2-join, then 4 and 14 more joins, each a tenant table (alternately a task and a left-joined project of the same account) with one column and one predicate; every join gets its tenant predicates.",
            .. PerCharacter(sizeResult, lengths),
            "A/A control: both contenders run the same new 2-join work; their ratio's distance from 1.00× and its min–max are the noise floor of this run, below which no ratio above says anything.",
            $"Goals from issue 21: a new 2-join text ≤ {Figures.Time(NewTwoJoinBudget.MaxNanoseconds)} and ≤ {Figures.Bytes(NewTwoJoinBudget.MaxBytes)}, cost linear in the text's length; a text seen before ≤ {Figures.Time(CachedBudget.MaxNanoseconds)} up to {LongTextLength:N0} characters. For scale: PostgreSQL's own parser (libpg_query, parse only) took 17.9 µs for the 2-join.",
            load is { } now ? $"Load average (1 min) when this scenario ended: {now.ToString("0.00", CultureInfo.InvariantCulture)} on {Environment.ProcessorCount} logical cores." : "Load average: not published by this system.",
            $"The 2-join: {repeated}",
            $"Scoped: {Written(repeated, model, state)}",
        ]);
    }

    private static string NewTextName(string size, string template) =>
        $"new {size} text ({TextStatementSizes.Fill(template, "account1_0").Length} chars)";

    // A contender that scopes a text never seen before every operation, from a pool of its own: its aliases carry the
    // contender's number, so two contenders of the same template never hand each other a cached text.
    private Contender NewText(string name, string template, TenantModel model, TenantState state)
    {
        var prefix = "account" + (++_contenders).ToString(CultureInfo.InvariantCulture) + "_";
        var pool = Enumerable.Range(0, NewTextPool).Select(i => TextStatementSizes.Fill(template, prefix + i.ToString(CultureInfo.InvariantCulture))).ToArray();
        var next = 0;
        return Contender.Sync(name, () => TextScoper.Scope(pool[next++ & (NewTextPool - 1)], model, state, 0));
    }

    // The fewest joins whose text reaches LongTextLength characters.
    private static string LongText()
    {
        for (var joins = 2; ; joins++)
        {
            var text = TextStatementSizes.Fill(TextStatementSizes.JoinTemplate(joins), "account");
            if (text.Length >= LongTextLength)
            {
                return text;
            }
        }
    }

    // Time and bytes per 100 characters of each size: equal figures down the sizes mean a cost linear in the text's length.
    private static IEnumerable<string> PerCharacter(ComparisonResult bySize, IReadOnlyDictionary<string, int> lengths)
    {
        var perHundred = new List<double>(bySize.Contenders.Count);
        foreach (var contender in bySize.Contenders)
        {
            var characters = lengths[contender.Name];
            var time = contender.NanosecondsPerOperation.Median * 100 / characters;
            perHundred.Add(time);
            yield return $"Per 100 characters, {contender.Name}: {Figures.Time(time)} and {Figures.Bytes(contender.AllocatedBytesPerOperation * 100 / characters)} "
                + $"({characters:N0} chars, {Figures.Time(contender.NanosecondsPerOperation.Median)}, {Figures.Bytes(contender.AllocatedBytesPerOperation)} per text).";
        }

        yield return $"Linearity: the time per 100 characters spans {Figures.Ratio(perHundred.Max() / perHundred.Min())} (largest over smallest) from the 1-table to the 16-join text; 1.00× would be exactly linear.";
    }

    private static string Written(string text, TenantModel model, TenantState state) =>
        TextScoper.Scope(text, model, state, 0).Release(state, model.TenantKeyType, TenantDapper.Scoping.SuppliedTenantCheck.NoCallerParameters, out _);

    private static void CheckScopingAddsTheTenant(string text, TenantModel model, TenantState state)
    {
        var scoped = TextScoper.Scope(text, model, state, 0);
        if (!scoped.UsesTenant)
        {
            throw new InvalidOperationException($"Scoping the text did not add the tenant ({Written(text, model, state)}): the scenario would not measure scoping. Check the benchmark's tenant model.");
        }
    }
}
