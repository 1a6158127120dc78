using System.Globalization;
using System.Text;
using Npgsql;
using TenantDapper.Citus.Scripting;
using TenantDapper.Tenancy;

namespace TenantDapper.Citus;

/// <summary>
/// The row-level security scripts of a <see cref="TenantModel"/>, the second line of defence behind the rewriter,
/// as plain SQL for a DBA (psql on PostgreSQL or on the Citus coordinator, which propagates policies to the shards),
/// or applied from code. They work with a <see cref="TenantDataSource"/> created with
/// <c>new TenantDataSourceOptions { RowLevelSecurity = true }</c>, which sets the tenants of every statement
/// transaction-locally through the procedure the enable script installs.
/// </summary>
public static class RowLevelSecurityScripts
{
    // The data source's side of this contract is TenantDapper.DataSource.TenantSession; both name the same setting and procedure.
    private const string Setting = "tenantdapper.tenants";
    private const string Schema = "tenantdapper";
    private const string Procedure = Schema + ".set_tenants";
    private const string TenantPolicy = "tenantdapper_tenant";
    private const string ReadPolicy = "tenantdapper_read";

    /// <summary>
    /// The enable script, in one transaction: the procedure <c>tenantdapper.set_tenants(text)</c>; on every tenant
    /// table (the tenant root too) <c>ENABLE</c> and <c>FORCE ROW LEVEL SECURITY</c> and a policy letting a statement
    /// read and write only rows of the tenants it carries (none when it carries none); on every reference table a
    /// policy letting every statement read and none write. Run it again after adding tables: it replaces its policies.
    /// </summary>
    /// <param name="model">The model whose tables get policies.</param>
    /// <param name="server">
    /// The server the script runs on: on a Citus coordinator, <see cref="RowLevelSecurityServer.Citus"/> (the policies
    /// reach every shard; the plain PostgreSQL form is refused on distributed tables and its setting never reaches the
    /// workers).
    /// </param>
    public static string Enable(TenantModel model, RowLevelSecurityServer server = RowLevelSecurityServer.PostgreSql)
    {
        ArgumentNullException.ThrowIfNull(model);
        var script = Header("Enables row-level security for the tenant model", "BEGIN");
        Sequential(script, server);
        script.Append(CultureInfo.InvariantCulture, $"CREATE SCHEMA IF NOT EXISTS {Schema};\n");
        script.Append("-- Sets the statement's tenants (a PostgreSQL array literal) until the end of its transaction.\n");
        if (server == RowLevelSecurityServer.Citus)
        {
            script.Append("-- On Citus only a SET LOCAL statement of its own, inside an explicit transaction block and with\n");
            script.Append("-- citus.propagate_set_commands = 'local', reaches the workers (set_config stays on the coordinator).\n");
            script.Append(CultureInfo.InvariantCulture, $"CREATE OR REPLACE PROCEDURE {Procedure}(tenants text) LANGUAGE plpgsql AS $$ BEGIN SET LOCAL citus.propagate_set_commands = 'local'; EXECUTE pg_catalog.format('SET LOCAL {Setting} = %L', tenants); END $$;\n");
        }
        else
        {
            script.Append(CultureInfo.InvariantCulture, $"CREATE OR REPLACE PROCEDURE {Procedure}(tenants text) LANGUAGE sql AS $$ SELECT pg_catalog.set_config('{Setting}', tenants, true) $$;\n");
        }

        foreach (var table in model.TenantTables)
        {
            var name = SqlText.Table(table.Name);
            var allowed = Allowed(model, table.TenantColumn, server);
            script.Append('\n').Append(CultureInfo.InvariantCulture, $"-- {table.Name}: rows of the statement's tenants only.\n");
            Force(script, name);
            script.Append(CultureInfo.InvariantCulture, $"DROP POLICY IF EXISTS {TenantPolicy} ON {name};\n");
            script.Append(CultureInfo.InvariantCulture, $"CREATE POLICY {TenantPolicy} ON {name} USING ({allowed}) WITH CHECK ({allowed});\n");
        }

        foreach (var table in model.ReferenceTables)
        {
            var name = SqlText.Table(table);
            script.Append('\n').Append(CultureInfo.InvariantCulture, $"-- {table}: read by every tenant, written only by a role with BYPASSRLS.\n");
            Force(script, name);
            script.Append(CultureInfo.InvariantCulture, $"DROP POLICY IF EXISTS {ReadPolicy} ON {name};\n");
            script.Append(CultureInfo.InvariantCulture, $"CREATE POLICY {ReadPolicy} ON {name} FOR SELECT USING (true);\n");
        }

        return script.Append("\nCOMMIT;\n").ToString();
    }

