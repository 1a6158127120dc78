using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What the scoping data source costs plain Dapper code on a real round trip: the same Dapper call on a connection
/// of the driver's <see cref="NpgsqlDataSource"/>, with the tenant predicates written by hand (the baseline), against
/// the call without them on a connection of <see cref="TenantDataSource"/>, which adds them. Each operation opens a
/// pooled connection, as a request would. Also the first call of a text (a new text every operation).
/// </summary>
internal sealed class PlainDapperScenario : IBenchmarkScenario
{
    /// <summary>The data source's overhead goal: at most 3 % over the driver's data source.</summary>
    public const double Goal = 1.03;

    /// <summary>A project by key, with its tenant predicate written by hand.</summary>
    public const string HandKeyLookupSql = "SELECT id, name FROM projects WHERE account_id = @tenantId AND id = @Project LIMIT 1";

    /// <summary>The same lookup as plain code writes it for the scoping data source.</summary>
    public const string KeyLookupSql = "SELECT id, name FROM projects WHERE id = @Project LIMIT 1";

    /// <summary>The 2-table join as plain code writes it for the scoping data source.</summary>
    public const string JoinSql = "SELECT t.id, t.title, p.name AS project FROM projects p JOIN tasks t ON t.project_id = p.id WHERE p.id = @Project";

    /// <summary>The 2-table join with its tenant predicates and co-location written by hand.</summary>
    public const string HandJoinSql = "SELECT t.id, t.title, p.name AS project FROM projects p JOIN tasks t ON t.account_id = p.account_id AND t.project_id = p.id WHERE p.account_id = @tenantId AND t.account_id = @tenantId AND p.id = @Project";

    // Far more texts than the scoped-text cache holds (4,096 entries), so every scoped operation parses.
    private const int NewTextPool = 65_536;

    private const int KeysChecked = 10;

    // The caller's data source without the pool's own reset: the scoping data source resets a session only after a bypass.
    private const string FastContender = "TenantDataSource, scoped, No Reset On Close";

    /// <inheritdoc />
    public string Key => "plain-dapper";

    /// <inheritdoc />
    public string Title => "Plain Dapper through the scoping data source";

    /// <inheritdoc />
    public string Question => "What does TenantDataSource cost plain Dapper code over the driver's data source?";

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataSet = context.DataSet;
        await using var driver = NpgsqlDataSource.Create(context.Database.ConnectionString);
        await using var scoping = new TenantDataSource(NpgsqlDataSource.Create(context.Database.ConnectionString), BenchmarkSchema.TenantModel(context.Database.Schema));
        var unreset = new NpgsqlConnectionStringBuilder(context.Database.ConnectionString) { NoResetOnClose = true };
        await using var fast = new TenantDataSource(NpgsqlDataSource.Create(unreset.ConnectionString), BenchmarkSchema.TenantModel(context.Database.Schema));
        await CheckSameRowsAsync(driver, scoping, new JoinKeySequence(dataSet), cancellationToken).ConfigureAwait(false);
        await CheckSameRowsAsync(driver, fast, new JoinKeySequence(dataSet), cancellationToken).ConfigureAwait(false);

        var handLookup = new JoinKeySequence(dataSet, lane: 0, lanes: 3);
        var scopedLookup = new JoinKeySequence(dataSet, lane: 1, lanes: 3);
        var fastLookup = new JoinKeySequence(dataSet, lane: 2, lanes: 3);
        var keyLookup = new Comparison(
            "key lookup (one project by id)",
            Contender.Sync("NpgsqlDataSource, tenant predicate by hand", () =>
            {
                var key = handLookup.Next();
                using var connection = driver.OpenConnection();
                connection.QueryFirstOrDefault<ProjectRow>(HandKeyLookupSql, new { tenantId = key.Tenant, key.Project });
            }),
            Contender.Sync("TenantDataSource, scoped", () =>
            {
                var key = scopedLookup.Next();
                using (CurrentTenant.Use(key.Tenant))
                {
                    using var connection = scoping.OpenConnection();
                    connection.QueryFirstOrDefault<ProjectRow>(KeyLookupSql, new { key.Project });
                }
            }),
            Contender.Sync(FastContender, () =>
            {
                var key = fastLookup.Next();
                using (CurrentTenant.Use(key.Tenant))
                {
                    using var connection = fast.OpenConnection();
                    connection.QueryFirstOrDefault<ProjectRow>(KeyLookupSql, new { key.Project });
                }
            }))
        {
            Goal = Goal,
        };

        var handJoin = new JoinKeySequence(dataSet, lane: 0, lanes: 3);
        var scopedJoin = new JoinKeySequence(dataSet, lane: 1, lanes: 3);
        var fastJoin = new JoinKeySequence(dataSet, lane: 2, lanes: 3);
        var rows = dataSet.TasksPerTenant / dataSet.ProjectsPerTenant;
        var join = new Comparison(
            $"2-table join (one project's {rows} tasks)",
            Contender.Sync("NpgsqlDataSource, tenant predicates by hand", () =>
            {
                var key = handJoin.Next();
                using var connection = driver.OpenConnection();
                connection.Query<JoinedTask>(HandJoinSql, new { tenantId = key.Tenant, key.Project }).AsList();
            }),
            Contender.Sync("TenantDataSource, scoped", () =>
            {
                var key = scopedJoin.Next();
                using (CurrentTenant.Use(key.Tenant))
                {
                    using var connection = scoping.OpenConnection();
                    connection.Query<JoinedTask>(JoinSql, new { key.Project }).AsList();
                }
            }),
            Contender.Sync(FastContender, () =>
            {
                var key = fastJoin.Next();
                using (CurrentTenant.Use(key.Tenant))
                {
                    using var connection = fast.OpenConnection();
                    connection.Query<JoinedTask>(JoinSql, new { key.Project }).AsList();
                }
            }))
        {
            Goal = Goal,
            ItemsPerOperation = rows,
            ItemName = "rows",
        };

