namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// One of the user's questions, answered by one or more comparisons measured in a run. A new
/// scenario is a class implementing this and one line in <see cref="ScenarioCatalog"/>.
/// </summary>
internal interface IBenchmarkScenario
{
    /// <summary>The name <c>--only</c> takes: lower case, no spaces.</summary>
    string Key { get; }

    /// <summary>The scenario's heading in the table and on the chart.</summary>
    string Title { get; }

    /// <summary>The question it answers, in one sentence a user would ask.</summary>
    string Question { get; }

    /// <summary>Measures the scenario's comparisons on the database the context holds.</summary>
    Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken);
}
