using System.Data.Common;
using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What the scoping data source costs plain Dapper code on a real round trip, both sides at their defaults: the same
/// Dapper call on a connection of the driver's <see cref="NpgsqlDataSource"/>, with the tenant predicates written by
/// hand (the baseline), against the call without them on a connection of <see cref="TenantDataSource"/>, which adds
/// them; and a second, identical driver data source (the A/A control, the noise floor). Each operation opens a pooled
/// connection, as a request would. Four statements (key lookup, 2-table join, insert, 100-row list) over TCP and, where
/// the server has one, its Unix-domain socket; also the first call of a text (a new text every operation).
/// </summary>
internal sealed class PlainDapperScenario : IBenchmarkScenario
{
    /// <summary>The data source's time goal: at most 2 % over the driver's data source.</summary>
    public const double Goal = 1.02;

    /// <summary>The data source's client CPU goal: at most 5 % over the driver's data source.</summary>
    public const double CpuGoal = 1.05;

    /// <summary>The data source's allocation goal: at most this many bytes per call over the driver's data source.</summary>
    public const double ExtraBytesGoal = 250;

    /// <summary>A project by key, with its tenant predicate written by hand.</summary>
    public const string HandKeyLookupSql = "SELECT id, name FROM projects WHERE account_id = @tenantId AND id = @Project LIMIT 1";

    /// <summary>The same lookup as plain code writes it for the scoping data source.</summary>
    public const string KeyLookupSql = "SELECT id, name FROM projects WHERE id = @Project LIMIT 1";

    /// <summary>The 2-table join as plain code writes it for the scoping data source.</summary>
    public const string JoinSql = "SELECT t.id, t.title, p.name AS project FROM projects p JOIN tasks t ON t.project_id = p.id WHERE p.id = @Project";

    /// <summary>The 2-table join with its tenant predicates and co-location written by hand.</summary>
    public const string HandJoinSql = "SELECT t.id, t.title, p.name AS project FROM projects p JOIN tasks t ON t.account_id = p.account_id AND t.project_id = p.id WHERE p.account_id = @tenantId AND t.account_id = @tenantId AND p.id = @Project";

    /// <summary>A new task, with its tenant column written by hand.</summary>
    public const string HandInsertSql = "INSERT INTO tasks (account_id, id, project_id, title, done) VALUES (@tenantId, @Id, @Project, @Title, @Done)";

    /// <summary>The same insert as plain code writes it for the scoping data source, which adds the tenant column.</summary>
    public const string InsertSql = "INSERT INTO tasks (id, project_id, title, done) VALUES (@Id, @Project, @Title, @Done)";

    /// <summary>The first page of a tenant's tasks, with its tenant predicate written by hand.</summary>
    public const string HandListSql = "SELECT id, title, done FROM tasks WHERE account_id = @tenantId ORDER BY id LIMIT 100";

    /// <summary>The same page as plain code writes it for the scoping data source.</summary>
    public const string ListSql = "SELECT id, title, done FROM tasks ORDER BY id LIMIT 100";

    /// <summary>The rows a page of <see cref="ListSql"/> holds (fewer when a tenant has fewer tasks).</summary>
    public const int ListRows = 100;

    // Far more texts than the scoped-text cache holds (4,096 entries), so every scoped operation parses.
    private const int NewTextPool = 65_536;

    private const int KeysChecked = 10;

    private const string InsertedTitle = "inserted by the benchmark";

    /// <inheritdoc />
    public string Key => "plain-dapper";

    /// <inheritdoc />
    public string Title => "Plain Dapper through the scoping data source";

    /// <inheritdoc />
    public string Question => "What does TenantDataSource cost plain Dapper code over the driver's data source?";

