using Npgsql;
using TenantDapper.Testing;

namespace TenantDapper.AspNetCore.Tests;

/// <summary>Starts one PostgreSQL server for every fixture of this project and stops it when they have all run.</summary>
[SetUpFixture]
public sealed class PostgresSetUp
{
    private static PostgresTestServer? server;

    /// <summary>The server of this run.</summary>
    public static PostgresTestServer Server => server ?? throw new InvalidOperationException("The test server starts in PostgresSetUp; run the fixture in its namespace.");

    [OneTimeSetUp]
    public async Task StartServerAsync() => server = await PostgresTestServer.StartAsync();

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }

    /// <summary>Runs <paramref name="sql"/> (no parameters) on <paramref name="connectionString"/>'s database.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> on <paramref name="connectionString"/>'s database and returns the first column of the first row.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }
}
