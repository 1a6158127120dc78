using System.Security.Cryptography;
using Npgsql;
using TenantDapper.Citus;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// An application role row-level security applies to (LOGIN NOSUPERUSER NOBYPASSRLS, not the tables' owner), with a
/// random name and password, and the database's row-level security enabled by the schema module's own scripts
/// (<see cref="RowLevelSecurityScripts.EnableAsync"/>, <see cref="RowLevelSecurityScripts.Grants"/>).
/// </summary>
internal sealed class ApplicationRole
{
    private ApplicationRole(string name, string password)
    {
        Name = name;
        Password = password;
    }

    /// <summary>The role's name.</summary>
    public string Name { get; }

    private string Password { get; }

    /// <summary>Creates the role on the server of <paramref name="owner"/> (a superuser's connection).</summary>
    public static async Task<ApplicationRole> CreateAsync(NpgsqlConnection owner)
    {
        var role = new ApplicationRole("tdrls_" + RandomNumberGenerator.GetHexString(8, lowercase: true), RandomNumberGenerator.GetHexString(24, lowercase: true));
        await using var command = new NpgsqlCommand($"CREATE ROLE {role.Name} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '{role.Password}'", owner);
        await command.ExecuteNonQueryAsync();
        return role;
    }

    /// <summary><paramref name="connectionString"/> with this role's user name and password.</summary>
    public string ConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = Name, Password = Password }.ConnectionString;

    /// <summary>
    /// Enables row-level security for each model on the database of <paramref name="owner"/> (the tables exist, and on
    /// Citus are distributed) and grants this role what the models' tables need. On Citus the connection's schema (its
    /// search path) stands in for the models' <c>public</c>, so the role gets <c>USAGE</c> on it too.
    /// </summary>
    public async Task EnableAsync(NpgsqlConnection owner, params TenantModel[] models)
    {
        if (PostgresSetUp.IsCitusCoordinator)
        {
            var schema = new NpgsqlConnectionStringBuilder(owner.ConnectionString).SearchPath ?? "public";
            await using var usage = new NpgsqlCommand($"GRANT USAGE ON SCHEMA \"{schema}\" TO {Name}", owner);
            await usage.ExecuteNonQueryAsync();

            // Fixtures share the coordinator's database and with it the procedure the enable script replaces: one at a time.
            await using var serialized = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('tenantdapper rls enable'))", owner);
            await serialized.ExecuteNonQueryAsync();
        }

        try
        {
            var server = await RowLevelSecurityScripts.ServerAsync(owner);
            foreach (var model in models)
            {
                await RowLevelSecurityScripts.EnableAsync(owner, model);
                await using var grants = new NpgsqlCommand(RowLevelSecurityScripts.Grants(model, Name, server), owner);
                await grants.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            if (PostgresSetUp.IsCitusCoordinator)
            {
                await using var released = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('tenantdapper rls enable'))", owner);
                await released.ExecuteNonQueryAsync();
            }
        }
    }

    /// <summary>
    /// Drops the role, and first what it holds in the database of <paramref name="owner"/> (the only one it was granted
    /// anything in). Every pool is cleared first, so no connection of the role is left open.
    /// </summary>
    public async Task DropAsync(NpgsqlConnection owner)
    {
        NpgsqlConnection.ClearAllPools();
        await using var command = new NpgsqlCommand($"DROP OWNED BY {Name}; DROP ROLE {Name}", owner);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Whether row-level security applies to the current user of <paramref name="connection"/>: neither a superuser nor
    /// <c>BYPASSRLS</c> (either would skip every policy, and a test comparing rows would pass vacuously).
    /// </summary>
    public static async Task<(string User, bool Superuser, bool BypassesRowLevelSecurity)> CurrentUserAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT current_user::text, rolsuper, rolbypassrls FROM pg_catalog.pg_roles WHERE rolname = current_user", connection);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException("The current user has no row in pg_roles.");
        }

        return (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2));
    }
}
