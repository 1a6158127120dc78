using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What the scoped builder costs on a real round trip, both sides at their defaults: Dapper running hand-written SQL that
/// carries its own tenant predicates on a connection of the driver's <see cref="NpgsqlDataSource"/> (the baseline) against
/// <see cref="QueryFactory"/> on a connection of <see cref="TenantDataSource"/> running the same statement built with the
/// fluent API and scoped for <see cref="CurrentTenant"/>, as an application runs it; <c>Entities&lt;T&gt;().Get(id)</c> against
/// the same baseline; and both sides with Npgsql's automatic preparation on. Each operation opens a pooled connection.
/// </summary>
internal sealed class EndToEndOverheadScenario : IBenchmarkScenario
{
    /// <summary>The builder's time goal at both sides' defaults: 10 % under hand-written SQL (the builder's statements are shape-stable, so they can be prepared).</summary>
    public const double Goal = 0.9;

    /// <summary>The builder's client CPU goal at both sides' defaults: at most 15 % over hand-written SQL.</summary>
    public const double CpuGoal = 1.15;

    /// <summary>The builder's allocation goal at both sides' defaults: at most 1.5 times the bytes of hand-written SQL.</summary>
    public const double BytesGoal = 1.5;

    /// <summary>The time goal of <c>Entities&lt;T&gt;().Get(id)</c> against hand-written SQL.</summary>
    public const double EntityGoal = 0.95;

    /// <summary>The builder's time goal when both sides prepare their statements (Max Auto Prepare).</summary>
    public const double PreparedGoal = 1.03;

    /// <summary>The suffix of the comparisons where both sides prepare.</summary>
    public const string PreparedVariant = ", both prepared (Max Auto Prepare)";

    /// <summary>A project by its key, written by hand with the tenant predicate the rewriter would add.</summary>
    public const string KeyLookupSql = "SELECT id, name FROM projects WHERE account_id = @Tenant AND id = @Project LIMIT 1";

    /// <summary>A new task, written by hand with its tenant column.</summary>
    public const string InsertSql = "INSERT INTO tasks (account_id, id, project_id, title, done) VALUES (@Tenant, @Id, @Project, @Title, @Done)";

    /// <summary>The baseline's name in every comparison.</summary>
    public const string HandName = "Dapper, hand-written SQL, NpgsqlDataSource (defaults)";

    /// <summary>The builder's name in every comparison.</summary>
    public const string BuilderName = "QueryFactory on TenantDataSource (defaults), scoped builder";

    /// <summary>The A/A control's name: the baseline again, on a second data source.</summary>
    public const string ControlName = "A/A: Dapper, hand-written SQL, a second NpgsqlDataSource";

    /// <summary>The entity contender's name.</summary>
    public const string EntityName = "Entities<T>().Get(id) on TenantDataSource (defaults)";

    // Enough keys to cover several tenants and projects; the check is cheap next to the measurement.
    private const int KeysChecked = 10;

    private const string InsertedTitle = "inserted by the benchmark";

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

