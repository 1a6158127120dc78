using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Tests.Integration.Benchmarks;

/// <summary>The benchmark scenarios run on a real server with a tiny data set and report what they measured.</summary>
public class BenchmarkScenarioTests() : BenchmarkFixture(new TenantDataSet(tenants: 3, tasksPerTenant: 40))
{
    // A few hundred rows fit in a page or two, where the planner reads whole tables whatever the query, or
    // not, depending on the statistics earlier tests left: with sequential scans off the plans show what the
    // indexes do, as they do at the benchmark's scale, whatever ran before.
    protected override string BenchmarkConnectionString =>
        new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c enable_seqscan=off" }.ConnectionString;

    [Test]
    public async Task Loaded_data_set_holds_every_tenants_tasks()
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);

        var counts = await connection.QueryAsync<(long Tenant, long Tasks)>("SELECT account_id, count(*) FROM tasks GROUP BY account_id ORDER BY account_id");

        Assert.That(counts, Is.EqualTo(new[] { (1L, 40L), (2L, 40L), (3L, 40L) }));
    }

    [Test]
    public async Task Join_scenario_times_both_joins_and_shows_the_scoped_one_touches_fewer_pages()
    {
        var result = await new CoLocatedJoinScenario().RunAsync(Context(), CancellationToken.None);

        var contenders = result.Comparisons.Single().Contenders;
        Assert.That(contenders.Select(c => c.Name), Is.EqualTo(new[] { "tenant column in ON and WHERE", "join without tenant column" }));
        Assert.That(contenders[1].RatioToBaseline!.Median, Is.GreaterThan(0));
        if (Database.Server.IsCitus)
        {
            // On Citus the coordinator's plan tells it: one shard's task against a repartition across the cluster.
            Assert.That(contenders[0].Facts["citus tasks"], Is.EqualTo("Task Count 1"));
            Assert.That(contenders[1].Facts["citus tasks"], Does.Contain("Map Task Count"));
        }
        else
        {
            Assert.That(contenders[0].Facts["plan"], Does.Contain("account_id = '"));
            Assert.That(Pages(contenders[0].Facts["buffers"]), Is.LessThanOrEqualTo(Pages(contenders[1].Facts["buffers"])));
        }
    }

    [Test]
    public async Task Bulk_insert_scenario_reports_rows_per_second_and_leaves_no_rows_behind()
    {
        var result = await new BulkInsertScenario().RunAsync(Context(), CancellationToken.None);

        var comparison = result.Comparisons.Single();
        Assert.That(comparison.ItemName, Is.EqualTo("rows"));
        Assert.That(comparison.Contenders.Select(c => c.ItemsPerSecond), Has.All.GreaterThan(0));
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        var left = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id > @Tenants", new { Data.Tenants });
        Assert.That(left, Is.Zero);
    }

    [Test]
    public async Task Compile_scenario_measures_every_shape_repeated_and_new_with_and_without_scoping()
    {
        var result = await new CompileCostScenario().RunAsync(Context(), CancellationToken.None);

        Assert.That(result.Comparisons.Select(c => c.Title), Is.EqualTo(new[]
        {
            "key lookup, repeated shape", "key lookup, new shape",
            "2-join, repeated shape", "2-join, new shape",
            "3-join with subquery, repeated shape", "3-join with subquery, new shape",
            "insert, repeated shape", "insert, new shape",
            "update, repeated shape", "update, new shape",
        }));
        Assert.That(result.Comparisons.SelectMany(c => c.Contenders).Select(c => c.Name).Distinct(), Is.EqualTo(new[] { "build + compile", "build + scope + compile" }));
        Assert.That(result.Comparisons.SelectMany(c => c.Contenders).Select(c => c.AllocatedBytesPerOperation), Has.All.GreaterThan(0));
    }

    [Test]
    public async Task Compile_scenario_gives_both_cold_two_join_contenders_the_builder_goal()
    {
        var result = await new CompileCostScenario().RunAsync(Context(), CancellationToken.None);

        var budgeted = result.Comparisons.SelectMany(c => c.Contenders.Select(contender => (c.Title, contender))).Where(x => x.contender.Budget is not null).ToArray();
        Assert.That(budgeted.Select(x => x.Title).Distinct(), Is.EqualTo(new[] { "2-join, new shape" }));
        Assert.That(budgeted.Select(x => x.contender.Budget), Has.All.EqualTo(CompileCostScenario.ColdTwoJoinBudget));
    }

    [Test]
    public async Task Scoped_builder_statements_of_the_overhead_scenario_return_the_hand_written_sqls_rows()
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        var db = new QueryFactory(connection, new PostgresCompiler()) { Model = BenchmarkSchema.TenantModel(Database.Schema) };
        var key = new JoinKey(Tenant: 2, Project: Data.ProjectId(2, 1));

        using (CurrentTenant.Use(key.Tenant))
        {
            var project = await EndToEndOverheadScenario.KeyLookup(db, key).FirstOrDefaultAsync<ProjectRow>();
            var tasks = await EndToEndOverheadScenario.Join(db, key).GetAsync<JoinedTask>();

            Assert.That(project, Is.EqualTo(await connection.QueryFirstOrDefaultAsync<ProjectRow>(EndToEndOverheadScenario.KeyLookupSql, key)));
            Assert.That(tasks.OrderBy(t => t.Id), Is.EqualTo((await connection.QueryAsync<JoinedTask>(CoLocatedJoinScenario.ScopedJoinSql, key)).OrderBy(t => t.Id)).And.Not.Empty);
        }
    }

    [Test]
    public async Task Scoped_builder_in_the_overhead_scenario_sees_only_the_current_tenants_rows()
    {
        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        var db = new QueryFactory(connection, new PostgresCompiler()) { Model = BenchmarkSchema.TenantModel(Database.Schema) };

        // Project 1 belongs to tenant 1: asked for as tenant 2, it is not there.
        using (CurrentTenant.Use(2L))
        {
            var project = await EndToEndOverheadScenario.KeyLookup(db, new JoinKey(Tenant: 2, Project: Data.ProjectId(1, 0))).FirstOrDefaultAsync<ProjectRow>();
            var tasks = await EndToEndOverheadScenario.Join(db, new JoinKey(Tenant: 2, Project: Data.ProjectId(1, 0))).GetAsync<JoinedTask>();

            Assert.That(project, Is.Null);
            Assert.That(tasks, Is.Empty);
        }
    }

    [Test]
    public async Task Overhead_scenario_times_the_builder_and_entities_at_the_defaults_and_both_prepared_against_their_goals()
    {
        var result = await new EndToEndOverheadScenario().RunAsync(Context(), CancellationToken.None);

        var join = $"2-table join (one project's {Data.TasksPerTenant / Data.ProjectsPerTenant} tasks)";
        Assert.That(result.Comparisons.Select(c => c.Title), Is.EqualTo(new[]
        {
            "key lookup (one project by id)", join, "insert (one task)", "key lookup, Entities<T>().Get(id)",
            "key lookup (one project by id)" + EndToEndOverheadScenario.PreparedVariant, join + EndToEndOverheadScenario.PreparedVariant,
        }));
        Assert.That(result.Comparisons.Select(c => (c.Goal, c.CpuGoal, c.BytesGoal)), Is.EqualTo(new (double?, double?, double?)[]
        {
            (0.9, 1.15, 1.5), (0.9, 1.15, 1.5), (0.9, 1.15, 1.5), (0.95, null, null), (1.03, null, null), (1.03, null, null),
        }));
        Assert.That(result.Comparisons[0].Contenders.Select(c => (c.Name, c.IsControl)), Is.EqualTo(new[]
        {
            (EndToEndOverheadScenario.HandName, false), (EndToEndOverheadScenario.BuilderName, false), (EndToEndOverheadScenario.ControlName, true),
        }));
        Assert.That(result.Comparisons[3].Contenders[1].Name, Is.EqualTo(EndToEndOverheadScenario.EntityName));
        Assert.That(result.Comparisons.SelectMany(c => c.Contenders.Skip(1)).Select(c => c.RatioToBaseline!.Median), Has.All.GreaterThan(0));
        Assert.That(result.Comparisons.SelectMany(c => c.Contenders).Select(c => c.AllocatedBytesPerOperation), Has.All.GreaterThan(0));
        Assert.That(result.Notes, Has.Some.Contains("as the builder sends it: SELECT").And.Some.Contains("\"p\".\"account_id\" = @tenant"));
    }

    [Test]
    public async Task Overhead_scenario_inserts_as_many_tasks_as_it_times_and_leaves_none_behind()
    {
        await new EndToEndOverheadScenario().RunAsync(Context(), CancellationToken.None);

        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        var left = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks WHERE id >= @First", new { First = Data.FirstFreeTaskId });
        Assert.That(left, Is.Zero);
    }

    [Test]
    public async Task Plain_dapper_scenario_times_four_statements_over_every_transport_with_an_a_a_control_against_the_goal()
    {
        var result = await new PlainDapperScenario().RunAsync(Context(), CancellationToken.None);

        var transports = Database.UnixSocketConnectionString is null ? new[] { "TCP" } : ["TCP", "Unix socket"];
        var statements = PlainDapperScenario.Statements(Data).Select(s => s.Title).ToArray();
        Assert.That(statements, Has.Length.EqualTo(4));
        Assert.That(
            result.Comparisons.Select(c => c.Title),
            Is.EqualTo(transports.SelectMany(t => statements.Select(s => $"{s}, {t}")).Append("key lookup, a new text every call, TCP")));
        var timed = result.Comparisons.Take(result.Comparisons.Count - 1).ToArray();
        Assert.That(timed.Select(c => (c.Goal, c.CpuGoal, c.ExtraBytesGoal)), Has.All.EqualTo(((double?)1.02, (double?)1.05, (double?)250)));
        Assert.That(timed.Select(c => c.Contenders.Select(x => x.IsControl)), Has.All.EqualTo(new[] { false, false, false, true }));
        Assert.That(timed.SelectMany(c => c.Contenders.Skip(1)).Select(c => c.CpuRatioToBaseline!.Median), Has.All.GreaterThan(0));
        Assert.That(timed.SelectMany(c => c.Contenders).Select(c => c.CpuNanosecondsPerOperation.Median), Has.All.GreaterThan(0));
        Assert.That(timed.SelectMany(c => c.Contenders.Skip(1)).Select(c => c.ExtraBytesPerOperation), Has.All.Not.Null);
    }

    [Test]
    public async Task Plain_dapper_scenario_inserts_as_many_tasks_as_it_times_and_leaves_none_behind()
    {
        await new PlainDapperScenario().RunAsync(Context(), CancellationToken.None);

        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        var left = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks WHERE id >= @First", new { First = Data.FirstFreeTaskId });
        Assert.That(left, Is.Zero);
    }

    [Test]
    public async Task Plain_dapper_statements_return_the_same_rows_by_hand_and_scoped_and_insert_the_same_row()
    {
        var key = new JoinKey(Tenant: 2, Project: Data.ProjectId(2, 1));
        var sides = PlainDapperScenario.Sides(Database.ConnectionString, BenchmarkSchema.TenantModel(Database.Schema));
        try
        {
            await using var hand = await sides[0].DataSource.OpenConnectionAsync();
            await using var scoped = await sides[1].DataSource.OpenConnectionAsync();
            var insert = PlainDapperScenario.Statements(Data).Single(s => s.Inserts);
            insert.Hand(hand, key, Data.FirstFreeTaskId);
            using (CurrentTenant.Use(key.Tenant))
            {
                insert.Scoped(scoped, key, Data.FirstFreeTaskId + 1);
            }

            var inserted = await hand.QueryAsync<(long Tenant, long Id, long Project)>(
                "DELETE FROM tasks WHERE id >= @First RETURNING account_id, id, project_id", new { First = Data.FirstFreeTaskId });
            Assert.That(inserted.OrderBy(row => row.Id), Is.EqualTo(new[] { (2L, Data.FirstFreeTaskId, key.Project), (2L, Data.FirstFreeTaskId + 1, key.Project) }));

            var handList = await hand.QueryAsync<ListedTask>(PlainDapperScenario.HandListSql, new { tenantId = key.Tenant });
            IEnumerable<ListedTask> scopedList;
            using (CurrentTenant.Use(key.Tenant))
            {
                scopedList = await scoped.QueryAsync<ListedTask>(PlainDapperScenario.ListSql);
            }

            Assert.That(scopedList, Is.EqualTo(handList).And.Count.EqualTo(Math.Min(PlainDapperScenario.ListRows, Data.TasksPerTenant)));
        }
        finally
        {
            foreach (var side in sides)
            {
                await side.DataSource.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task Unix_socket_connection_string_reaches_the_same_database_when_the_server_has_a_socket()
    {
        if (Database.UnixSocketConnectionString is not { } socket)
        {
            Assert.Ignore("The test server has no Unix-domain socket this process can reach.");
            return;
        }

        await using var connection = new Npgsql.NpgsqlConnection(socket);
        await connection.OpenAsync();

        Assert.That(new Npgsql.NpgsqlConnectionStringBuilder(socket).Host, Does.StartWith("/"));
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks WHERE id < @First", new { First = Data.FirstFreeTaskId }), Is.EqualTo((long)Data.Tenants * Data.TasksPerTenant));
    }

    [Test]
    public async Task Disposing_drops_the_benchmark_schema()
    {
        var other = await BenchmarkDatabase.CreateAsync(ConnectionString, "test fixture", new TenantDataSet(1, 1), ownedServer: null, CancellationToken.None);

        await other.DisposeAsync();

        await using var connection = await OpenConnectionAsync();
        var schemas = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = @Schema", new { other.Schema });
        Assert.That(schemas, Is.Zero);
    }


    // "shared hit=14 read=2" touched 16 pages.
    private static int Pages(string buffers) =>
        Regex.Matches(buffers, @"(?:hit|read)=(\d+)").Sum(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
}