    /// <summary>The remove script: drops the policies and the procedure and turns row-level security off again.</summary>
    /// <param name="model">The model whose tables lose their policies.</param>
    /// <param name="server">The server the script runs on (on Citus its DDL runs over one connection per node).</param>
    public static string Remove(TenantModel model, RowLevelSecurityServer server = RowLevelSecurityServer.PostgreSql)
    {
        ArgumentNullException.ThrowIfNull(model);
        var script = Header("Removes the row-level security of the tenant model", "BEGIN");
        Sequential(script, server);
        foreach (var (name, policy) in Policies(model))
        {
            script.Append(CultureInfo.InvariantCulture, $"DROP POLICY IF EXISTS {policy} ON {name};\n");
            script.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY;\n");
            script.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {name} DISABLE ROW LEVEL SECURITY;\n");
        }

        script.Append(CultureInfo.InvariantCulture, $"DROP PROCEDURE IF EXISTS {Procedure}(text);\n");
        script.Append(CultureInfo.InvariantCulture, $"-- Fails if something else lives in the schema; then drop it by hand.\nDROP SCHEMA IF EXISTS {Schema};\n");
        return script.Append("COMMIT;\n").ToString();
    }

    /// <summary>
    /// The verification script: raises an error naming every table of the model whose row-level security is not
    /// enabled, not forced or without its policy, and the procedure when it is missing; changes nothing.
    /// </summary>
    /// <param name="model">The model whose tables are checked.</param>
    /// <param name="server">
    /// The server the script runs on: with <see cref="RowLevelSecurityServer.Citus"/> it also checks that the procedure
    /// propagates its setting to the workers and that every shard placement of a distributed or reference table has
    /// row-level security enabled, forced and the policy.
    /// </param>
    public static string Verification(TenantModel model, RowLevelSecurityServer server = RowLevelSecurityServer.PostgreSql)
    {
        ArgumentNullException.ThrowIfNull(model);
        var script = Header("Verifies the row-level security of the tenant model (changes nothing)", null);
        script.Append("DO $verify$\nDECLARE\n  problems text[] := '{}';\n");
        if (server == RowLevelSecurityServer.Citus)
        {
            script.Append("  failing bigint;\n");
        }

        script.Append("BEGIN\n");
        script.Append(CultureInfo.InvariantCulture, $"  IF to_regprocedure('{Procedure}(text)') IS NULL THEN problems := problems || 'procedure {Procedure}(text) is missing'::text;\n");
        if (server == RowLevelSecurityServer.Citus)
        {
            script.Append(CultureInfo.InvariantCulture, $"  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_proc WHERE oid = to_regprocedure('{Procedure}(text)') AND prosrc LIKE '%SET LOCAL citus.propagate_set_commands%') THEN problems := problems || 'procedure {Procedure}(text) does not propagate its setting to the Citus workers (run the Citus form of the enable script)'::text;\n");
        }

        script.Append("  END IF;\n");
        foreach (var (name, policy) in Policies(model))
        {
            var literal = "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
            script.Append(CultureInfo.InvariantCulture, $"""
                  IF to_regclass({literal}) IS NULL THEN problems := problems || ({literal} || ' does not exist');
                  ELSIF NOT (SELECT relrowsecurity AND relforcerowsecurity FROM pg_catalog.pg_class WHERE oid = to_regclass({literal})) THEN problems := problems || ({literal} || ': row-level security is not enabled and forced');
                  ELSIF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policy WHERE polrelid = to_regclass({literal}) AND polname = '{policy}') THEN problems := problems || ({literal} || ': policy {policy} is missing');

                """);
            if (server == RowLevelSecurityServer.Citus)
            {
                // Every placement (a reference table's on every node), each checked on its own node.
                script.Append(CultureInfo.InvariantCulture, $"""
                      ELSIF EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid = to_regclass({literal})) THEN
                        SELECT count(*) INTO failing FROM run_command_on_placements(to_regclass({literal}), $shard$SELECT c.relrowsecurity AND c.relforcerowsecurity AND EXISTS (SELECT 1 FROM pg_catalog.pg_policy p WHERE p.polrelid = c.oid AND p.polname = '{policy}') FROM pg_catalog.pg_class c WHERE c.oid = '%s'::regclass$shard$) WHERE NOT success OR result IS DISTINCT FROM 't';
                        IF failing > 0 THEN problems := problems || ({literal} || ': ' || failing || ' shard placements lack row-level security or policy {policy}'); END IF;

                    """);
            }

            script.Append("  END IF;\n");
        }

        script.Append("  IF cardinality(problems) > 0 THEN\n    RAISE EXCEPTION 'row-level security is incomplete: %', array_to_string(problems, '; ') USING HINT = 'Run the enable script (tenantdapper-citus script rls).';\n  END IF;\nEND\n$verify$;\n");
        return script.ToString();
    }

