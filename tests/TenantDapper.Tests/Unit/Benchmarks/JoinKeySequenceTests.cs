using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Tests.Unit.Benchmarks;

public class JoinKeySequenceTests
{
    [Test]
    public void Two_lanes_walk_disjoint_keys_that_together_are_the_single_walk()
    {
        var dataSet = new TenantDataSet(50, 1_000);
        var single = new JoinKeySequence(dataSet);
        var first = new JoinKeySequence(dataSet, lane: 0, lanes: 2);
        var second = new JoinKeySequence(dataSet, lane: 1, lanes: 2);
        var walk = Enumerable.Range(0, 200).Select(_ => single.Next()).ToList();
        var lanes = Enumerable.Range(0, 100).SelectMany(_ => new[] { first.Next(), second.Next() }).ToList();

        Assert.That(lanes, Is.EqualTo(walk));
        Assert.That(walk.Where((_, i) => i % 2 == 0).Intersect(walk.Where((_, i) => i % 2 == 1)), Is.Empty);
    }
}
