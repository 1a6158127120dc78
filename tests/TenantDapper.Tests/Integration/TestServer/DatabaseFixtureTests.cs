using Npgsql;

namespace TenantDapper.Tests.Integration.TestServer;

public sealed class DatabaseFixtureTests : DatabaseFixture
{
    [Test]
    public async Task Fixture_connects_to_its_own_new_database()
    {
        var current = await ServerTests.QueryAsync(ConnectionString, "SELECT current_database()::text");

        Assert.That(current, Is.EqualTo(new NpgsqlConnectionStringBuilder(ConnectionString).Database));
        Assert.That(current, Does.StartWith("databasefixturetests_"));
    }

    [Test]
    public async Task Schema_hook_ran_in_the_fixture_database()
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT body FROM notes ORDER BY id", connection);

        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("written by the schema hook"));
    }

    [Test]
    public async Task Execute_runs_statements_in_the_fixture_database()
    {
        await ExecuteAsync("CREATE TABLE executed (id int); INSERT INTO executed VALUES (1), (2)");

        using var connection = OpenConnection();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM executed", connection);
        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(2L));
    }

    [Test]
    public async Task Two_fixtures_get_different_databases_which_are_dropped_after_them()
    {
        var first = new ProbeFixture();
        var second = new ProbeFixture();
        await first.SetUpDatabaseAsync();
        await second.SetUpDatabaseAsync();
        var firstName = await first.CurrentDatabaseAsync();
        var secondName = await second.CurrentDatabaseAsync();

        await first.TearDownDatabaseAsync();
        await second.TearDownDatabaseAsync();

        Assert.That(firstName, Is.Not.EqualTo(secondName));
        Assert.That(await ServerTests.DatabaseExistsAsync(firstName), Is.False);
        Assert.That(await ServerTests.DatabaseExistsAsync(secondName), Is.False);
    }

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL); INSERT INTO notes VALUES (1, 'written by the schema hook')",
            connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class ProbeFixture : DatabaseFixture
    {
        public Task<string> CurrentDatabaseAsync() => ServerTests.QueryAsync(ConnectionString, "SELECT current_database()::text");
    }
}
