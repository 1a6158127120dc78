using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Tests.Integration.RowLevelSecurity;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The oracle's databases on the test server: <c>shared</c> holds every tenant; each copy holds only the
/// rows of some tenants (one per tenant, and one for tenants 1 and 2 together) plus every shared row.
/// On a Citus coordinator each is a schema, and <c>shared</c> is distributed by both tenant models (so the
/// scoped statements run on Citus) while the copies stay local tables: the plain PostgreSQL reference.
/// A fixture whose statements name the <c>public</c> schema gets <c>shared</c> in the coordinator's
/// <c>public</c> schema instead, and its copies as new databases (plain PostgreSQL, tables in their own
/// <c>public</c>), so that <c>public.tasks</c> means the oracle's table on both sides, as on plain PostgreSQL.
/// With row-level security, <c>shared</c> has it enabled for both models and an application role that it applies to.
/// </summary>
internal sealed class OracleDatabases : IAsyncDisposable
{
    public static readonly IReadOnlyList<int[]> CopyPositions = [[0], [1], [2], [0, 1]];

    private readonly Dictionary<string, string> _connectionStrings = [];

    private readonly bool _inPublicSchema;

    private readonly bool _rowLevelSecurity;

    private ApplicationRole? _role;

    private OracleDatabases(bool inPublicSchema, bool rowLevelSecurity)
    {
        _inPublicSchema = inPublicSchema;
        _rowLevelSecurity = rowLevelSecurity;
    }

    public string Shared => _connectionStrings["shared"];

    /// <summary>
    /// The shared database as the application role (NOSUPERUSER NOBYPASSRLS) when it has row-level security on, or
    /// <see langword="null"/>.
    /// </summary>
    public string? SharedAsApplication => _role?.ConnectionString(Shared);

    /// <summary>The schema of the shared database's tables: public on plain PostgreSQL, its own schema on a Citus coordinator.</summary>
    public string SharedSchema => new NpgsqlConnectionStringBuilder(Shared).SearchPath ?? "public";

    /// <summary>Creates the shared database and, when <paramref name="withCopies"/>, the per-tenant copies.</summary>
    /// <param name="withCopies">Whether to create the per-tenant copies too.</param>
    /// <param name="namesPublicSchema">
    /// Whether the fixture's statements name <c>public</c>: on a Citus coordinator the shared tables then live in its
    /// <c>public</c> schema (the fixture must be non-parallelizable) and the copies in new databases.
    /// </param>
    /// <param name="rowLevelSecurity">Whether the shared database gets row-level security and an application role.</param>
    public static async Task<OracleDatabases> CreateAsync(bool withCopies, bool namesPublicSchema = false, bool rowLevelSecurity = false)
    {
        var databases = new OracleDatabases(namesPublicSchema && PostgresSetUp.IsCitusCoordinator, rowLevelSecurity);
        await databases.CreateAsync("shared", [0, 1, 2]);
        foreach (var positions in withCopies ? CopyPositions : [])
        {
            await databases.CreateAsync(Key(positions), positions);
        }

        return databases;
    }

    public static string Key(IReadOnlyCollection<int> positions) => "only_" + string.Join("_", positions.Order());

    public string Copy(IReadOnlyCollection<int> positions) => _connectionStrings[Key(positions)];

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_role is not null)
        {
            await using var owner = new NpgsqlConnection(Shared);
            await owner.OpenAsync();
            await _role.DropAsync(owner);
        }

        foreach (var (key, connectionString) in _connectionStrings)
        {
            if (_inPublicSchema && key == "shared")
            {
                await DropPublicTablesAsync(connectionString);
                continue;
            }

            await PostgresSetUp.DropIsolatedAsync(connectionString);
        }
    }

    // The coordinator's public schema is not the fixture's own: only the oracle's tables are dropped from it
    // (before creating them, in case an interrupted run left them, and after the fixture).
    private static async Task DropPublicTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = string.Join(", ", OracleSchema.Tables.Select(t => $"public.\"{t.Table}\""));
        await using var drop = new NpgsqlCommand($"DROP TABLE IF EXISTS {tables} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }

    // In a database holding one tenant the tenant column is implied: it defaults to that tenant, so the
    // unscoped INSERT that leaves it out writes what the scoped one writes on the shared database.
    private static string SingleTenantDefaults(IReadOnlyCollection<int> positions)
    {
        if (positions.Count != 1)
        {
            return string.Empty;
        }

        var position = positions.First();
        var defaults = new System.Text.StringBuilder();
        foreach (var (table, column) in OracleSchema.Tables.Where(t => t.TenantColumn is not null))
        {
            var tenant = OracleSchema.UuidModel.TryGetTenantTable(new TableName(null, table), out _)
                ? $"'{OracleSchema.Orgs[position]}'"
                : OracleSchema.Tenants[position].ToString(System.Globalization.CultureInfo.InvariantCulture);
            defaults.Append($"ALTER TABLE \"{table}\" ALTER COLUMN \"{column}\" SET DEFAULT {tenant};\n");
        }

        return defaults.ToString();
    }

    private async Task CreateAsync(string key, IReadOnlyCollection<int> positions)
    {
        string created;
        if (_inPublicSchema && key == "shared")
        {
            created = new NpgsqlConnectionStringBuilder(PostgresSetUp.Server.ConnectionString) { SearchPath = "public" }.ConnectionString;
            await DropPublicTablesAsync(created);
        }
        else
        {
            created = await PostgresSetUp.CreateIsolatedAsync("oracle_" + key, plainPostgres: _inPublicSchema);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(created) { MaxPoolSize = 40, Timeout = 60 }.ConnectionString;
        _connectionStrings[key] = connectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var load = new NpgsqlCommand(OracleSchema.Ddl + "\n" + OracleSchema.Data(positions) + SingleTenantDefaults(positions), connection))
        {
            await load.ExecuteNonQueryAsync();
        }

        if (key == "shared" && PostgresSetUp.IsCitusCoordinator)
        {
            // countries is a reference table of both models; the second distribution must not make it one again.
            var schema = await ModelInSchema.CurrentSchemaAsync(connection);
            await CitusDistribution.DistributeAsync(connection, ModelInSchema.Build(OracleSchema.Model, schema));
            await CitusDistribution.DistributeAsync(connection, ModelInSchema.Build(OracleSchema.UuidModel, schema, withReferenceTables: false));
        }

        if (key == "shared" && _rowLevelSecurity)
        {
            _role = await ApplicationRole.CreateAsync(connection);
            await _role.EnableAsync(connection, OracleSchema.Model, OracleSchema.UuidModel);
        }
    }
}
