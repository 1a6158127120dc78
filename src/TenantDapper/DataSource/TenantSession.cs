using System.Globalization;
using System.Text;
using Npgsql;
using TenantDapper.Tenancy;

namespace TenantDapper.DataSource;

/// <summary>
/// What every path of a <see cref="TenantDataSource"/>'s connection (text commands, batches, builder statements,
/// entities, links, pages, includes, COPY) does to the server session right before a statement is sent: reset the
/// session after bypassed work, and, with row-level security on, carry the statement's tenants as a transaction-local
/// setting in the same round trip. The one place that decides how the setting reaches the server: on plain PostgreSQL
/// <c>SELECT pg_catalog.set_config('tenantdapper.tenants', ..., true)</c> in the statement's implicit transaction (its
/// one row is skipped before the caller reads: <see cref="TenantPrelude.ReturnsRow"/>); on a Citus coordinator
/// <c>CALL tenantdapper.set_tenants(...)</c>, outside a transaction of the caller's inside a block of its own,
/// <c>BEGIN; CALL ...; statement; COMMIT</c> (still one round trip), rolled back on failure.
/// </summary>
internal static class TenantSession
{
    /// <summary>The setting the row-level security policies read: a PostgreSQL array literal of the tenants, or empty.</summary>
    public const string Setting = "tenantdapper.tenants";

    /// <summary>
    /// The procedure the policy script installs; it sets <see cref="Setting"/> transaction-locally, on a Citus
    /// coordinator on the workers too (a <c>set_config</c> never reaches them).
    /// </summary>
    public const string Procedure = "tenantdapper.set_tenants";

    /// <summary>The name of the prelude's parameter, reserved like <c>@tenant</c>.</summary>
    public const string ParameterName = "__tenantdapper_tenants";

    /// <summary>
    /// The prelude in front of a statement with named parameters on plain PostgreSQL; one text for every tenant. A
    /// <c>SELECT</c> of the built-in rather than a <c>CALL</c> of the procedure: PostgreSQL runs a prepared <c>SELECT</c>
    /// for about a third of the server work of a <c>CALL</c>, which plans the procedure's body on every call (measured
    /// with callgrind on the backend: 24,000 against 75,000 instructions per statement, prepared).
    /// </summary>
    public const string NamedPrelude = "SELECT pg_catalog.set_config('" + Setting + "', @" + ParameterName + ", true);\n";

    // Which prelude a text carries (TenantSession.Named), the key of its cached text besides the scoped text.
    private const int PlainForm = 0, CitusForm = 1, BlockForm = 2;

    /// <summary>The prelude in front of a statement with named parameters on a Citus coordinator.</summary>
    public const string NamedCitusPrelude = "CALL " + Procedure + "(@" + ParameterName + ");\n";

    /// <summary>The prelude as a command of its own (a batch's first, or before a COPY) on plain PostgreSQL.</summary>
    public const string PositionalPrelude = "SELECT pg_catalog.set_config('" + Setting + "', $1, true)";

    /// <summary>The prelude as a command of its own on a Citus coordinator.</summary>
    public const string PositionalCitusPrelude = "CALL " + Procedure + "($1)";

    /// <summary>
    /// What a statement under <paramref name="state"/> carries in front of it, or <see langword="null"/> when it carries
    /// nothing: row-level security is off (<paramref name="carrier"/> is <see langword="null"/>), or the statement is
    /// bypassed (it is sent as written, and on a role without <c>BYPASSRLS</c> sees nothing). No tenant gives the empty
    /// value, so nothing an earlier statement of the same transaction set survives into this one. On a Citus
    /// coordinator a statement outside a transaction of the caller's goes inside a block of its own
    /// (<see cref="TenantPrelude.Block"/>): Citus sends the setting to the workers only inside an explicit transaction
    /// block (measured on Citus 13.2); plain PostgreSQL keeps the implicit transaction of the statement's one round trip.
    /// </summary>
    /// <param name="carrier">The data source's row-level security, or <see langword="null"/> when it is off.</param>
    /// <param name="state">The tenant state captured for this execution.</param>
    /// <param name="connection">The scoping connection the statement runs on, or <see langword="null"/> for a command of the data source (which runs on a connection of its own, outside any transaction).</param>
    public static TenantPrelude? PreludeFor(TenantSettingCarrier? carrier, TenantState? state, NpgsqlConnection? connection)
    {
        if (carrier is null || state is { IsBypass: true })
        {
            return null;
        }

        var citus = carrier.OnCitus(connection?.Inner);
        return new TenantPrelude(state is { Tenants.Count: > 0 } ? PreludeCache.Setting(state.Tenants, ArrayLiteral) : "", citus && !(connection?.InTransaction ?? false), citus);
    }

    /// <summary>
    /// The text of a statement with named parameters behind its prelude, in one round trip: Npgsql sends each
    /// statement of the text as one of its own, with one Sync. A block is committed by the text's last statement (a
    /// reader's rows come before it), so it holds whether <paramref name="sql"/> ends with a semicolon or a comment. Built
    /// once per scoped text and form (<see cref="PreludeCache.Text"/>), not for every statement.
    /// </summary>
    public static string Named(string sql, in TenantPrelude prelude) =>
        PreludeCache.Text(sql, prelude.Block ? BlockForm : prelude.OnCitus ? CitusForm : PlainForm, static (sql, form) => form switch
        {
            BlockForm => "BEGIN;\n" + NamedCitusPrelude + sql + "\n;COMMIT",
            CitusForm => NamedCitusPrelude + sql,
            _ => NamedPrelude + sql,
        });

