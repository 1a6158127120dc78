using Npgsql;

namespace TenantDapper.Tests.Integration;

/// <summary>
/// Interim stand-in for the foundation branch's fixture (same members): a fresh database per fixture on the server
/// named by TENANTDAPPER_TEST_CONNECTION. Replaced by the shared one when it lands on main.
/// </summary>
public abstract class DatabaseFixture
{
    private string? connectionString;

    /// <summary>The connection string of this fixture's database.</summary>
    protected string ConnectionString =>
        connectionString ?? throw new InvalidOperationException("The fixture's database exists only between its OneTimeSetUp and OneTimeTearDown.");

    [OneTimeSetUp]
    public async Task SetUpDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable("TENANTDAPPER_TEST_CONNECTION")
            ?? throw new InvalidOperationException("Set TENANTDAPPER_TEST_CONNECTION to a PostgreSQL server.");
        var name = "td_" + GetType().Name.ToLowerInvariant() + "_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ConnectionString;
        await using var connection = await OpenConnectionAsync();
        await CreateSchemaAsync(connection);
    }

    [OneTimeTearDown]
    public async Task TearDownDatabaseAsync()
    {
        if (connectionString is null)
        {
            return;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database;
        builder.Database = "postgres";
        await using var admin = new NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        connectionString = null;
    }

    /// <summary>Opens a new connection to this fixture's database.</summary>
    protected NpgsqlConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Opens a new connection to this fixture's database.</summary>
    protected async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs SQL (one or more statements, no parameters) on this fixture's database.</summary>
    protected async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Creates the fixture's tables in its new database; runs once, before the first test.</summary>
    protected virtual Task CreateSchemaAsync(NpgsqlConnection connection) => Task.CompletedTask;
}
