using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Tests.Unit.Benchmarks;

public class SpreadTests
{
    [Test]
    public void Median_of_an_odd_count_is_the_middle_value()
    {
        var spread = Spread.Of([9.0, 1.0, 5.0]);

        Assert.That(spread, Is.EqualTo(new Spread(Median: 5.0, Min: 1.0, Max: 9.0)));
    }

    [Test]
    public void Median_of_an_even_count_is_the_mean_of_the_two_middle_values()
    {
        var spread = Spread.Of([4.0, 1.0, 10.0, 2.0]);

        Assert.That(spread, Is.EqualTo(new Spread(Median: 3.0, Min: 1.0, Max: 10.0)));
    }

    [Test]
    public void A_single_value_is_median_min_and_max()
    {
        Assert.That(Spread.Of([7.5]), Is.EqualTo(new Spread(7.5, 7.5, 7.5)));
    }

    [Test]
    public void No_values_are_refused()
    {
        Assert.That(() => Spread.Of([]), Throws.ArgumentException.With.Message.Contains("at least one"));
    }
}
