using System.Globalization;
using System.Text;
using Npgsql;
using TenantDapper.Tenancy;

namespace TenantDapper.DataSource;

/// <summary>
/// What every path of a <see cref="TenantDataSource"/>'s connection (text commands, batches, builder statements,
/// entities, links, pages, includes, COPY) does to the server session right before a statement is sent: reset the
/// session after bypassed work, and, with row-level security on, carry the statement's tenants as a transaction-local
/// setting in the same round trip. The one place to change how the setting reaches the server (e.g. a Citus-specific
/// prelude).
/// </summary>
internal static class TenantSession
{
    /// <summary>The setting the row-level security policies read: a PostgreSQL array literal of the tenants, or empty.</summary>
    public const string Setting = "tenantdapper.tenants";

    /// <summary>The procedure the policy script installs; it sets <see cref="Setting"/> transaction-locally.</summary>
    public const string Procedure = "tenantdapper.set_tenants";

    /// <summary>The name of the prelude's parameter, reserved like <c>@tenant</c>.</summary>
    public const string ParameterName = "__tenantdapper_tenants";

    /// <summary>The prelude in front of a statement with named parameters; one text for every tenant.</summary>
    public const string NamedPrelude = "CALL " + Procedure + "(@" + ParameterName + ");\n";

    /// <summary>The prelude as a command of its own (a batch's first, or before a COPY).</summary>
    public const string PositionalPrelude = "CALL " + Procedure + "($1)";

    /// <summary>
    /// The value of <see cref="Setting"/> a statement under <paramref name="state"/> carries, or <see langword="null"/>
    /// when it carries none: row-level security is off, or the statement is bypassed (it is sent as written, and on a
    /// role without <c>BYPASSRLS</c> sees nothing). No tenant gives the empty value, so nothing an earlier statement of
    /// the same transaction set survives into this one.
    /// </summary>
    public static string? SettingFor(bool rowLevelSecurity, TenantState? state) =>
        !rowLevelSecurity || state is { IsBypass: true } ? null : ArrayLiteral(state?.Tenants ?? []);

    /// <summary>The prelude's parameter for a statement with named parameters.</summary>
    public static NpgsqlParameter NamedParameter(string value) => new(ParameterName, value);

    /// <summary>The prelude as a batch command.</summary>
    public static NpgsqlBatchCommand PreludeCommand(string value) => new(PositionalPrelude) { Parameters = { new NpgsqlParameter { Value = value } } };

    /// <summary>
    /// What a session reset runs, inside or outside a transaction, in one round trip: what Npgsql's pool runs when it
    /// keeps prepared statements, so its own stay valid (a bypass's SQL-level PREPAREs stay too; a tenant's statement
    /// cannot EXECUTE them, and row-level security applies when they run).
    /// </summary>
    private const string ResetSession =
        "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; SELECT pg_catalog.pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP";

    /// <summary>
    /// Called with the state of every statement about to run on <paramref name="connection"/>: a bypassed statement
    /// marks the open session, and the next statement that is not bypassed first resets it, so a bypass's temporary
    /// tables, settings, role, cursors and advisory locks never reach a tenant's statement.
    /// </summary>
    public static void Enter(NpgsqlConnection? connection, TenantState? state)
    {
        if (connection is null)
        {
            return;
        }

        if (state is { IsBypass: true })
        {
            connection.BypassRan = true;
            return;
        }

        if (connection.BypassRan && connection.Inner.State == System.Data.ConnectionState.Open)
        {
            using var reset = new NpgsqlCommand(ResetSession, connection.Inner);
            reset.ExecuteNonQuery();
            connection.BypassRan = false;
        }
    }

    /// <summary>A PostgreSQL array literal of the tenants, e.g. <c>{1,2}</c> or <c>{"a b","c"}</c>.</summary>
    private static string ArrayLiteral(IReadOnlyList<object> tenants)
    {
        if (tenants.Count == 0)
        {
            return "";
        }

        var literal = new StringBuilder("{");
        for (var i = 0; i < tenants.Count; i++)
        {
            if (i > 0)
            {
                literal.Append(',');
            }

            switch (tenants[i])
            {
                case string text:
                    literal.Append('"').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
                    break;
                case IFormattable value:
                    literal.Append(value.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    literal.Append(tenants[i]);
                    break;
            }
        }

        return literal.Append('}').ToString();
    }
}