    /// <summary>The prelude as a batch's first commands (<c>BEGIN</c> too for a block).</summary>
    public static void Open(NpgsqlBatchCommandCollection commands, in TenantPrelude prelude)
    {
        if (prelude.Block)
        {
            commands.Add(new NpgsqlBatchCommand("BEGIN"));
        }

        commands.Add(PreludeCommand(prelude.Setting, prelude.OnCitus));
    }

    /// <summary>A batch's last command when its prelude opened a block.</summary>
    public static void Close(NpgsqlBatchCommandCollection commands, in TenantPrelude prelude)
    {
        if (prelude.Block)
        {
            commands.Add(new NpgsqlBatchCommand("COMMIT"));
        }
    }

    /// <summary>
    /// After a statement whose prelude opened a block failed: rolls the block back, so the connection is usable and in
    /// no transaction (PostgreSQL keeps a failed explicit block open until a ROLLBACK). A command of the data source
    /// (<paramref name="connection"/> <see langword="null"/>) has closed its own connection, and the pool's reset rolled
    /// it back.
    /// </summary>
    public static void Abandon(NpgsqlConnection? connection)
    {
        if (connection?.Inner is { State: System.Data.ConnectionState.Open } open)
        {
            try
            {
                using var rollback = new NpgsqlCommand("ROLLBACK", open);
                rollback.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // The statement's error is the one to report; a connection that cannot roll back is broken and closed.
            }
        }
    }

    /// <summary>The asynchronous twin of <see cref="Abandon"/>.</summary>
    public static async Task AbandonAsync(NpgsqlConnection? connection)
    {
        if (connection?.Inner is { State: System.Data.ConnectionState.Open } open)
        {
            try
            {
                await using var rollback = new NpgsqlCommand("ROLLBACK", open);
                await rollback.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // As in Abandon.
            }
        }
    }

    /// <summary>The prelude's parameter for a statement with named parameters.</summary>
    public static NpgsqlParameter NamedParameter(string value) => new(ParameterName, value);

    /// <summary>The prelude as a batch command; on plain PostgreSQL (not <paramref name="onCitus"/>) it returns one row.</summary>
    public static NpgsqlBatchCommand PreludeCommand(string value, bool onCitus) =>
        new(onCitus ? PositionalCitusPrelude : PositionalPrelude) { Parameters = { new NpgsqlParameter { Value = value } } };

    /// <summary>
    /// What a session reset runs, inside or outside a transaction, in one round trip: what Npgsql's pool runs when it
    /// keeps prepared statements, so its own (protocol-level) stay valid, then a bypass's SQL-level <c>PREPARE</c>s are
    /// deallocated by name (<c>DEALLOCATE ALL</c> would take Npgsql's too).
    /// </summary>
    private const string ResetSession =
        "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; SELECT pg_catalog.pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP; "
        + "DO $reset$ DECLARE prepared text; BEGIN FOR prepared IN SELECT name FROM pg_catalog.pg_prepared_statements WHERE from_sql LOOP "
        + "EXECUTE 'DEALLOCATE ' || pg_catalog.quote_ident(prepared); END LOOP; END $reset$";

    /// <summary>
    /// The reset a connection runs before its session goes back to a pool that resets nothing: first a rollback of
    /// whatever transaction is open (the caller's, or one a bypass began in its text), which closing would do anyway and
    /// which after the reset would undo part of it; outside a transaction PostgreSQL only warns.
    /// </summary>
    public const string RollbackAndResetSession = "ROLLBACK; " + ResetSession;

    /// <summary>
    /// Called with the state of every statement about to run on <paramref name="connection"/>: a bypassed statement
    /// marks the open session, and the next statement that is not bypassed first resets it, so a bypass's temporary
    /// tables, settings, role, cursors and advisory locks never reach a tenant's statement. A reset inside a transaction
    /// is done again after that transaction (or a savepoint) rolls back or ends (<see cref="NpgsqlConnection.TransactionUnwound"/>).
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
            connection.SessionReset();
        }

        if (connection.PreparedStatementsInDoubt && connection.Inner.State == System.Data.ConnectionState.Open)
        {
            connection.Inner.UnprepareAll();
            connection.PreparedStatementsInDoubt = false;
        }
    }

    /// <summary>
    /// Called with the text of every bypassed statement about to run on <paramref name="connection"/>: one that may drop
    /// prepared statements (<c>DEALLOCATE</c>, <c>DISCARD ALL</c>; matched loosely, anywhere in the text) puts the
    /// session's prepared statements in doubt (<see cref="NpgsqlConnection.PreparedStatementsInDoubt"/>), since Npgsql
    /// would go on sending their names. A function that drops them is not seen: it shows as a prepared statement not
    /// found (<see cref="IsMissingPreparedStatement"/>).
    /// </summary>
    public static void Bypassed(NpgsqlConnection? connection, string text)
    {
        if (connection is not null
            && (text.Contains("DEALLOCATE", StringComparison.OrdinalIgnoreCase) || text.Contains("DISCARD", StringComparison.OrdinalIgnoreCase)))
        {
            connection.PreparedStatementsInDoubt = true;
        }
    }

    /// <summary>
    /// Whether <paramref name="error"/> says that the server has no prepared statement of the name Npgsql sent
    /// (<c>26000</c>): the session's prepared statements are then in doubt, and are dropped before the next statement,
    /// so that it is prepared anew instead of failing the same way.
    /// </summary>
    public static bool IsMissingPreparedStatement(Exception error) =>
        error is PostgresException { SqlState: PostgresErrorCodes.InvalidSqlStatementName };

    /// <summary>A PostgreSQL array literal of the tenants (at least one), e.g. <c>{1,2}</c> or <c>{"a b","c"}</c>.</summary>
    private static string ArrayLiteral(IReadOnlyList<object> tenants)
    {
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
