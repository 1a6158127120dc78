using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>What every scenario gets: the loaded database, the shape of its data and the runner that measures comparisons.</summary>
internal sealed record ScenarioContext(
    BenchmarkDatabase Database,
    TenantDataSet DataSet,
    ComparisonRunner Runner);
