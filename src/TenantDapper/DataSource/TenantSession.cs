using System.Globalization;
using System.Text;
using Npgsql;
using TenantDapper.Tenancy;
using DriverConnection = Npgsql.NpgsqlConnection;

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
    /// Called with the state of every statement about to run on <paramref name="connection"/>: a bypassed statement
    /// marks the open session, and the next statement that is not bypassed first resets it (<c>DISCARD ALL</c>), so a
    /// bypass's temporary tables, settings, prepared statements and advisory locks never reach a tenant's statement.
    /// </summary>
    /// <exception cref="InvalidOperationException">The session must be reset but is inside a transaction.</exception>
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
            Reset(connection.Inner, connection.InTransaction);
            connection.BypassRan = false;
        }
    }

    private static void Reset(DriverConnection inner, bool inTransaction)
    {
        if (inTransaction)
        {
            throw ResetInTransaction(null);
        }

        // Npgsql forgets its own prepared statements first, or it would run ones DISCARD ALL has dropped.
        inner.UnprepareAll();
        using var discard = new NpgsqlCommand("DISCARD ALL", inner);
        try
        {
            discard.ExecuteNonQuery();
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.ActiveSqlTransaction)
        {
            throw ResetInTransaction(error);
        }
    }

    private static InvalidOperationException ResetInTransaction(Exception? inner) => new(
        "A bypassed statement ran on this open connection, and the session it may have changed (temporary tables, settings, prepared statements, advisory locks) must be reset before a tenant's statement runs on it, which cannot happen inside a transaction. Do bypassed work on a connection of its own, or end the transaction before the tenant's statement.",
        inner);

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
