using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Tests.Integration.Benchmarks;

/// <summary>
/// A fixture that loads a tiny benchmark data set into the test server once, and hands scenarios a context that measures
/// two rounds without warm-up: enough to prove a scenario runs and reports, never to time anything.
/// </summary>
public abstract class BenchmarkFixture : DatabaseFixture
{
    private BenchmarkDatabase? _database;

    /// <summary>A fixture that loads <paramref name="data"/>.</summary>
    private protected BenchmarkFixture(TenantDataSet data) => Data = data;

    /// <summary>The data set loaded for the fixture.</summary>
    private protected TenantDataSet Data { get; }

    /// <summary>The loaded benchmark database.</summary>
    private protected BenchmarkDatabase Database => _database ?? throw new InvalidOperationException("The benchmark data is loaded in OneTimeSetUp.");

    /// <summary>The connection string the data set is loaded over; a fixture may add options to it.</summary>
    protected virtual string BenchmarkConnectionString => ConnectionString;

    [OneTimeSetUp]
    public async Task LoadBenchmarkDataAsync() =>
        _database = await BenchmarkDatabase.CreateAsync(BenchmarkConnectionString, "test fixture", Data, ownedServer: null, CancellationToken.None);

    [OneTimeTearDown]
    public async Task DropBenchmarkSchemaAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A scenario context over the loaded data that measures two rounds without warm-up.</summary>
    private protected ScenarioContext Context() => new(
        Database,
        Data,
        new ComparisonRunner(new MeasurementSettings(rounds: 2, warmUp: TimeSpan.Zero, roundTarget: TimeSpan.Zero) { MaxWarmUp = TimeSpan.Zero }, new ProgressReporter(TextWriter.Null, interactive: false)));
}
