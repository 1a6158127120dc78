using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Reporting;
using TenantDapper.Tenancy;
using TenantDapper.TextScoping;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What scoping SQL text costs before it goes to the server, no round trip: a text seen before (one cache lookup)
/// against a text never seen (parse, scope for the tenant, write back), for a typical 2-join statement of about
/// 300 characters, the path every command of <see cref="TenantDataSource"/> takes.
/// </summary>
internal sealed class TextScopingScenario : IBenchmarkScenario
{
    /// <summary>The parser issue's goal for a text seen before: one lookup, ≤ 1 µs and ≤ 300 B.</summary>
    public static readonly OperationBudget CachedBudget = new(MaxNanoseconds: 1_000, MaxBytes: 300);

    /// <summary>The parser issue's goal for a text never seen: parse + scope + write ≤ 15 µs (it sets no byte goal, so it is a note, not a budget).</summary>
    public const double ColdGoalNanoseconds = 15_000;

    // Far more texts than the cache holds (4,096 entries): a pool entry is long evicted when it comes round again.
    private const int NewTextPool = 65_536;

    private const long Tenant = 1;

    /// <summary>The 2-join statement; <c>{0}</c> is an alias that varies to make a new text.</summary>
    public const string TwoJoinTemplate =
        "SELECT t.id, t.title AS task_title, t.done, p.name AS project, a.name AS {0} FROM projects p " +
        "JOIN tasks t ON t.project_id = p.id JOIN accounts a ON a.id = p.account_id " +
        "WHERE p.id = @project AND t.done = false AND t.title LIKE @pattern ORDER BY t.id DESC, p.name LIMIT 50";

    /// <inheritdoc />
    public string Key => "text-scoping";

    /// <inheritdoc />
    public string Title => "Scoping SQL text";

    /// <inheritdoc />
    public string Question => "What do parsing, scoping and writing a statement's text cost, and a text seen before?";

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = BenchmarkSchema.TenantModel(context.Database.Schema);
        var state = TenantState.For(Tenant);
        var repeated = string.Format(System.Globalization.CultureInfo.InvariantCulture, TwoJoinTemplate, "account");
        var pool = Enumerable.Range(0, NewTextPool).Select(i => string.Format(System.Globalization.CultureInfo.InvariantCulture, TwoJoinTemplate, "account_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        CheckScopingAddsTheTenant(repeated, model, state);

        var next = 0;
        var result = await context.Runner.RunAsync(
            new Comparison(
                $"2-join, {repeated.Length} characters",
                Contender.Sync("text seen before (cache lookup)", () => TextScoper.Scope(repeated, model, state, 0)) with { Budget = CachedBudget },
                Contender.Sync("new text (parse + scope + write)", () => TextScoper.Scope(pool[next++ & (NewTextPool - 1)], model, state, 0))),
            cancellationToken).ConfigureAwait(false);

        return new ScenarioResult(Key, Title, Question, [result],
        [
            "No database round trip: each operation turns the caller's text into the scoped text the data source sends, for one tenant.",
            $"Seen before: the same text every operation, so the scoped-text cache answers. New: one alias varies, taken from a pool of {NewTextPool:N0} texts built beforehand, so the cache (4,096 entries) never holds it.",
            $"Goals from the parser issue: a text seen before ≤ {Figures.Time(CachedBudget.MaxNanoseconds)} and ≤ {Figures.Bytes(CachedBudget.MaxBytes)}; a new 2-join text ≤ {Figures.Time(ColdGoalNanoseconds)}, read from the table (JSqlParser, which MyBatis-Plus uses: 71–93 µs per statement).",
            $"The text: {repeated}",
            $"Scoped: {Written(repeated, model, state)}",
        ]);
    }

    private static string Written(string text, TenantModel model, TenantState state) =>
        TextScoper.Scope(text, model, state, 0).Release(state, model.TenantKeyType, TenantDapper.Scoping.SuppliedTenantCheck.NoCallerParameters, out _);

    private static void CheckScopingAddsTheTenant(string text, TenantModel model, TenantState state)
    {
        var scoped = TextScoper.Scope(text, model, state, 0);
        if (!scoped.UsesTenant)
        {
            throw new InvalidOperationException($"Scoping the 2-join text did not add the tenant ({Written(text, model, state)}): the scenario would not measure scoping. Check the benchmark's tenant model.");
        }
    }
}
