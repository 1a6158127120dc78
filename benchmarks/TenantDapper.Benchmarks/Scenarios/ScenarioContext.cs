using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>What every scenario gets: the loaded database, the shape of its data, the runner and the progress line.</summary>
internal sealed record ScenarioContext(
    BenchmarkDatabase Database,
    TenantDataSet DataSet,
    ComparisonRunner Runner,
    ProgressReporter Progress);
