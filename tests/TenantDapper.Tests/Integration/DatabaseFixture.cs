using Npgsql;

namespace TenantDapper.Tests.Integration;

/// <summary>
/// Base class for integration fixtures: each fixture gets its own new database before its first test and drops
/// it after its last, so fixtures can run in parallel without seeing each other's rows.
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
        connectionString = await PostgresSetUp.Server.CreateDatabaseAsync(GetType().Name);
        await using var connection = await OpenConnectionAsync();
        await CreateSchemaAsync(connection);
    }

    [OneTimeTearDown]
    public async Task TearDownDatabaseAsync()
    {
        if (connectionString is not null)
        {
            await PostgresSetUp.Server.DropDatabaseAsync(connectionString);
            connectionString = null;
        }
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
