namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>Every scenario the console can run, in the order it runs them.</summary>
internal static class ScenarioCatalog
{
    /// <summary>The scenarios; <c>--only</c> picks from these keys.</summary>
    public static IReadOnlyList<IBenchmarkScenario> All { get; } =
    [
        new CompileCostScenario(),
        new TextScopingScenario(),
        new EndToEndOverheadScenario(),
        new PlainDapperScenario(),
        new CoLocatedJoinScenario(),
        new BulkInsertScenario(),
        new RowLevelSecurityScenario(),
    ];
}