        var handTexts = Enumerable.Range(0, NewTextPool).Select(i => HandKeyLookupSql.Replace("name FROM", $"name AS name_{i} FROM", StringComparison.Ordinal)).ToArray();
        var scopedTexts = Enumerable.Range(0, NewTextPool).Select(i => KeyLookupSql.Replace("name FROM", $"name AS name_{i} FROM", StringComparison.Ordinal)).ToArray();
        var handCold = new JoinKeySequence(dataSet, lane: 0, lanes: 2);
        var scopedCold = new JoinKeySequence(dataSet, lane: 1, lanes: 2);
        var handNext = 0;
        var scopedNext = 0;
        var firstCall = new Comparison(
            "key lookup, a new text every call",
            Contender.Sync("NpgsqlDataSource, tenant predicate by hand", () =>
            {
                var key = handCold.Next();
                using var connection = driver.OpenConnection();
                connection.Execute(handTexts[handNext++ & (NewTextPool - 1)], new { tenantId = key.Tenant, key.Project });
            }),
            Contender.Sync("TenantDataSource, scoped", () =>
            {
                var key = scopedCold.Next();
                using (CurrentTenant.Use(key.Tenant))
                {
                    using var connection = scoping.OpenConnection();
                    connection.Execute(scopedTexts[scopedNext++ & (NewTextPool - 1)], new { key.Project });
                }
            }));

        var sample = Tenancy.TenantState.For(1L);
        var scopedLookupText = TextScoping.TextScoper.Scope(KeyLookupSql, scoping.Model, sample, 0).Release(sample, scoping.Model.TenantKeyType, Scoping.SuppliedTenantCheck.NoCallerParameters, out _);
        var scopedJoinText = TextScoping.TextScoper.Scope(JoinSql, scoping.Model, sample, 0).Release(sample, scoping.Model.TenantKeyType, Scoping.SuppliedTenantCheck.NoCallerParameters, out _);

        var results = new List<ComparisonResult>
        {
            await context.Runner.RunAsync(keyLookup, cancellationToken).ConfigureAwait(false),
            await context.Runner.RunAsync(join, cancellationToken).ConfigureAwait(false),
            await context.Runner.RunAsync(firstCall, cancellationToken).ConfigureAwait(false),
        };

        return new ScenarioResult(Key, Title, Question, results,
        [
            "Each operation opens a pooled connection from its data source and runs one Dapper call, as a request would; each side walks its own lane of tenants and projects (disjoint keys, so neither finds pages the other has just read in the cache), and the scoped side sets CurrentTenant for each operation.",
            $"{FastContender}: the caller's NpgsqlDataSource sets No Reset On Close, so its pool sends no DISCARD ALL with the first statement after an open; the scoping data source resets a session itself only after a bypass used it (none runs here). The other two sides keep the pool's default reset.",
            $"Both returned the same rows for the first {KeysChecked} keys of each statement before they were timed.",
            $"Key lookup, by hand: {HandKeyLookupSql}",
            $"Key lookup, plain text: {KeyLookupSql}; as the data source sends it: {scopedLookupText}",
            $"2-table join, by hand: {HandJoinSql}",
            $"2-table join, plain text: {JoinSql}; as the data source sends it: {scopedJoinText}",
            $"New text every call: one column alias varies, from a pool of {NewTextPool:N0} texts, so the scoped-text cache (4,096 entries) never holds it; the server parses every text on both sides (nothing is prepared).",
        ]);
    }

    private static async Task CheckSameRowsAsync(NpgsqlDataSource driver, TenantDataSource scoping, JoinKeySequence keys, CancellationToken cancellationToken)
    {
        await using var hand = await driver.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var scoped = await scoping.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < KeysChecked; i++)
        {
            var key = keys.Next();
            var handProject = await hand.QueryFirstOrDefaultAsync<ProjectRow>(new CommandDefinition(HandKeyLookupSql, new { tenantId = key.Tenant, key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var handTasks = (await hand.QueryAsync<JoinedTask>(new CommandDefinition(HandJoinSql, new { tenantId = key.Tenant, key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false)).OrderBy(row => row.Id).ToArray();
            ProjectRow? scopedProject;
            JoinedTask[] scopedTasks;
            using (CurrentTenant.Use(key.Tenant))
            {
                scopedProject = await scoped.QueryFirstOrDefaultAsync<ProjectRow>(new CommandDefinition(KeyLookupSql, new { key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                scopedTasks = (await scoped.QueryAsync<JoinedTask>(new CommandDefinition(JoinSql, new { key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false)).OrderBy(row => row.Id).ToArray();
            }

            if (handProject is null || handProject != scopedProject || handTasks.Length == 0 || !handTasks.SequenceEqual(scopedTasks))
            {
                throw new InvalidOperationException(
                    $"The hand-written SQL and the scoping data source disagree for tenant {key.Tenant}, project {key.Project}: the comparison would time different work. Check the benchmark's tenant model.");
            }
        }
    }
}
