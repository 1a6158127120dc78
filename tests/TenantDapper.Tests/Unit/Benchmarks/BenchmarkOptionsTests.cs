using TenantDapper.Benchmarks.CommandLine;

namespace TenantDapper.Tests.Unit.Benchmarks;

public class BenchmarkOptionsTests
{
    [Test]
    public void No_arguments_mean_the_default_run_on_the_throwaway_server()
    {
        var options = BenchmarkOptions.Parse([]);

        Assert.That(options.ConnectionString, Is.Null);
        Assert.That(options.Quick, Is.False);
        Assert.That((options.Tenants, options.RowsPerTenant, options.Rounds), Is.EqualTo((500, 1000, 15)));
        Assert.That(options.OutputDirectory, Is.EqualTo("benchmark-results"));
        Assert.That(options.Only, Is.Empty);
    }

    [Test]
    public void Quick_shrinks_the_data_and_the_rounds()
    {
        var options = BenchmarkOptions.Parse(["--quick"]);

        Assert.That((options.Tenants, options.RowsPerTenant, options.Rounds), Is.EqualTo((10, 200, 5)));
    }

    [Test]
    public void Explicit_sizes_win_over_quick_defaults_in_either_spelling()
    {
        var options = BenchmarkOptions.Parse(["--quick", "--tenants", "7", "--rows=30", "--rounds", "3", "--out", "here", "--connection=Host=db;Port=5433"]);

        Assert.That((options.Tenants, options.RowsPerTenant, options.Rounds), Is.EqualTo((7, 30, 3)));
        Assert.That(options.OutputDirectory, Is.EqualTo("here"));
        Assert.That(options.ConnectionString, Is.EqualTo("Host=db;Port=5433"));
    }

    [Test]
    public void Only_takes_repeated_flags_and_comma_lists()
    {
        var options = BenchmarkOptions.Parse(["--only", "join, bulk-insert", "--only", "join"]);

        Assert.That(options.Only, Is.EqualTo(new[] { "join", "bulk-insert" }));
    }

    [TestCase("--rows", "0")]
    [TestCase("--tenants", "-3")]
    [TestCase("--rounds", "many")]
    public void A_size_that_is_not_a_positive_whole_number_is_refused_naming_the_flag(string flag, string value)
    {
        Assert.That(() => BenchmarkOptions.Parse([flag, value]),
            Throws.TypeOf<BenchmarkUsageException>().With.Message.Contains(flag).And.Message.Contains(value));
    }

    [Test]
    public void A_flag_without_its_value_is_refused()
    {
        Assert.That(() => BenchmarkOptions.Parse(["--connection", "--quick"]),
            Throws.TypeOf<BenchmarkUsageException>().With.Message.Contains("--connection needs a value"));
    }

    [Test]
    public void An_unknown_argument_is_refused_pointing_at_help()
    {
        Assert.That(() => BenchmarkOptions.Parse(["--fast"]),
            Throws.TypeOf<BenchmarkUsageException>().With.Message.Contains("'--fast'").And.Message.Contains("--help"));
    }
}
