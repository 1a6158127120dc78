using Npgsql;
using TenantDapper.Citus;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// A database with row-level security enabled by the schema module's scripts, three tenants in <c>projects</c>, a
/// reference table, and server-side code the rewriter cannot see (functions, an operator, a view). Statements run as
/// an application role the fixture creates (NOSUPERUSER NOBYPASSRLS, the grants of <see cref="RowLevelSecurityScripts.Grants"/>);
/// the fixture's own connection (a superuser) is the bypass role.
/// </summary>
public abstract class RowLevelSecurityFixture : DatabaseFixture
{
    private const string Schema = """
        CREATE TABLE projects (account_id bigint NOT NULL, id bigint NOT NULL, name text NOT NULL, payload text NOT NULL DEFAULT 'true', PRIMARY KEY (account_id, id));
        CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
        INSERT INTO projects (account_id, id, name) VALUES (1, 1, 'one-a'), (1, 2, 'one-b'), (2, 1, 'two-a');
        INSERT INTO projects (account_id, id, name, payload) VALUES (3, 1, 'three-secret', 'three-secret');
        INSERT INTO countries VALUES ('de', 'Germany'), ('fr', 'France');
        CREATE FUNCTION project_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM projects';
        CREATE FUNCTION rename_projects() RETURNS bigint LANGUAGE sql AS $$ WITH renamed AS (UPDATE projects SET name = name || '!' RETURNING 1) SELECT count(*) FROM renamed $$;
        CREATE FUNCTION count_projects_op(integer, integer) RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM projects';
        CREATE OPERATOR ### (LEFTARG = integer, RIGHTARG = integer, FUNCTION = count_projects_op);
        CREATE VIEW invoker_projects WITH (security_invoker = true) AS SELECT account_id, name FROM projects;
        """;

    private ApplicationRole? _role;
    private TenantDataSource? _source;

    /// <summary>The model: projects by account_id, countries as reference, and the app's code declared trusted by mistake.</summary>
    internal static TenantModel Model { get; } = new TenantModelBuilder()
        .TenantKey<long>()
        .TenantTable("projects", "account_id")
        .ReferenceTable("countries")
        .GlobalTable("invoker_projects")
        .SafeFunction("project_count")
        .SafeFunction("rename_projects")
        .Build();

    /// <summary>The connection string of the application role.</summary>
    protected string ApplicationConnectionString =>
        (_role ?? throw new InvalidOperationException("The application role is created in OneTimeSetUp.")).ConnectionString(ConnectionString);

    /// <summary>The name of the application role the fixture creates.</summary>
    protected string ApplicationRoleName =>
        (_role ?? throw new InvalidOperationException("The application role is created in OneTimeSetUp.")).Name;

    /// <summary>A data source with row-level security on, connected as the application role.</summary>
    protected TenantDataSource Source => _source ?? throw new InvalidOperationException("The data source is created in OneTimeSetUp.");

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        _role = await ApplicationRole.CreateAsync(connection);
        await using (var command = new NpgsqlCommand(Schema, connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        if (PostgresSetUp.IsCitusCoordinator)
        {
            // On the cluster the tables are what they are in production: projects sharded by tenant, countries on every node.
            await using var distribute = new NpgsqlCommand("SELECT create_distributed_table('projects', 'account_id'); SELECT create_reference_table('countries')", connection);
            await distribute.ExecuteNonQueryAsync();
        }

        await _role.EnableAsync(connection, Model);
    }

    [OneTimeSetUp]
    public void CreateDataSource() =>
        _source = new TenantDataSource(NpgsqlDataSource.Create(ApplicationConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = true });

    [OneTimeTearDown]
    public async Task DropRoleAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }

        if (_role is not null)
        {
            await using var connection = await OpenConnectionAsync();
            await _role.DropAsync(connection);
        }
    }

    [SetUp]
    public void ClearTenant() => CurrentTenant.Clear();

    [TearDown]
    public void ClearTenantAfter() => CurrentTenant.Clear();

    /// <summary>
    /// <paramref name="sql"/> behind the prelude a row-level security data source sends outside a transaction, for
    /// <paramref name="tenants"/> (an array literal): on Citus inside a block of its own, the only way its setting
    /// reaches the workers.
    /// </summary>
    protected static string Carrying(string tenants, string sql) => PostgresSetUp.IsCitusCoordinator
        ? $"BEGIN; CALL tenantdapper.set_tenants('{tenants}'); {sql}; COMMIT"
        : $"CALL tenantdapper.set_tenants('{tenants}'); {sql}";

    /// <summary>Every project as (account, id, name), read by the superuser.</summary>
    protected async Task<List<(long Account, long Id, string Name)>> AllProjectsAsync()
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT account_id, id, name FROM projects ORDER BY account_id, id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return rows;
    }
}
