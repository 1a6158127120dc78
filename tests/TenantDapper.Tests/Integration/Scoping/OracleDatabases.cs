using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The oracle's databases on the test server: <c>shared</c> holds every tenant; each copy holds only the
/// rows of some tenants (one per tenant, and one for tenants 1 and 2 together) plus every shared row.
/// On a Citus coordinator each is a schema, and <c>shared</c> is distributed by both tenant models (so the
/// scoped statements run on Citus) while the copies stay local tables: the plain PostgreSQL reference.
/// </summary>
internal sealed class OracleDatabases : IAsyncDisposable
{
    public static readonly IReadOnlyList<int[]> CopyPositions = [[0], [1], [2], [0, 1]];

    private readonly Dictionary<string, string> _connectionStrings = [];

    private OracleDatabases()
    {
    }

    public string Shared => _connectionStrings["shared"];

    /// <summary>The schema of the shared database's tables: public on plain PostgreSQL, its own schema on a Citus coordinator.</summary>
    public string SharedSchema => new NpgsqlConnectionStringBuilder(Shared).SearchPath ?? "public";

    /// <summary>Creates the shared database and, when <paramref name="withCopies"/>, the per-tenant copies.</summary>
    public static async Task<OracleDatabases> CreateAsync(bool withCopies)
    {
        var databases = new OracleDatabases();
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
        foreach (var connectionString in _connectionStrings.Values)
        {
            await PostgresSetUp.DropIsolatedAsync(connectionString);
        }
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
        var created = await PostgresSetUp.CreateIsolatedAsync("oracle_" + key);
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
    }
}
