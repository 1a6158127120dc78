using Npgsql;
using TenantDapper.Testing;

namespace TenantDapper.Tests.Integration.TestServer;

public sealed class ServerTests
{
    [Test]
    public async Task Started_server_is_postgresql_15_or_newer()
    {
        var versionNumber = await QueryAsync(PostgresSetUp.Server.ConnectionString, "SHOW server_version_num");

        Assert.That(int.Parse(versionNumber, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(150000));
    }

    [Test]
    public async Task Started_server_allows_300_connections_for_parallel_fixtures()
    {
        if (PostgresSetUp.Server.Source == PostgresServerSource.ConnectionString)
        {
            Assert.Ignore("The server from TENANTDAPPER_TEST_CONNECTION keeps its own settings.");
        }

        var maxConnections = await QueryAsync(PostgresSetUp.Server.ConnectionString, "SHOW max_connections");

        Assert.That(int.Parse(maxConnections, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(300));
    }

    [Test]
    public async Task Throwaway_server_trades_durability_for_speed()
    {
        if (PostgresSetUp.Server.Source != PostgresServerSource.LocalBinaries)
        {
            Assert.Ignore($"Only the throwaway server is tuned here; this run uses {PostgresSetUp.Server.Source}.");
        }

        var settings = await QueryAsync(
            PostgresSetUp.Server.ConnectionString,
            "SELECT string_agg(name || '=' || setting, ',' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'full_page_writes', 'synchronous_commit')");

        Assert.That(settings, Is.EqualTo("fsync=off,full_page_writes=off,synchronous_commit=off"));
    }

    [Test]
    public async Task Created_database_is_empty_and_reachable_with_its_connection_string()
    {
        var connectionString = await PostgresSetUp.Server.CreateDatabaseAsync("server_tests");
        try
        {
            var tables = await QueryAsync(connectionString, "SELECT count(*)::text FROM pg_tables WHERE schemaname = 'public'");

            Assert.That(tables, Is.EqualTo("0"));
        }
        finally
        {
            await PostgresSetUp.Server.DropDatabaseAsync(connectionString);
        }
    }

    [Test]
    public async Task Dropping_a_database_ends_its_open_sessions_and_removes_it()
    {
        var connectionString = await PostgresSetUp.Server.CreateDatabaseAsync("server_tests");
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var openSession = new NpgsqlConnection(connectionString);
        await openSession.OpenAsync();

        await PostgresSetUp.Server.DropDatabaseAsync(connectionString);

        Assert.That(await DatabaseExistsAsync(name), Is.False);
    }

    [Test]
    public async Task Dropping_a_database_the_server_did_not_create_is_refused_and_drops_nothing()
    {
        var postgres = new NpgsqlConnectionStringBuilder(PostgresSetUp.Server.ConnectionString) { Database = "postgres" }.ConnectionString;

        Assert.That(() => PostgresSetUp.Server.DropDatabaseAsync(postgres), Throws.ArgumentException.With.Message.Contains("was not created"));
        Assert.That(await DatabaseExistsAsync("postgres"), Is.True);
    }

    internal static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(PostgresSetUp.Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = name } } };
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    internal static async Task<string> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
