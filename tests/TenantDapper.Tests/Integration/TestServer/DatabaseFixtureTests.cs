using Npgsql;

namespace TenantDapper.Tests.Integration.TestServer;

public sealed class DatabaseFixtureTests : DatabaseFixture
{
    [Test]
    public async Task Fixture_connects_to_its_own_new_database_or_on_citus_its_own_schema()
    {
        var current = await ServerTests.QueryAsync(ConnectionString, OwnNameSql);
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);

        Assert.That(current, Is.EqualTo(PostgresSetUp.IsCitusCoordinator ? builder.SearchPath : builder.Database));
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
    public async Task Two_fixtures_get_different_databases_or_schemas_which_are_dropped_after_them()
    {
        var first = new ProbeFixture();
        var second = new ProbeFixture();
        await first.SetUpDatabaseAsync();
        await second.SetUpDatabaseAsync();
        var firstName = await first.OwnNameAsync();
        var secondName = await second.OwnNameAsync();

        await first.TearDownDatabaseAsync();
        await second.TearDownDatabaseAsync();

        Assert.That(firstName, Is.Not.EqualTo(secondName));
        Assert.That(await ExistsAsync(firstName), Is.False);
        Assert.That(await ExistsAsync(secondName), Is.False);
    }

    [Test]
    public async Task Plain_postgres_fixture_gets_a_new_database_even_on_citus()
    {
        var plain = new PlainProbeFixture();
        await plain.SetUpDatabaseAsync();
        var name = await plain.OwnDatabaseAsync();
        var hasCitus = await ServerTests.QueryAsync(plain.OwnConnectionString, "SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')::text");
        await plain.TearDownDatabaseAsync();

        Assert.That(name, Does.StartWith("plainprobefixture_"));
        Assert.That(hasCitus, Is.EqualTo("false"));
        Assert.That(await ServerTests.DatabaseExistsAsync(name), Is.False);
    }

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL); INSERT INTO notes VALUES (1, 'written by the schema hook')",
            connection);
        await command.ExecuteNonQueryAsync();
    }

    // The fixture's own place: its database, or on a Citus coordinator its schema.
    private static string OwnNameSql => PostgresSetUp.IsCitusCoordinator ? "SELECT current_schema()::text" : "SELECT current_database()::text";

    private static async Task<bool> ExistsAsync(string name)
    {
        if (!PostgresSetUp.IsCitusCoordinator)
        {
            return await ServerTests.DatabaseExistsAsync(name);
        }

        await using var connection = new NpgsqlConnection(PostgresSetUp.Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1", connection) { Parameters = { new() { Value = name } } };
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    private sealed class ProbeFixture : DatabaseFixture
    {
        public Task<string> OwnNameAsync() => ServerTests.QueryAsync(ConnectionString, OwnNameSql);
    }

    private sealed class PlainProbeFixture : DatabaseFixture
    {
        public string OwnConnectionString => ConnectionString;

        protected override bool NeedsPlainPostgres => true;

        public Task<string> OwnDatabaseAsync() => ServerTests.QueryAsync(ConnectionString, "SELECT current_database()::text");
    }
}
