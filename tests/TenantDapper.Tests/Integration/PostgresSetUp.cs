using System.Diagnostics;
using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Testing;

namespace TenantDapper.Tests.Integration;

/// <summary>
/// Starts one PostgreSQL server for every fixture in <c>TenantDapper.Tests.Integration</c> and below, and stops it
/// when they have all run. Finds out once whether the server is a Citus coordinator.
/// </summary>
[SetUpFixture]
public sealed class PostgresSetUp
{
    private static PostgresTestServer? server;

    /// <summary>The server of this run; fixtures usually reach it through <see cref="DatabaseFixture"/>.</summary>
    public static PostgresTestServer Server =>
        server ?? throw new InvalidOperationException(
            $"The test server runs only for fixtures in the {typeof(PostgresSetUp).Namespace} namespace or below; move the fixture there.");

    /// <summary>
    /// Whether the server's database has the <c>citus</c> extension. Then fixtures get schemas in that database
    /// instead of new databases, which would have neither the extension nor the workers.
    /// </summary>
    public static bool IsCitusCoordinator { get; private set; }

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        server = await PostgresTestServer.StartAsync();
        await using (var connection = new NpgsqlConnection(server.ConnectionString))
        {
            await connection.OpenAsync();
            IsCitusCoordinator = await CitusDistribution.IsCoordinatorAsync(connection);
        }

        var kind = IsCitusCoordinator ? "Citus coordinator (a schema per fixture)" : "PostgreSQL test server";
        TestContext.Progress.WriteLine($"{kind} from {server.Source} ready in {stopwatch.Elapsed.TotalSeconds:F2} s.");
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (server is not null)
        {
            var stopwatch = Stopwatch.StartNew();
            await server.DisposeAsync();
            server = null;
            TestContext.Progress.WriteLine($"PostgreSQL test server stopped in {stopwatch.Elapsed.TotalSeconds:F2} s.");
        }
    }

    /// <summary>
    /// Creates an empty place for a fixture's tables: a new database on plain PostgreSQL; on a Citus coordinator a
    /// new schema in the coordinator's database, which the returned connection string puts on the search path.
    /// </summary>
    /// <param name="namePrefix">Readable start of the name, such as the fixture's name.</param>
    /// <param name="plainPostgres">Always a new database, which on a Citus coordinator is plain PostgreSQL.</param>
    public static async Task<string> CreateIsolatedAsync(string namePrefix, bool plainPostgres = false)
    {
        if (!IsCitusCoordinator || plainPostgres)
        {
            return await Server.CreateDatabaseAsync(namePrefix);
        }

        // The name comes from [a-z0-9_] only (UniqueDatabaseName), so quoting it is enough.
        var schema = PostgresTestServer.UniqueDatabaseName(namePrefix);
        await ExecuteAsync($"CREATE SCHEMA \"{schema}\"");
        return new NpgsqlConnectionStringBuilder(Server.ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Drops what <see cref="CreateIsolatedAsync"/> created: the schema with everything in it, or the database.</summary>
    /// <param name="connectionString">The connection string <see cref="CreateIsolatedAsync"/> returned.</param>
    public static async Task DropIsolatedAsync(string connectionString)
    {
        var schema = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        if (schema is null)
        {
            await Server.DropDatabaseAsync(connectionString);
            return;
        }

        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await SharedDatabaseSchemas.DropSchemaAsync(Server.ConnectionString, schema);
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
