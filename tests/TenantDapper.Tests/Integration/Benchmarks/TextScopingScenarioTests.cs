using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Tests.Integration.Benchmarks;

/// <summary>The text-scoping scenario runs on a real server with a tiny data set and reports its sizes, its long cached text and its A/A control.</summary>
public class TextScopingScenarioTests() : BenchmarkFixture(new TenantDataSet(tenants: 2, tasksPerTenant: 5))
{
    [Test]
    public async Task Text_scoping_scenario_measures_new_text_by_size_a_long_cached_text_and_an_a_a_control()
    {
        var result = await new TextScopingScenario().RunAsync(Context(), CancellationToken.None);

        Assert.That(result.Comparisons, Has.Count.EqualTo(4));
        Assert.That(result.Comparisons[1].Contenders.Select(c => c.Name.Split(' ')[1]), Is.EqualTo(new[] { "1-table", "2-join", "6-join", "16-join" }));
        Assert.That(result.Comparisons[1].Contenders.Single(c => c.Budget is not null).Name, Does.StartWith("new 2-join text"));
        Assert.That(result.Comparisons[2].Contenders.Select(c => c.Budget), Has.All.EqualTo(TextScopingScenario.CachedBudget));
        Assert.That(result.Comparisons[2].Title, Does.Match(@"against \d{4} characters$"));
        Assert.That(result.Comparisons[3].Title, Does.StartWith("A/A control"));
        Assert.That(result.Comparisons.SelectMany(c => c.Contenders).Where(c => c.Name.StartsWith("new", StringComparison.Ordinal)).Select(c => c.AllocatedBytesPerOperation), Has.All.GreaterThan(0));
        Assert.That(result.Notes.Count(n => n.StartsWith("Per 100 characters", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(result.Notes, Has.Some.StartsWith("Linearity:"));
    }

}