    /// <summary>The ways plain Dapper runs in every comparison, the baseline first; the caller disposes their data sources.</summary>
    /// <remarks>A contender is one more <see cref="Side"/> here: it then runs every statement over every transport.</remarks>
    public static IReadOnlyList<Side> Sides(string connectionString, TenantModel model) =>
    [
        new("NpgsqlDataSource (defaults), predicates by hand", NpgsqlDataSource.Create(connectionString), Scoped: false),
        new("TenantDataSource (defaults), scoped", new TenantDataSource(NpgsqlDataSource.Create(connectionString), model), Scoped: true),
        new(
            "TenantDataSource, No Reset On Close (the fast mode), scoped",
            new TenantDataSource(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString), model),
            Scoped: true),
        new("A/A: a second NpgsqlDataSource (defaults), predicates by hand", NpgsqlDataSource.Create(connectionString), Scoped: false) { IsControl = true },
    ];

    /// <summary>The statements every side runs; the scoped sides get the plain text, the others the hand-written one.</summary>
    public static IReadOnlyList<Statement> Statements(TenantDataSet dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var joinRows = dataSet.TasksPerTenant / dataSet.ProjectsPerTenant;
        return
        [
            new("key lookup (one project by id)", 1,
                (connection, key, _) => connection.QueryFirstOrDefault<ProjectRow>(HandKeyLookupSql, new { tenantId = key.Tenant, key.Project }),
                (connection, key, _) => connection.QueryFirstOrDefault<ProjectRow>(KeyLookupSql, new { key.Project })),
            new($"2-table join (one project's {joinRows} tasks)", joinRows,
                (connection, key, _) => connection.Query<JoinedTask>(HandJoinSql, new { tenantId = key.Tenant, key.Project }).AsList(),
                (connection, key, _) => connection.Query<JoinedTask>(JoinSql, new { key.Project }).AsList()),
            new($"{Math.Min(ListRows, dataSet.TasksPerTenant)}-row list (a tenant's first page of tasks)", Math.Min(ListRows, dataSet.TasksPerTenant),
                (connection, key, _) => connection.Query<ListedTask>(HandListSql, new { tenantId = key.Tenant }).AsList(),
                (connection, key, _) => connection.Query<ListedTask>(ListSql).AsList()),
            new("insert (one task)", 1,
                (connection, key, id) => connection.Execute(HandInsertSql, new { tenantId = key.Tenant, Id = id, key.Project, Title = InsertedTitle, Done = false }),
                (connection, key, id) => connection.Execute(InsertSql, new { Id = id, key.Project, Title = InsertedTitle, Done = false }))
            {
                Inserts = true,
            },
        ];
    }

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataSet = context.DataSet;
        var model = BenchmarkSchema.TenantModel(context.Database.Schema);
        var transports = new List<(string Name, string ConnectionString)> { ("TCP", context.Database.ConnectionString) };
        if (context.Database.UnixSocketConnectionString is { } socket)
        {
            transports.Add(("Unix socket", socket));
        }

        var results = new List<ComparisonResult>();
        IReadOnlyList<Side> sideNames = [];
        foreach (var (transport, connectionString) in transports)
        {
            var sides = Sides(connectionString, model);
            sideNames = sides;
            try
            {
                await CheckSameRowsAsync(sides[0].DataSource, sides[1].DataSource, new JoinKeySequence(dataSet), cancellationToken).ConfigureAwait(false);
                foreach (var statement in Statements(dataSet))
                {
                    results.Add(await RunStatementAsync(context, statement, transport, sides, cancellationToken).ConfigureAwait(false));
                }
            }
            finally
            {
                foreach (var side in sides)
                {
                    await side.DataSource.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        await using var driver = NpgsqlDataSource.Create(context.Database.ConnectionString);
        await using var scoping = new TenantDataSource(NpgsqlDataSource.Create(context.Database.ConnectionString), model);
        results.Add(await context.Runner.RunAsync(FirstCall(dataSet, driver, scoping), cancellationToken).ConfigureAwait(false));

        var sample = Tenancy.TenantState.For(1L);
        string Scoped(string sql) => TextScoping.TextScoper.Scope(sql, model, sample, 0).Release(sample, model.TenantKeyType, Scoping.SuppliedTenantCheck.NoCallerParameters, out _);

        return new ScenarioResult(Key, Title, Question, results,
        [
            $"Contenders: {string.Join("; ", sideNames.Select(side => side.Name))}. Both data sources are created from the connection string alone (every option at its default), TenantDataSource over an NpgsqlDataSource of its own.",
            "Each operation opens a pooled connection from its data source and runs one Dapper call, as a request would; each contender walks its own lane of tenants and projects (disjoint keys, so none finds pages another has just read in the cache), and the scoped side sets CurrentTenant for each operation.",
            context.Database.UnixSocketConnectionString is null
                ? "Transports: TCP to the server's loopback address only: the server has no Unix-domain socket this process can reach (its unix_socket_directories is empty, or it is on another machine)."
                : "Transports: TCP to the server's loopback address, then the server's Unix-domain socket; each with data sources of its own.",
            $"Goal: e2e ≤ {Goal}×, client CPU ≤ {CpuGoal}× and ≤ +{ExtraBytesGoal} B allocated per call over the driver's data source; the A/A row is shown, never judged.",
            $"Both returned the same rows for the first {KeysChecked} keys of each query before they were timed; every insert was found in the table afterwards, then removed.",
            $"Key lookup, by hand: {HandKeyLookupSql}",
            $"Key lookup, plain text: {KeyLookupSql}; as the data source sends it: {Scoped(KeyLookupSql)}",
            $"2-table join, by hand: {HandJoinSql}",
            $"2-table join, plain text: {JoinSql}; as the data source sends it: {Scoped(JoinSql)}",
            $"List, by hand: {HandListSql}",
            $"List, plain text: {ListSql}; as the data source sends it: {Scoped(ListSql)}",
            $"Insert, by hand: {HandInsertSql}",
            $"Insert, plain text: {InsertSql}; as the data source sends it: {Scoped(InsertSql)}",
            $"New text every call (TCP): one column alias varies, from a pool of {NewTextPool:N0} texts, so the scoped-text cache (4,096 entries) never holds it; the server parses every text on both sides (nothing is prepared).",
        ]);
    }

    private static async Task<ComparisonResult> RunStatementAsync(ScenarioContext context, Statement statement, string transport, IReadOnlyList<Side> sides, CancellationToken cancellationToken)
    {
        var nextId = context.DataSet.FirstFreeTaskId;
        var contenders = new Contender[sides.Count];
        for (var s = 0; s < sides.Count; s++)
        {
            var side = sides[s];
            var keys = new JoinKeySequence(context.DataSet, lane: s, lanes: sides.Count);
            var operation = side.Scoped
                ? () =>
                {
                    var key = keys.Next();
                    using (CurrentTenant.Use(key.Tenant))
                    {
                        using var connection = side.DataSource.OpenConnection();
                        statement.Scoped(connection, key, nextId++);
                    }
                }
                : (Action)(() =>
                {
                    var key = keys.Next();
                    using var connection = side.DataSource.OpenConnection();
                    statement.Hand(connection, key, nextId++);
                });
            contenders[s] = Contender.Sync(side.Name, operation) with { IsControl = side.IsControl };
        }

        var comparison = new Comparison($"{statement.Title}, {transport}", contenders[0], contenders[1..])
        {
            Goal = Goal,
            CpuGoal = CpuGoal,
            ExtraBytesGoal = ExtraBytesGoal,
            ItemsPerOperation = statement.Rows,
            ItemName = statement.Rows > 1 ? "rows" : null,
        };
        var result = await context.Runner.RunAsync(comparison, cancellationToken).ConfigureAwait(false);
        if (statement.Inserts)
        {
            await InsertedTasks.RemoveAsync(context.Database, context.DataSet, nextId - context.DataSet.FirstFreeTaskId, comparison.Title, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private static Comparison FirstCall(TenantDataSet dataSet, NpgsqlDataSource driver, TenantDataSource scoping)
    {
        var handTexts = Enumerable.Range(0, NewTextPool).Select(i => HandKeyLookupSql.Replace("name FROM", $"name AS name_{i} FROM", StringComparison.Ordinal)).ToArray();
        var scopedTexts = Enumerable.Range(0, NewTextPool).Select(i => KeyLookupSql.Replace("name FROM", $"name AS name_{i} FROM", StringComparison.Ordinal)).ToArray();
        var handCold = new JoinKeySequence(dataSet, lane: 0, lanes: 2);
        var scopedCold = new JoinKeySequence(dataSet, lane: 1, lanes: 2);
        var handNext = 0;
        var scopedNext = 0;
        return new Comparison(
            "key lookup, a new text every call, TCP",
            Contender.Sync("NpgsqlDataSource (defaults), predicates by hand", () =>
            {
                var key = handCold.Next();
                using var connection = driver.OpenConnection();
                connection.Execute(handTexts[handNext++ & (NewTextPool - 1)], new { tenantId = key.Tenant, key.Project });
            }),
            Contender.Sync("TenantDataSource (defaults), scoped", () =>
            {
                var key = scopedCold.Next();
                using (CurrentTenant.Use(key.Tenant))
                {
                    using var connection = scoping.OpenConnection();
                    connection.Execute(scopedTexts[scopedNext++ & (NewTextPool - 1)], new { key.Project });
                }
            }));
    }

    private static async Task CheckSameRowsAsync(DbDataSource driver, DbDataSource scoping, JoinKeySequence keys, CancellationToken cancellationToken)
    {
        await using var hand = await driver.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var scoped = await scoping.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < KeysChecked; i++)
        {
            var key = keys.Next();
            var handProject = await hand.QueryFirstOrDefaultAsync<ProjectRow>(new CommandDefinition(HandKeyLookupSql, new { tenantId = key.Tenant, key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var handTasks = (await hand.QueryAsync<JoinedTask>(new CommandDefinition(HandJoinSql, new { tenantId = key.Tenant, key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false)).OrderBy(row => row.Id).ToArray();
            var handList = (await hand.QueryAsync<ListedTask>(new CommandDefinition(HandListSql, new { tenantId = key.Tenant }, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToArray();
            ProjectRow? scopedProject;
            JoinedTask[] scopedTasks;
            ListedTask[] scopedList;
            using (CurrentTenant.Use(key.Tenant))
            {
                scopedProject = await scoped.QueryFirstOrDefaultAsync<ProjectRow>(new CommandDefinition(KeyLookupSql, new { key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                scopedTasks = (await scoped.QueryAsync<JoinedTask>(new CommandDefinition(JoinSql, new { key.Project }, cancellationToken: cancellationToken)).ConfigureAwait(false)).OrderBy(row => row.Id).ToArray();
                scopedList = (await scoped.QueryAsync<ListedTask>(new CommandDefinition(ListSql, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToArray();
            }

            if (handProject is null || handProject != scopedProject || handTasks.Length == 0 || !handTasks.SequenceEqual(scopedTasks) || handList.Length == 0 || !handList.SequenceEqual(scopedList))
            {
                throw new InvalidOperationException(
                    $"The hand-written SQL and the scoping data source disagree for tenant {key.Tenant}, project {key.Project}: the comparison would time different work. Check the benchmark's tenant model.");
            }
        }
    }

    /// <summary>One way plain Dapper runs: a data source, and whether its SQL leaves the tenant predicates to the data source.</summary>
    /// <param name="Name">The contender's name in the table.</param>
    /// <param name="DataSource">Where each operation opens its pooled connection.</param>
    /// <param name="Scoped">True for a <see cref="TenantDataSource"/>: the plain text runs under <see cref="CurrentTenant"/>; false: the hand-written text runs.</param>
    internal sealed record Side(string Name, DbDataSource DataSource, bool Scoped)
    {
        /// <summary>Whether this side is a control (an A/A row), never judged against the goal.</summary>
        public bool IsControl { get; init; }
    }

    /// <summary>A statement every side runs, by hand and plain.</summary>
    /// <param name="Title">The comparison's title, before the transport.</param>
    /// <param name="Rows">Rows one call reads (1 for a lookup or an insert).</param>
    /// <param name="Hand">Runs the hand-written text for a key on a connection; the id is a fresh task id.</param>
    /// <param name="Scoped">Runs the plain text for a key on a scoping connection, under the key's tenant; the id is a fresh task id.</param>
    internal sealed record Statement(string Title, int Rows, Action<DbConnection, JoinKey, long> Hand, Action<DbConnection, JoinKey, long> Scoped)
    {
        /// <summary>Whether each call adds a task (removed after the comparison).</summary>
        public bool Inserts { get; init; }
    }
}
