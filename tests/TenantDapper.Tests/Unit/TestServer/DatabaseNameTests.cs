using TenantDapper.Testing;

namespace TenantDapper.Tests.Unit.TestServer;

public sealed class DatabaseNameTests
{
    [Test]
    public void Name_keeps_a_readable_lower_case_prefix()
    {
        Assert.That(PostgresTestServer.UniqueDatabaseName("OrderTests"), Does.Match("^ordertests_[0-9a-f]{12}$"));
    }

    [Test]
    public void Characters_outside_letters_digits_and_underscore_become_underscores()
    {
        Assert.That(PostgresTestServer.UniqueDatabaseName("Fixture`1\"; DROP"), Does.Match("^fixture_1___drop_[0-9a-f]{12}$"));
    }

    [Test]
    public void Long_prefix_is_cut_to_fit_the_63_byte_identifier_limit()
    {
        Assert.That(PostgresTestServer.UniqueDatabaseName(new string('a', 100)), Has.Length.EqualTo(63));
    }

    [Test]
    public void Empty_prefix_still_gives_a_valid_name()
    {
        Assert.That(PostgresTestServer.UniqueDatabaseName(string.Empty), Does.Match("^db_[0-9a-f]{12}$"));
    }

    [Test]
    public void Same_prefix_gives_different_names()
    {
        var names = Enumerable.Range(0, 100).Select(_ => PostgresTestServer.UniqueDatabaseName("same")).ToHashSet();

        Assert.That(names, Has.Count.EqualTo(100));
    }
}
