using System.Globalization;
using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Reporting;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What row-level security costs end to end: the same plain Dapper statements through a <see cref="TenantDataSource"/>
/// on the benchmark's tables (row-level security off, the baseline) and on a copy of them whose policies the schema
/// module enabled, through a data source with <see cref="TenantDataSourceOptions.RowLevelSecurity"/> on (every statement
/// carries its tenant to the server), both as the same NOBYPASSRLS application role, over TCP. A second contender with
/// row-level security off (the A/A control) shows the noise floor; the round trips of each statement are counted by a
/// relay in front of the server.
/// </summary>
internal sealed class RowLevelSecurityScenario : IBenchmarkScenario
{
    /// <summary>Row-level security's overhead goal: at most 5 % over the same statements without it.</summary>
    public const double Goal = 1.05;

    /// <summary>The round trips a statement may take with row-level security on: the tenant setting travels with it.</summary>
    public const double RoundTripGoal = 1;

    /// <summary>The baseline: row-level security off.</summary>
    public const string Off = "RLS off";

    /// <summary>The A/A control: row-level security off again, on a data source of its own.</summary>
    public const string OffAgain = "RLS off, again (A/A control)";

    /// <summary>Row-level security on.</summary>
    public const string On = "RLS on";

    /// <summary>The fact naming a contender's measured round trips per statement.</summary>
    public const string RoundTripsFact = "round trips per statement";

    /// <summary>A task as plain code writes it for the scoping data source; the tenant column is added by scoping.</summary>
    public const string InsertSql = "INSERT INTO tasks (id, project_id, title, done) VALUES (@Id, @Project, 'rls benchmark', false)";

    private const int KeysChecked = 10;

    // Statements counted per contender after one uncounted call that opens the relayed connection.
    private const int CountedStatements = 20;

    // Each inserting contender counts its task ids up from its own block, far above the loaded ids.
    private const long IdBlock = 1_000_000_000;

    /// <inheritdoc />
    public string Key => "rls";

    /// <inheritdoc />
    public string Title => "Row-level security on vs off";

