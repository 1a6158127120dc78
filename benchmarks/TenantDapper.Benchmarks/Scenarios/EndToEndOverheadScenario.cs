using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What the scoped builder costs on a real round trip: Dapper running hand-written SQL that carries its own
/// tenant predicates (the baseline) against <see cref="QueryFactory"/> running the same statement built with
/// the fluent API and scoped by the tenant model for <see cref="CurrentTenant"/>, on the same connection.
/// </summary>
internal sealed class EndToEndOverheadScenario : IBenchmarkScenario
{
    /// <summary>The builder's overhead goal: at most 5 % over hand-written SQL.</summary>
    public const double Goal = 1.05;

    /// <summary>A project by its key, written by hand with the tenant predicate the rewriter would add.</summary>
    public const string KeyLookupSql = "SELECT id, name FROM projects WHERE account_id = @Tenant AND id = @Project LIMIT 1";

    // Enough keys to cover several tenants and projects; the check is cheap next to the measurement.
    private const int KeysChecked = 10;

    /// <inheritdoc />
    public string Key => "overhead";

    /// <inheritdoc />
    public string Title => "End-to-end overhead";

    /// <inheritdoc />
    public string Question => "What does a scoped builder query cost over Dapper with hand-written SQL?";

    /// <summary>The key lookup as an application writes it with the builder; the tenant predicate comes from scoping.</summary>
    public static Query KeyLookup(QueryFactory db, JoinKey key)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        return db.Query("projects").Select("id", "name").Where("id", key.Project);
    }

    /// <summary>The 2-table join as an application writes it with the builder; tenant predicates and co-location come from scoping.</summary>
    public static Query Join(QueryFactory db, JoinKey key)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        return db.Query("projects as p")
            .Join("tasks as t", "t.project_id", "p.id")
            .Select("t.id", "t.title", "p.name as project")
            .Where("p.id", key.Project);
    }

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataSet = context.DataSet;
        await using var connection = await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

        // Not disposed: disposing a QueryFactory disposes its connection, which the baseline shares and the using above owns.
        var db = new QueryFactory(connection, new PostgresCompiler()) { Model = BenchmarkSchema.TenantModel(context.Database.Schema) };

        await CheckSameRowsAsync(connection, db, new JoinKeySequence(dataSet), cancellationToken).ConfigureAwait(false);

        // The prepared variant: Npgsql prepares a statement on the server after its second use (Max Auto Prepare),
        // which is what an application that sets it gets; both sides are measured with and without it.
        var preparedConnectionString = new NpgsqlConnectionStringBuilder(context.Database.ConnectionString) { MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString;
        await using var preparedConnection = new NpgsqlConnection(preparedConnectionString);
        await preparedConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var preparedDb = new QueryFactory(preparedConnection, new PostgresCompiler()) { Model = db.Model };

        var comparisons = new List<Comparison>();
        foreach (var (variant, hand, builder) in new[] { ("", connection, db), (", prepared (Max Auto Prepare)", preparedConnection, preparedDb) })
        {
            // Each contender walks a lane of its own: no one reads the pages another has just brought into the cache.
            var handLookupKeys = new JoinKeySequence(dataSet, lane: 0, lanes: 2);
            var builderLookupKeys = new JoinKeySequence(dataSet, lane: 1, lanes: 2);
            comparisons.Add(new Comparison(
                $"key lookup (one project by id){variant}",
                Contender.Sync("Dapper, hand-written SQL", () => hand.QueryFirstOrDefault<ProjectRow>(KeyLookupSql, handLookupKeys.Next())),
                Contender.Sync("QueryFactory, scoped builder", () =>
                {
                    var key = builderLookupKeys.Next();
                    using (CurrentTenant.Use(key.Tenant))
                    {
                        KeyLookup(builder, key).FirstOrDefault<ProjectRow>();
                    }
                }))
            {
                Goal = Goal,
            });

            var handJoinKeys = new JoinKeySequence(dataSet, lane: 0, lanes: 2);
            var builderJoinKeys = new JoinKeySequence(dataSet, lane: 1, lanes: 2);
            comparisons.Add(new Comparison(
                $"2-table join (one project's {dataSet.TasksPerTenant / dataSet.ProjectsPerTenant} tasks){variant}",
                Contender.Sync("Dapper, hand-written SQL", () => hand.Query<JoinedTask>(CoLocatedJoinScenario.ScopedJoinSql, handJoinKeys.Next()).AsList()),
                Contender.Sync("QueryFactory, scoped builder", () =>
                {
                    var key = builderJoinKeys.Next();
                    using (CurrentTenant.Use(key.Tenant))
                    {
                        Join(builder, key).Get<JoinedTask>().AsList();
                    }
                }))
            {
                Goal = Goal,
                ItemsPerOperation = dataSet.TasksPerTenant / dataSet.ProjectsPerTenant,
                ItemName = "rows",
            });
        }

        var sample = new JoinKeySequence(dataSet).Next();
        string lookupSql;
        string joinSql;
        using (CurrentTenant.Use(sample.Tenant))
        {
            lookupSql = db.Explain(KeyLookup(db, sample).Limit(1)).Sql;
            joinSql = db.Explain(Join(db, sample)).Sql;
        }

        var results = new List<ComparisonResult>(comparisons.Count);
        foreach (var comparison in comparisons)
        {
            results.Add(await context.Runner.RunAsync(comparison, cancellationToken).ConfigureAwait(false));
        }

        return new ScenarioResult(Key, Title, Question, results,
        [
            "Both contenders share one connection (the prepared variants another, with Max Auto Prepare = 20); each walks its own lane of tenants and projects, so neither reads pages the other has just cached; the builder sets CurrentTenant for each operation, as a request would.",
            $"Both returned the same rows for the first {KeysChecked} keys of each statement before they were timed.",
            $"Key lookup, hand-written: {KeyLookupSql}",
            $"Key lookup, as the builder sends it: {lookupSql}",
            $"2-table join, hand-written: {OneLine(CoLocatedJoinScenario.ScopedJoinSql)}",
            $"2-table join, as the builder sends it: {joinSql}",
        ]);
    }

    private static async Task CheckSameRowsAsync(NpgsqlConnection connection, QueryFactory db, JoinKeySequence keys, CancellationToken cancellationToken)
    {
        for (var i = 0; i < KeysChecked; i++)
        {
            var key = keys.Next();
            var handProject = await connection.QueryFirstOrDefaultAsync<ProjectRow>(new CommandDefinition(KeyLookupSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var handTasks = (await connection.QueryAsync<JoinedTask>(new CommandDefinition(CoLocatedJoinScenario.ScopedJoinSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false))
                .OrderBy(row => row.Id).ToArray();
            ProjectRow? builderProject;
            JoinedTask[] builderTasks;
            using (CurrentTenant.Use(key.Tenant))
            {
                builderProject = await KeyLookup(db, key).FirstOrDefaultAsync<ProjectRow>(cancellationToken: cancellationToken).ConfigureAwait(false);
                builderTasks = (await Join(db, key).GetAsync<JoinedTask>(cancellationToken: cancellationToken).ConfigureAwait(false)).OrderBy(row => row.Id).ToArray();
            }

            if (handProject is null || handProject != builderProject || handTasks.Length == 0 || !handTasks.SequenceEqual(builderTasks))
            {
                throw new InvalidOperationException(
                    $"The hand-written SQL and the scoped builder disagree for tenant {key.Tenant}, project {key.Project}: the comparison would time different work. " +
                    "Check that the benchmark schema was loaded by this run and that its tenant model matches the tables.");
            }
        }
    }

    private static string OneLine(string sql) => string.Join(' ', sql.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