    /// <summary>
    /// The grants of an application role that must not bypass the policies (create it <c>NOSUPERUSER NOBYPASSRLS</c>,
    /// and not as the tables' owner): the procedure, the tables (reference tables read-only) and <c>USAGE</c> (not
    /// <c>SELECT</c>) on the schemas' sequences, so <c>nextval</c> works but a sequence read as a table shows no other
    /// tenant's counts.
    /// </summary>
    /// <param name="model">The model whose tables the role uses.</param>
    /// <param name="role">The application role, e.g. <c>app</c>.</param>
    /// <param name="server">The server the script runs on (on Citus its grants run over one connection per node).</param>
    public static string Grants(TenantModel model, string role, RowLevelSecurityServer server = RowLevelSecurityServer.PostgreSql)
    {
        ArgumentNullException.ThrowIfNull(model);
        var grantee = SqlText.Identifier(role);
        var script = Header($"Grants of the application role {role} (NOSUPERUSER NOBYPASSRLS)", server == RowLevelSecurityServer.Citus ? "BEGIN" : null);
        Sequential(script, server);
        script.Append(CultureInfo.InvariantCulture, $"GRANT USAGE ON SCHEMA {Schema} TO {grantee};\n");
        script.Append(CultureInfo.InvariantCulture, $"GRANT EXECUTE ON PROCEDURE {Procedure}(text) TO {grantee};\n");
        var schemas = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in model.TenantTables.Select(t => t.Name).Concat(model.GlobalTables))
        {
            script.Append(CultureInfo.InvariantCulture, $"GRANT SELECT, INSERT, UPDATE, DELETE ON {SqlText.Table(table)} TO {grantee};\n");
            schemas.Add(table.Schema ?? model.DefaultSchema);
        }

        foreach (var table in model.ReferenceTables)
        {
            script.Append(CultureInfo.InvariantCulture, $"GRANT SELECT ON {SqlText.Table(table)} TO {grantee};\n");
            schemas.Add(table.Schema ?? model.DefaultSchema);
        }

        foreach (var schema in schemas)
        {
            script.Append(CultureInfo.InvariantCulture, $"GRANT USAGE ON SCHEMA {SqlText.Identifier(schema)} TO {grantee};\n");
            script.Append(CultureInfo.InvariantCulture, $"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {SqlText.Identifier(schema)} TO {grantee};\n");
        }

        if (server == RowLevelSecurityServer.Citus)
        {
            script.Append("COMMIT;\n");
        }

