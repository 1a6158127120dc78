using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Tests.Integration.Benchmarks;

/// <summary>The benchmark scenarios run on a real server with a tiny data set and report what they measured.</summary>
public class BenchmarkScenarioTests : DatabaseFixture
{
    private static readonly TenantDataSet Data = new(tenants: 3, tasksPerTenant: 40);

    private BenchmarkDatabase? database;

    [OneTimeSetUp]
    public async Task LoadBenchmarkDataAsync()
    {
        database = await BenchmarkDatabase.CreateAsync(ConnectionString, "test fixture", Data, ownedServer: null, CancellationToken.None);
    }

    [OneTimeTearDown]
    public async Task DropBenchmarkSchemaAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

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
        Assert.That(contenders[0].Facts["plan"], Does.Contain("account_id = '"));
        Assert.That(Pages(contenders[0].Facts["buffers"]), Is.LessThanOrEqualTo(Pages(contenders[1].Facts["buffers"])));
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
    public async Task Disposing_drops_the_benchmark_schema()
    {
        var other = await BenchmarkDatabase.CreateAsync(ConnectionString, "test fixture", new TenantDataSet(1, 1), ownedServer: null, CancellationToken.None);

        await other.DisposeAsync();

        await using var connection = await OpenConnectionAsync();
        var schemas = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_namespace WHERE nspname = @Schema", new { other.Schema });
        Assert.That(schemas, Is.Zero);
    }

    private BenchmarkDatabase Database => database ?? throw new InvalidOperationException("The benchmark data is loaded in OneTimeSetUp.");

    private ScenarioContext Context() => new(
        Database,
        Data,
        new ComparisonRunner(new MeasurementSettings(rounds: 2, warmUp: TimeSpan.Zero, roundTarget: TimeSpan.Zero), new ProgressReporter(TextWriter.Null, interactive: false)));

    // "shared hit=14 read=2" touched 16 pages.
    private static int Pages(string buffers) =>
        Regex.Matches(buffers, @"(?:hit|read)=(\d+)").Sum(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
}