    /// <inheritdoc />
    public string Question => "What do row-level security's policies and the tenant setting each statement carries cost, in time and round trips?";

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Database.Server.IsCitus)
        {
            return new ScenarioResult(Key, Title, Question, [],
                ["Not measured on Citus: this scenario compares row-level security on and off on plain PostgreSQL (on a coordinator the data source wraps every statement in a transaction block of its own)."]);
        }

        var loadAtStart = LoadAverage.ReadOneMinute();
        await using var copy = await RowLevelSecurityCopy.CreateAsync(context.Database, context.DataSet, cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await MeasureAsync(context, copy, cancellationToken).ConfigureAwait(false);
            var loadAtEnd = LoadAverage.ReadOneMinute();
            return result with
            {
                Notes = [.. result.Notes, loadAtStart is { } start && loadAtEnd is { } end
                    ? $"Load average (1 min) while this scenario ran: {start:0.00} at its start, {end:0.00} at its end, on {Environment.ProcessorCount} logical cores."
                    : "Load average: not published by this system."],
            };
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();

            // The copy goes with its schema; the benchmark's own tables are left as loaded, for the scenarios after this one.
            await using var connection = await context.Database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await connection.ExecuteAsync("DELETE FROM tasks WHERE id >= @First", new { First = context.DataSet.FirstFreeTaskId + IdBlock }).ConfigureAwait(false);
        }
    }

    /// <summary>Reads through a plain connection of the application role, which no rewriter scopes, the projects of the row-level security copy it can see without a tenant setting.</summary>
    public static async Task<long> ProjectsSeenWithoutTenantAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM projects", cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    private async Task<ScenarioResult> MeasureAsync(ScenarioContext context, RowLevelSecurityCopy copy, CancellationToken cancellationToken)
    {
        var dataSet = context.DataSet;
        var plainModel = BenchmarkSchema.TenantModel(context.Database.Schema);
        var securedModel = BenchmarkSchema.TenantModel(copy.Schema);
        var secured = new TenantDataSourceOptions { RowLevelSecurity = true };
        await using var off = new TenantDataSource(NpgsqlDataSource.Create(copy.PlainConnectionString), plainModel);
        await using var offAgain = new TenantDataSource(NpgsqlDataSource.Create(copy.PlainConnectionString), plainModel);
        await using var on = new TenantDataSource(NpgsqlDataSource.Create(copy.SecuredConnectionString), securedModel, secured);

        var role = await DescribeRoleAsync(copy.SecuredConnectionString, cancellationToken).ConfigureAwait(false);
        var unscopedOn = await ProjectsSeenWithoutTenantAsync(copy.SecuredConnectionString, cancellationToken).ConfigureAwait(false);
        var unscopedOff = await ProjectsSeenWithoutTenantAsync(copy.PlainConnectionString, cancellationToken).ConfigureAwait(false);
        if (unscopedOn != 0 || unscopedOff == 0)
        {
            throw new InvalidOperationException(
                $"Row-level security is not holding on the copy: the application role read {unscopedOn} projects there without a tenant setting (and {unscopedOff} on the tables without it). Check that the enable script ran on {copy.Schema}.");
        }

        await CheckSameRowsAsync(off, on, new JoinKeySequence(dataSet), cancellationToken).ConfigureAwait(false);

        var rows = dataSet.TasksPerTenant / dataSet.ProjectsPerTenant;
        var statements = new (string Title, int Rows, Func<TenantDataSource, JoinKeySequence, Func<long>, Action> Operation)[]
        {
            ("key lookup (one project by id)", 1, (source, keys, _) => () => KeyLookup(source, keys.Next())),
            ($"2-table join (one project's {rows} tasks)", rows, (source, keys, _) => () => Join(source, keys.Next())),
            ("insert (one task)", 1, (source, keys, nextId) => () => Insert(source, keys.Next(), nextId())),
        };

        var results = new List<ComparisonResult>(statements.Length);
        var roundTripNotes = new List<string>(statements.Length);
        for (var s = 0; s < statements.Length; s++)
        {
            var (title, items, operation) = statements[s];
            var plainTrips = await CountRoundTripsAsync(copy.PlainConnectionString, plainModel, new TenantDataSourceOptions(), operation, new JoinKeySequence(dataSet, lane: 3, lanes: 4), IdSource(dataSet, 3 + (4 * s)), cancellationToken).ConfigureAwait(false);
            var securedTrips = await CountRoundTripsAsync(copy.SecuredConnectionString, securedModel, secured, operation, new JoinKeySequence(dataSet, lane: 3, lanes: 4), IdSource(dataSet, 3 + (4 * s)), cancellationToken).ConfigureAwait(false);
            roundTripNotes.Add($"{title}, round trips per statement: RLS on {Trips(securedTrips)}, {RoundTripVerdict(securedTrips)}; RLS off {Trips(plainTrips)}.");

            // Each contender walks a lane of keys of its own, so none reads pages another has just brought into the cache.
            var comparison = new Comparison(
                title,
                Contender.Sync(Off, operation(off, new JoinKeySequence(dataSet, lane: 0, lanes: 4), IdSource(dataSet, 4 * s))) with { Facts = new Dictionary<string, string> { [RoundTripsFact] = Trips(plainTrips) } },
                Contender.Sync(OffAgain, operation(offAgain, new JoinKeySequence(dataSet, lane: 1, lanes: 4), IdSource(dataSet, 1 + (4 * s)))),
                Contender.Sync(On, operation(on, new JoinKeySequence(dataSet, lane: 2, lanes: 4), IdSource(dataSet, 2 + (4 * s)))) with { Facts = new Dictionary<string, string> { [RoundTripsFact] = $"{Trips(securedTrips)}; {RoundTripVerdict(securedTrips)}" } })
            {
                Goal = Goal,
                ItemsPerOperation = items,
                ItemName = items > 1 ? "rows" : null,
            };
            results.Add(await context.Runner.RunAsync(comparison, cancellationToken).ConfigureAwait(false));
        }

        return new ScenarioResult(Key, Title, Question, results,
        [
            $"The same plain Dapper calls through a TenantDataSource, each operation opening a pooled connection and setting CurrentTenant, as a request would: {Off} on the benchmark's tables, {On} on a copy with the same data whose row-level security the schema module's enable script turned on, through a data source with RowLevelSecurity = true (on PostgreSQL every statement carries SELECT pg_catalog.set_config(...) in the same round trip, on Citus CALL tenantdapper.set_tenants(...)); both data sources prepare their statements (the default). {OffAgain} is a second data source exactly like the baseline's: its ratio is the noise floor of this run.",
            $"Every contender connects over TCP as the application role {role}; each walks a lane of keys of its own, and each insert a block of ids of its own. The goal line counts the A/A control too: met means both RLS on and the control stayed within {Figures.Ratio(Goal)} of the baseline.",
            $"Row-level security holds on the copy: the role's plain connection (no rewriter) reads {unscopedOn} projects there without a tenant setting, {unscopedOff:N0} on the tables without it. Both data sources returned the same rows for the first {KeysChecked} keys of the lookup and the join before they were timed.",
            $"Round trips: counted by a TCP relay in front of the server, over {CountedStatements} operations each after one uncounted one; a round trip is a turn, the client sending after the server has answered; in brackets the server's ReadyForQuery messages, one per Sync. Each operation takes its connection from the pool, and Npgsql sends the pool's reset (DISCARD ALL, its own ReadyForQuery) in front of the first statement on it, in the same round trip: hence 2 ReadyForQuery to 1 round trip, on and off alike.",
            .. roundTripNotes,
            $"Key lookup: {PlainDapperScenario.KeyLookupSql}",
            $"2-table join: {PlainDapperScenario.JoinSql}",
            $"Insert: {InsertSql}",
        ]);
    }

    private static void KeyLookup(TenantDataSource source, JoinKey key)
    {
        using (CurrentTenant.Use(key.Tenant))
        {
            using var connection = source.OpenConnection();
            connection.QueryFirstOrDefault<ProjectRow>(PlainDapperScenario.KeyLookupSql, new { key.Project });
        }
    }

    private static void Join(TenantDataSource source, JoinKey key)
    {
        using (CurrentTenant.Use(key.Tenant))
        {
            using var connection = source.OpenConnection();
            connection.Query<JoinedTask>(PlainDapperScenario.JoinSql, new { key.Project }).AsList();
        }
    }

    private static void Insert(TenantDataSource source, JoinKey key, long id)
    {
        using (CurrentTenant.Use(key.Tenant))
        {
            using var connection = source.OpenConnection();
            connection.Execute(InsertSql, new { Id = id, key.Project });
        }
    }

    private static Func<long> IdSource(TenantDataSet dataSet, int block)
    {
        var next = dataSet.FirstFreeTaskId + ((block + 1) * IdBlock);
        return () => next++;
    }

    private static double PerStatement(long count) => (double)count / CountedStatements;

    private static string Trips(RoundTripCount trips) =>
        string.Create(CultureInfo.InvariantCulture, $"{PerStatement(trips.Turns):0.##} ({PerStatement(trips.ReadyForQuery):0.##} ReadyForQuery)");

    private static string RoundTripVerdict(RoundTripCount trips) =>
        string.Create(CultureInfo.InvariantCulture, $"goal ≤ {RoundTripGoal:0}: {(PerStatement(trips.Turns) <= RoundTripGoal ? "met" : "missed")}");

    // The operation runs through a data source of its own whose connections pass the relay; the counts are per operation.
    private static async Task<RoundTripCount> CountRoundTripsAsync(
        string connectionString,
        TenantModel model,
        TenantDataSourceOptions options,
        Func<TenantDataSource, JoinKeySequence, Func<long>, Action> operation,
        JoinKeySequence keys,
        Func<long> ids,
        CancellationToken cancellationToken)
    {
        await using var proxy = new RoundTripProxy(connectionString);
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(proxy.ConnectionString), model, options);
        var run = operation(source, keys, ids);

        // Twice before counting: the data source prepares a statement the second time it sends it, which costs one
        // round trip more, once per physical connection (TenantDataSourceOptions.PrepareStatements).
        run();
        run();
        var before = proxy.Count;
        for (var i = 0; i < CountedStatements; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            run();
        }

        return proxy.Count - before;
    }

    private static async Task<string> DescribeRoleAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var (name, superuser, bypass) = await connection.QuerySingleAsync<(string, bool, bool)>(new CommandDefinition(
            "SELECT rolname, rolsuper, rolbypassrls FROM pg_catalog.pg_roles WHERE rolname = current_user", cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (superuser || bypass)
        {
            throw new InvalidOperationException($"The application role {name} may bypass row-level security (superuser {superuser}, BYPASSRLS {bypass}): the comparison would time nothing.");
        }

        return $"{name} (NOSUPERUSER NOBYPASSRLS)";
    }

    private static async Task CheckSameRowsAsync(TenantDataSource off, TenantDataSource on, JoinKeySequence keys, CancellationToken cancellationToken)
    {
        await using var plain = await off.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var secured = await on.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < KeysChecked; i++)
        {
            var key = keys.Next();
            using (CurrentTenant.Use(key.Tenant))
            {
                var plainProject = await plain.QueryFirstOrDefaultAsync<ProjectRow>(new CommandDefinition(PlainDapperScenario.KeyLookupSql, new { key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var securedProject = await secured.QueryFirstOrDefaultAsync<ProjectRow>(new CommandDefinition(PlainDapperScenario.KeyLookupSql, new { key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                var plainTasks = (await plain.QueryAsync<JoinedTask>(new CommandDefinition(PlainDapperScenario.JoinSql, new { key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false)).OrderBy(row => row.Id).ToArray();
                var securedTasks = (await secured.QueryAsync<JoinedTask>(new CommandDefinition(PlainDapperScenario.JoinSql, new { key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false)).OrderBy(row => row.Id).ToArray();
                if (plainProject is null || plainProject != securedProject || plainTasks.Length == 0 || !plainTasks.SequenceEqual(securedTasks))
                {
                    throw new InvalidOperationException(
                        $"Row-level security on and off disagree for tenant {key.Tenant}, project {key.Project}: the comparison would time different work. Check the copy's policies and the data source's RowLevelSecurity option.");
                }
            }
        }
    }
}