        return script.ToString();
    }

    /// <summary>
    /// Runs <see cref="Enable"/> on <paramref name="connection"/> (as the tables' owner or a superuser), in the form of
    /// the server it finds there (<see cref="RowLevelSecurityServer.Citus"/> when the citus extension is installed).
    /// </summary>
    /// <param name="connection">An open connection to the database.</param>
    /// <param name="model">The model whose tables get policies.</param>
    /// <param name="cancellationToken">Cancels the script; its transaction is rolled back then.</param>
    public static async Task EnableAsync(NpgsqlConnection connection, TenantModel model, CancellationToken cancellationToken = default) =>
        await RunAsync(connection, Enable(model, await ServerAsync(connection, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    /// <summary>Runs <see cref="Verification"/> on <paramref name="connection"/>, in the form of the server it finds there.</summary>
    /// <param name="connection">An open connection to the database.</param>
    /// <param name="model">The model whose tables are checked.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="PostgresException">Row-level security is incomplete; the message names every problem.</exception>
    public static async Task VerifyAsync(NpgsqlConnection connection, TenantModel model, CancellationToken cancellationToken = default) =>
        await RunAsync(connection, Verification(model, await ServerAsync(connection, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    /// <summary>Runs <see cref="Remove"/> on <paramref name="connection"/>.</summary>
    /// <param name="connection">An open connection to the database.</param>
    /// <param name="model">The model whose tables lose their policies.</param>
    /// <param name="cancellationToken">Cancels the script; its transaction is rolled back then.</param>
    public static async Task RemoveAsync(NpgsqlConnection connection, TenantModel model, CancellationToken cancellationToken = default) =>
        await RunAsync(connection, Remove(model, await ServerAsync(connection, cancellationToken).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    /// <summary>The form of the scripts for the server behind <paramref name="connection"/>.</summary>
    /// <param name="connection">An open connection to the database.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    public static async Task<RowLevelSecurityServer> ServerAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default) =>
        await CitusDistribution.IsCoordinatorAsync(connection, cancellationToken).ConfigureAwait(false) ? RowLevelSecurityServer.Citus : RowLevelSecurityServer.PostgreSql;

    private static async Task RunAsync(NpgsqlConnection connection, string script, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(script, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The policy read: the tenant column against the setting as an array of the tenant key's type. On PostgreSQL read
    /// once per statement (an InitPlan); Citus refuses a sub-select in a policy of a distributed table, so there it is
    /// the plain expression (a stable one: an index condition evaluates it once). <c>NULLIF</c> because a setting made
    /// with <c>SET LOCAL</c> reads as <c>''</c>, not NULL, on the session (and on Citus's cached worker connections)
    /// after its transaction.
    /// </summary>
    private static string Allowed(TenantModel model, string column, RowLevelSecurityServer server)
    {
        var read = $"NULLIF(pg_catalog.current_setting('{Setting}', true), '')";
        var setting = server == RowLevelSecurityServer.Citus ? read : $"(SELECT {read})";
        var quoted = SqlText.Identifier(column);
        return ArrayType(model.TenantKeyType) is { } type
            ? $"{quoted} = ANY ({setting}::{type}[])"
            : $"{quoted}::text = ANY ({setting}::text[])";
    }

    private static string? ArrayType(Type? key) =>
        key == typeof(long) ? "bigint" : key == typeof(int) ? "integer" : key == typeof(Guid) ? "uuid" : key == typeof(string) ? "text" : null;

    private static IEnumerable<(string Name, string Policy)> Policies(TenantModel model) =>
        model.TenantTables.Select(t => (SqlText.Table(t.Name), TenantPolicy)).Concat(model.ReferenceTables.Select(t => (SqlText.Table(t), ReadPolicy)));

    /// <summary>
    /// On Citus, DDL (and grants) on the shards of every table over one connection per node: a transaction that ran
    /// parallel DDL on a distributed table cannot then change a reference table it has a foreign key to (measured on
    /// Citus 13.2: "cannot execute DDL on table ... because there was a parallel DDL access to distributed table ...").
    /// </summary>
    private static void Sequential(StringBuilder script, RowLevelSecurityServer server)
    {
        if (server == RowLevelSecurityServer.Citus)
        {
            script.Append("SET LOCAL citus.multi_shard_modify_mode TO 'sequential';\n");
        }
    }

    private static void Force(StringBuilder script, string name)
    {
        script.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY;\n");
        script.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {name} FORCE ROW LEVEL SECURITY;\n");
    }

    private static StringBuilder Header(string what, string? begin)
    {
        var script = new StringBuilder().Append("-- ").Append(what).Append(", written by TenantDapper.\n");
        script.Append("-- Policies read the setting ").Append(Setting).Append(", which a TenantDataSource with RowLevelSecurity sets per transaction.\n");
        if (begin is not null)
        {
            script.Append(begin).Append(";\n");
        }

        return script;
    }
}
