using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Testing;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// Base of the tests that need a real Citus cluster: the sample schema, with rows for two tenants,
/// in a new schema of the coordinator's database named by <c>TENANTDAPPER_CITUS_CONNECTION</c>, or else
/// of the suite's server when that is a Citus coordinator (schemas reach the workers; a new database
/// would not), distributed with the Citus module. Without either the fixture is skipped with the reason.
/// </summary>
public abstract class CitusClusterFixture
{
    public const string ConnectionVariable = "TENANTDAPPER_CITUS_CONNECTION";

    private const string Rows = """
        INSERT INTO countries VALUES ('NL', 'Netherlands');
        INSERT INTO accounts VALUES (1, 'one', 'NL'), (2, 'two', 'NL');
        INSERT INTO managers (account_id, id, name) VALUES (1, 1, 'ann'), (2, 2, 'bob');
        INSERT INTO projects (account_id, id, name, manager_id) VALUES (1, 10, 'alpha', 1), (2, 20, 'beta', 2);
        INSERT INTO tasks (account_id, id, project_id, title) VALUES (1, 100, 10, 'one'), (1, 101, 10, 'two'), (2, 200, 20, 'three');
        """;

    private string? adminConnectionString;

    protected string Schema { get; } = "tenantdapper_citus_" + Guid.NewGuid().ToString("N")[..12];

    protected string ConnectionString { get; private set; } = string.Empty;

    protected TenantModel Model { get; private set; } = null!;

    protected DistributionPlan Plan { get; private set; } = null!;

    /// <summary>Whether the set-up distributes the schema; otherwise <see cref="Plan"/> is only planned, for the tests to run.</summary>
    protected virtual bool DistributesInSetUp => true;

    [OneTimeSetUp]
    public async Task DistributeSampleSchemaAsync()
    {
        adminConnectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(adminConnectionString) && PostgresSetUp.IsCitusCoordinator)
        {
            adminConnectionString = PostgresSetUp.Server.ConnectionString;
        }

        if (string.IsNullOrWhiteSpace(adminConnectionString))
        {
            Assert.Ignore($"{ConnectionVariable} is not set and the test server is not a Citus coordinator: these tests need one (e.g. Host=coordinator;Username=postgres;Database=postgres).");
        }

        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync();
            if (!await CitusDistribution.IsCoordinatorAsync(admin))
            {
                Assert.Fail($"{ConnectionVariable} names a database without the citus extension; point it at a Citus coordinator's database.");
            }

            await using var create = new NpgsqlCommand($"CREATE SCHEMA \"{Schema}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { SearchPath = Schema }.ConnectionString;
        Model = ModelInSchema.Build(SampleSchema.Model, Schema);
        await using var connection = await OpenConnectionAsync();
        await using (var command = new NpgsqlCommand(SampleSchema.Sql + Rows, connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        Plan = DistributesInSetUp
            ? await CitusDistribution.DistributeAsync(connection, Model)
            : DistributionPlanner.Plan(Model, await SchemaCatalog.ReadAsync(connection));
    }

    [OneTimeTearDown]
    public async Task DropSchemaAsync()
    {
        if (string.IsNullOrWhiteSpace(adminConnectionString))
        {
            return;
        }

        await SharedDatabaseSchemas.DropSchemaAsync(adminConnectionString, Schema);
    }

    protected async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Runs a query and returns its rows as text; <c>$1</c>, when used, is the fixture's schema.</summary>
    protected async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (sql.Contains("$1", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue(Schema);
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
        }

        return rows;
    }
}
