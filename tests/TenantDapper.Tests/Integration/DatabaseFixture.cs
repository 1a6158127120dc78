using Npgsql;

namespace TenantDapper.Tests.Integration;

/// <summary>
/// Base class for integration fixtures: each fixture gets its own new database (on a Citus coordinator, its own
/// schema in the coordinator's database) before its first test and drops it after its last, so fixtures can run
/// in parallel without seeing each other's rows.
/// </summary>
public abstract class DatabaseFixture
{
    private string? connectionString;

    /// <summary>The connection string of this fixture's database.</summary>
    protected string ConnectionString =>
        connectionString ?? throw new InvalidOperationException("The fixture's database exists only between its OneTimeSetUp and OneTimeTearDown.");

    /// <summary>
    /// Whether the fixture tests against plain PostgreSQL on purpose (files that name <c>public</c>, fake Citus
    /// metadata, every schema of its database): it then gets a new database on a Citus coordinator too.
    /// </summary>
    protected virtual bool NeedsPlainPostgres => false;

    [OneTimeSetUp]
    public async Task SetUpDatabaseAsync()
    {
        connectionString = await PostgresSetUp.CreateIsolatedAsync(GetType().Name, NeedsPlainPostgres);
        await using var connection = await OpenConnectionAsync();
        await CreateSchemaAsync(connection);
    }

    [OneTimeTearDown]
    public async Task TearDownDatabaseAsync()
    {
        if (connectionString is not null)
        {
            await PostgresSetUp.DropIsolatedAsync(connectionString);
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