    /// <summary>Inserts a task as an application writes it with the builder; the tenant column comes from scoping.</summary>
    public static int Insert(QueryFactory db, JoinKey key, long id)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        return db.Query("tasks").Insert(new { id, project_id = key.Project, title = InsertedTitle, done = false });
    }

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataSet = context.DataSet;
        var model = BenchmarkSchema.TenantModel(context.Database.Schema);
        var compiler = new PostgresCompiler();
        var connectionString = context.Database.ConnectionString;

        // The prepared variant: Npgsql prepares a statement on the server after its second use (Max Auto Prepare),
        // which is what an application that sets it gets, on both sides.
        var preparedConnectionString = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString;
        await using var hand = NpgsqlDataSource.Create(connectionString);
        await using var control = NpgsqlDataSource.Create(connectionString);
        await using var scoping = new TenantDataSource(NpgsqlDataSource.Create(connectionString), model);
        await using var preparedHand = NpgsqlDataSource.Create(preparedConnectionString);
        await using var preparedScoping = new TenantDataSource(NpgsqlDataSource.Create(preparedConnectionString), model);

        await CheckSameRowsAsync(hand, scoping, compiler, new JoinKeySequence(dataSet), cancellationToken).ConfigureAwait(false);

        var joinRows = dataSet.TasksPerTenant / dataSet.ProjectsPerTenant;
        var joinTitle = $"2-table join (one project's {joinRows} tasks)";
        var nextId = dataSet.FirstFreeTaskId;
        var comparisons = new List<(Comparison Comparison, bool Inserts)>
        {
            (Compare(dataSet, "key lookup (one project by id)",
                (HandName, false, Hand(hand, (connection, key) => connection.QueryFirstOrDefault<ProjectRow>(KeyLookupSql, key))),
                (BuilderName, false, Builder(scoping, compiler, (db, key) => KeyLookup(db, key).FirstOrDefault<ProjectRow>())),
                (ControlName, true, Hand(control, (connection, key) => connection.QueryFirstOrDefault<ProjectRow>(KeyLookupSql, key)))) with
            {
                Goal = Goal, CpuGoal = CpuGoal, BytesGoal = BytesGoal,
            }, false),
            (Compare(dataSet, joinTitle,
                (HandName, false, Hand(hand, (connection, key) => connection.Query<JoinedTask>(CoLocatedJoinScenario.ScopedJoinSql, key).AsList())),
                (BuilderName, false, Builder(scoping, compiler, (db, key) => Join(db, key).Get<JoinedTask>().AsList()))) with
            {
                Goal = Goal, CpuGoal = CpuGoal, BytesGoal = BytesGoal, ItemsPerOperation = joinRows, ItemName = "rows",
            }, false),
            (Compare(dataSet, "insert (one task)",
                (HandName, false, Hand(hand, (connection, key) => connection.Execute(InsertSql, new { key.Tenant, Id = nextId++, key.Project, Title = InsertedTitle, Done = false }))),
                (BuilderName, false, Builder(scoping, compiler, (db, key) => Insert(db, key, nextId++)))) with
            {
                Goal = Goal, CpuGoal = CpuGoal, BytesGoal = BytesGoal,
            }, true),
            (Compare(dataSet, "key lookup, Entities<T>().Get(id)",
                (HandName, false, Hand(hand, (connection, key) => connection.QueryFirstOrDefault<ProjectRow>(KeyLookupSql, key))),
                (EntityName, false, Builder(scoping, compiler, (db, key) => db.Entities<ProjectEntity>().Get(key.Project)))) with
            {
                Goal = EntityGoal,
            }, false),
            (Compare(dataSet, "key lookup (one project by id)" + PreparedVariant,
                (HandName.Replace("(defaults)", "(Max Auto Prepare)", StringComparison.Ordinal), false, Hand(preparedHand, (connection, key) => connection.QueryFirstOrDefault<ProjectRow>(KeyLookupSql, key))),
                (BuilderName.Replace("(defaults)", "(Max Auto Prepare)", StringComparison.Ordinal), false, Builder(preparedScoping, compiler, (db, key) => KeyLookup(db, key).FirstOrDefault<ProjectRow>()))) with
            {
                Goal = PreparedGoal,
            }, false),
            (Compare(dataSet, joinTitle + PreparedVariant,
                (HandName.Replace("(defaults)", "(Max Auto Prepare)", StringComparison.Ordinal), false, Hand(preparedHand, (connection, key) => connection.Query<JoinedTask>(CoLocatedJoinScenario.ScopedJoinSql, key).AsList())),
                (BuilderName.Replace("(defaults)", "(Max Auto Prepare)", StringComparison.Ordinal), false, Builder(preparedScoping, compiler, (db, key) => Join(db, key).Get<JoinedTask>().AsList()))) with
            {
                Goal = PreparedGoal, ItemsPerOperation = joinRows, ItemName = "rows",
            }, false),
        };

        var results = new List<ComparisonResult>(comparisons.Count);
        foreach (var (comparison, inserts) in comparisons)
        {
            results.Add(await context.Runner.RunAsync(comparison, cancellationToken).ConfigureAwait(false));
            if (inserts)
            {
                await InsertedTasks.RemoveAsync(context.Database, dataSet, nextId - dataSet.FirstFreeTaskId, comparison.Title, cancellationToken).ConfigureAwait(false);
            }
        }

        var sample = new JoinKeySequence(dataSet).Next();
        string lookupSql;
        string joinSql;
        using (CurrentTenant.Use(sample.Tenant))
        {
            using var db = new QueryFactory(await scoping.OpenConnectionAsync(cancellationToken).ConfigureAwait(false), compiler);
            lookupSql = db.Explain(KeyLookup(db, sample).Limit(1)).Sql;
            joinSql = db.Explain(Join(db, sample)).Sql;
        }

        return new ScenarioResult(Key, Title, Question, results,
        [
            "Each operation opens a pooled connection from its data source, as a request would: the hand-written side from an NpgsqlDataSource, the builder's from a TenantDataSource over an NpgsqlDataSource of its own (a QueryFactory over that connection, as an application writes it); each contender walks its own lane of tenants and projects, so none reads pages another has just cached; the builder sets CurrentTenant for each operation.",
            "Both sides at their defaults: whatever TenantDataSource does by default (server-side preparation included) counts on the builder's side; Dapper on an NpgsqlDataSource prepares nothing by default. The prepared variants set Max Auto Prepare = 20 (Auto Prepare Min Usages = 2) on both data sources.",
            $"Goals: at the defaults e2e ≤ {Goal}×, client CPU ≤ {CpuGoal}×, bytes ≤ {BytesGoal}×; Entities<T>().Get(id) e2e ≤ {EntityGoal}×; both prepared e2e ≤ {PreparedGoal}×. The A/A row is shown, never judged.",
            $"Both returned the same rows for the first {KeysChecked} keys of each query before they were timed; every insert was found in the table afterwards, then removed.",
            $"Key lookup, hand-written: {KeyLookupSql}",
            $"Key lookup, as the builder sends it: {lookupSql}",
            $"2-table join, hand-written: {OneLine(CoLocatedJoinScenario.ScopedJoinSql)}",
            $"2-table join, as the builder sends it: {joinSql}",
            $"Insert, hand-written: {InsertSql}; the builder's: db.Query(\"tasks\").Insert(new {{ id, project_id, title, done }}), the tenant column added by scoping.",
        ]);
    }

    // Each contender walks a lane of its own: no one reads the pages another has just brought into the cache.
    private static Comparison Compare(TenantDataSet dataSet, string title, params (string Name, bool IsControl, Func<JoinKeySequence, Action> Operation)[] sides)
    {
        var contenders = sides
            .Select((side, lane) => Contender.Sync(side.Name, side.Operation(new JoinKeySequence(dataSet, lane, sides.Length))) with { IsControl = side.IsControl })
            .ToArray();
        return new Comparison(title, contenders[0], contenders[1..]);
    }

    private static Func<JoinKeySequence, Action> Hand(NpgsqlDataSource dataSource, Action<NpgsqlConnection, JoinKey> run) => keys => () =>
    {
        var key = keys.Next();
        using var connection = dataSource.OpenConnection();
        run(connection, key);
    };

    private static Func<JoinKeySequence, Action> Builder(TenantDataSource dataSource, Compiler compiler, Action<QueryFactory, JoinKey> run) => keys => () =>
    {
        var key = keys.Next();
        using (CurrentTenant.Use(key.Tenant))
        {
            // Disposing the factory disposes its connection, back to the pool.
            using var db = new QueryFactory(dataSource.OpenConnection(), compiler);
            run(db, key);
        }
    };

    private static async Task CheckSameRowsAsync(NpgsqlDataSource hand, TenantDataSource scoping, Compiler compiler, JoinKeySequence keys, CancellationToken cancellationToken)
    {
        await using var connection = await hand.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        using var db = new QueryFactory(await scoping.OpenConnectionAsync(cancellationToken).ConfigureAwait(false), compiler);
        for (var i = 0; i < KeysChecked; i++)
        {
            var key = keys.Next();
            var handProject = await connection.QueryFirstOrDefaultAsync<ProjectRow>(new CommandDefinition(KeyLookupSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var handTasks = (await connection.QueryAsync<JoinedTask>(new CommandDefinition(CoLocatedJoinScenario.ScopedJoinSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false))
                .OrderBy(row => row.Id).ToArray();
            ProjectRow? builderProject;
            ProjectEntity? entity;
            JoinedTask[] builderTasks;
            using (CurrentTenant.Use(key.Tenant))
            {
                builderProject = await KeyLookup(db, key).FirstOrDefaultAsync<ProjectRow>(cancellationToken: cancellationToken).ConfigureAwait(false);
                entity = await db.Entities<ProjectEntity>().GetAsync([key.Project], cancellationToken).ConfigureAwait(false);
                builderTasks = (await Join(db, key).GetAsync<JoinedTask>(cancellationToken: cancellationToken).ConfigureAwait(false)).OrderBy(row => row.Id).ToArray();
            }

            if (handProject is null || handProject != builderProject || entity is null || new ProjectRow(entity.Id, entity.Name) != handProject
                || handTasks.Length == 0 || !handTasks.SequenceEqual(builderTasks))
            {
                throw new InvalidOperationException(
                    $"The hand-written SQL and the scoped builder disagree for tenant {key.Tenant}, project {key.Project}: the comparison would time different work. " +
                    "Check that the benchmark schema was loaded by this run and that its tenant model matches the tables.");
            }
        }
    }

    private static string OneLine(string sql) => string.Join(' ', sql.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
