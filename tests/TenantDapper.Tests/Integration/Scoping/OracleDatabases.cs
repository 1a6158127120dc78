using Npgsql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The oracle's databases on the test server: <c>shared</c> holds every tenant; each copy holds only the
/// rows of some tenants (one per tenant, and one for tenants 1 and 2 together) plus every shared row.
/// </summary>
internal sealed class OracleDatabases : IAsyncDisposable
{
    public static readonly IReadOnlyList<int[]> CopyPositions = [[0], [1], [2], [0, 1]];

    private readonly string _server;
    private readonly string _prefix;

    private OracleDatabases(string server, string prefix)
    {
        _server = server;
        _prefix = prefix;
    }

    public string Shared => ConnectionString("shared");

    public static async Task<OracleDatabases> CreateAsync(string serverConnectionString)
    {
        var databases = new OracleDatabases(serverConnectionString, "oracle_" + Guid.NewGuid().ToString("N")[..10]);
        await databases.CreateAsync("shared", [0, 1, 2]);
        foreach (var positions in CopyPositions)
        {
            await databases.CreateAsync(Key(positions), positions);
        }

        return databases;
    }

    public static string Key(IReadOnlyCollection<int> positions) => "only_" + string.Join("_", positions.Order());

    public string Copy(IReadOnlyCollection<int> positions) => ConnectionString(Key(positions));

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        foreach (var key in CopyPositions.Select(Key).Prepend("shared"))
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_prefix}_{key}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
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

    private string ConnectionString(string key) =>
        new NpgsqlConnectionStringBuilder(_server) { Database = $"{_prefix}_{key}", MaxPoolSize = 40, Timeout = 60 }.ConnectionString;

    private async Task CreateAsync(string key, IReadOnlyCollection<int> positions)
    {
        await using (var admin = new NpgsqlConnection(_server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_prefix}_{key}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        await using var connection = new NpgsqlConnection(ConnectionString(key));
        await connection.OpenAsync();
        await using var load = new NpgsqlCommand(OracleSchema.Ddl + "\n" + OracleSchema.Data(positions) + SingleTenantDefaults(positions), connection);
        await load.ExecuteNonQueryAsync();
    }
}
