using System.Security.Cryptography;
using Dapper;
using Npgsql;
using TenantDapper.Citus;

namespace TenantDapper.Benchmarks.Database;

/// <summary>
/// A second copy of the benchmark tables, with the same data, whose row-level security the schema module's enable script
/// turned on, and an application role (LOGIN NOSUPERUSER NOBYPASSRLS, with the module's grants on both copies) that the
/// policies hold. Disposing drops the copy, the role and, when this object created it, the <c>tenantdapper</c> schema
/// holding the procedure that sets a statement's tenants.
/// </summary>
internal sealed class RowLevelSecurityCopy : IAsyncDisposable
{
    private readonly BenchmarkDatabase _database;
    private readonly bool _createdProcedureSchema;

    private RowLevelSecurityCopy(BenchmarkDatabase database, string schema, string role, string password, bool createdProcedureSchema)
    {
        _database = database;
        Schema = schema;
        Role = role;
        _createdProcedureSchema = createdProcedureSchema;
        PlainConnectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = password }.ConnectionString;
        SecuredConnectionString = new NpgsqlConnectionStringBuilder(PlainConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>The schema of the copy with row-level security on.</summary>
    public string Schema { get; }

    /// <summary>The application role both copies are read and written as.</summary>
    public string Role { get; }

    /// <summary>The application role's connection to the benchmark's own tables (no row-level security).</summary>
    public string PlainConnectionString { get; }

    /// <summary>The application role's connection to the copy with row-level security on.</summary>
    public string SecuredConnectionString { get; }

    /// <summary>Creates the role and the copy, loads <paramref name="dataSet"/> into it and enables row-level security on it.</summary>
    public static async Task<RowLevelSecurityCopy> CreateAsync(BenchmarkDatabase database, TenantDataSet dataSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(dataSet);

        // Both names are generated here from [a-z0-9_] only, never taken from input, so they need no quoting.
        var schema = database.Schema + "_rls";
        var role = "tdbench_" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        var password = RandomNumberGenerator.GetHexString(24, lowercase: true);
        bool createdProcedureSchema;
        await using (var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            createdProcedureSchema = !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'tenantdapper')", cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                $"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '{password}'; CREATE SCHEMA {schema}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var copy = new RowLevelSecurityCopy(database, schema, role, password, createdProcedureSchema);
        try
        {
            var administration = new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = schema }.ConnectionString;
            await using var connection = new NpgsqlConnection(administration);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await BenchmarkSchema.CreateAsync(connection, citus: false, cancellationToken).ConfigureAwait(false);
            await BenchmarkSchema.LoadAsync(connection, dataSet, cancellationToken).ConfigureAwait(false);
            await RowLevelSecurityScripts.EnableAsync(connection, BenchmarkSchema.TenantModel(schema), cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(RowLevelSecurityScripts.Grants(BenchmarkSchema.TenantModel(schema), role), cancellationToken: cancellationToken)).ConfigureAwait(false);

            // The scripts name the model's tables as written (unqualified) and leave them to the search path: each runs where its tables are.
            await using var plain = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await plain.ExecuteAsync(new CommandDefinition(RowLevelSecurityScripts.Grants(BenchmarkSchema.TenantModel(database.Schema), role), cancellationToken: cancellationToken)).ConfigureAwait(false);
            return copy;
        }
        catch
        {
            await copy.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Drops what <see cref="CreateAsync"/> created; the application role's pooled connections must be closed first.</summary>
    public async ValueTask DisposeAsync()
    {
        await using var connection = await _database.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
        var procedureSchema = _createdProcedureSchema ? "DROP SCHEMA IF EXISTS tenantdapper CASCADE; " : string.Empty;
        await connection.ExecuteAsync($"DROP OWNED BY {Role}; DROP SCHEMA IF EXISTS {Schema} CASCADE; {procedureSchema}DROP ROLE {Role}").ConfigureAwait(false);
    }
}
