using System.Data;
using Npgsql;
using TenantDapper.Compiling;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;
using TenantDapper.TextScoping;

namespace TenantDapper.DataSource;

/// <summary>
/// What every command and batch command of the scoping data source does right before it is executed: capture the
/// tenant state, scope the caller's text, and bind the tenant as a parameter of the driver's command. Every refusal is
/// thrown here, before anything is sent. <see cref="Unbind"/> takes the tenant parameter out again afterwards, so the
/// caller's parameter collection is as it left it (Dapper re-executes one command for each item of a list).
/// </summary>
internal static class CommandScoping
{
    /// <summary>
    /// Scopes <paramref name="text"/> and returns what to send instead; the tenant parameter (when the scoped text uses
    /// it) is already added to <paramref name="parameters"/> and is returned for <see cref="Unbind"/>.
    /// </summary>
    /// <param name="model">The model the text is scoped by.</param>
    /// <param name="state">The tenant state captured for this execution.</param>
    /// <param name="text">The caller's text.</param>
    /// <param name="commandType">The caller's command type.</param>
    /// <param name="parameters">The caller's parameters, to which the tenant (and the prelude's setting) are added.</param>
    /// <param name="prelude">
    /// The row-level security prelude to carry in front of the text (<see cref="TenantSession.Named"/>), or
    /// <see langword="null"/> when the statement carries none or a batch sends the prelude as commands of its own.
    /// </param>
    /// <param name="citusRowLevelSecurity">Whether the statement goes to a Citus coordinator with row-level security on (a batch's command, whose prelude is a command of its own).</param>
    /// <param name="connection">The scoping connection whose tenant parameter the command reuses (<see cref="NpgsqlConnection.TakeTenantParameter"/>), or <see langword="null"/> to create one.</param>
    public static BoundCommand Bind(TenantModel model, TenantState? state, string text, CommandType commandType, NpgsqlParameterCollection parameters, TenantPrelude? prelude = null, bool citusRowLevelSecurity = false, NpgsqlConnection? connection = null)
    {
        if (state is { IsBypass: true })
        {
            // A bypass turns scoping off: admin work (DDL, procedures) is sent as written.
            return new BoundCommand(text, commandType, null, null);
        }

        if (commandType != CommandType.Text)
        {
            throw new UnscopableSqlException(
                $"A command of type {commandType} runs SQL the tenant rewriter cannot see (a function's or procedure's body, or a whole table), so the scoping data source refuses it. Send the statement as text (CommandType.Text), or run it inside CurrentTenant.Bypass(\"reason\") if it is admin work.");
        }

        var positional = IsPositional(parameters);
        if (positional && prelude is not null)
        {
            throw new UnscopableSqlException(
                "This TenantDataSource carries each statement's tenants to row-level security in the same round trip, in front of the statement, and PostgreSQL takes no second statement in a command with positional parameters ($1). Name the parameters (@name), or send the command in a DbBatch (connection.CreateBatch()).");
        }

        // Release checks every tenant value the text supplies against this execution's tenant and parameters (a text
        // that supplies none needs no lookup, so a cached one costs no delegate).
        var scoped = TextScoper.Scope(text, model, state, positional ? parameters.Count + 1 : 0, citusRowLevelSecurity || prelude is { OnCitus: true });
        var sql = scoped.Release(state, model.TenantKeyType, scoped.SuppliesTenant ? LookupIn(parameters) : SuppliedTenantCheck.NoCallerParameters, out var tenant);
        NpgsqlParameter? setting = null;
        if (prelude is { } carried)
        {
            sql = TenantSession.Named(sql, carried);
            setting = TenantSession.NamedParameter(carried.Setting);
            parameters.Add(setting);
        }

        var preludeRow = prelude is { ReturnsRow: true };
        if (tenant is null)
        {
            return new BoundCommand(sql, CommandType.Text, null, setting, preludeRow);
        }

        var parameter = positional ? new NpgsqlParameter { Value = tenant } : TenantParameter(connection, tenant);
        parameters.Add(parameter);
        return new BoundCommand(sql, CommandType.Text, parameter, setting, preludeRow);
    }

    /// <summary>
    /// Binds a builder statement that was scoped when it was compiled: it is not parsed again; its tenant, when left to
    /// the command (<see cref="PreScopedStatement.Tenant"/>), is bound to the connection's reusable parameter, and the
    /// row-level security prelude is put in front of it.
    /// </summary>
    /// <param name="text">The scoped text.</param>
    /// <param name="statement">The statement's mark: the tenant to bind, or <see langword="null"/> when it is one of the parameters already.</param>
    /// <param name="parameters">The statement's parameters, to which the tenant and the prelude's setting are added.</param>
    /// <param name="prelude">The row-level security prelude, or <see langword="null"/>.</param>
    /// <param name="connection">The scoping connection whose tenant parameter the command reuses, or <see langword="null"/> to create one.</param>
    public static BoundCommand BindPreScoped(string text, PreScopedStatement statement, NpgsqlParameterCollection parameters, TenantPrelude? prelude, NpgsqlConnection? connection)
    {
        NpgsqlParameter? tenant = null;
        if (statement.Tenant is { } value)
        {
            tenant = TenantParameter(connection, value);
            parameters.Add(tenant);
        }

        if (prelude is not { } carried)
        {
            return new BoundCommand(text, CommandType.Text, tenant, null);
        }

        var setting = TenantSession.NamedParameter(carried.Setting);
        parameters.Add(setting);
        return new BoundCommand(TenantSession.Named(text, carried), CommandType.Text, tenant, setting, carried.ReturnsRow);
    }

    /// <summary>Takes the tenant parameter of <paramref name="bound"/> out of <paramref name="parameters"/> again (and gives it back to <paramref name="connection"/>, which <see cref="Bind"/> took it from).</summary>
    public static void Unbind(NpgsqlParameterCollection parameters, in BoundCommand bound, NpgsqlConnection? connection = null)
    {
        if (bound.Tenant is not null)
        {
            parameters.Remove(bound.Tenant);
            connection?.KeepTenantParameter(bound.Tenant);
        }

        if (bound.Setting is not null)
        {
            parameters.Remove(bound.Setting);
        }
    }

    /// <summary>The named tenant parameter, with <paramref name="tenant"/> as its value: the connection's when it has one to reuse, else a new one.</summary>
    private static NpgsqlParameter TenantParameter(NpgsqlConnection? connection, object tenant)
    {
        if (connection?.TakeTenantParameter() is not { } reused)
        {
            return new NpgsqlParameter(TenantParameterExpression.Name, tenant);
        }

        reused.Value = tenant;
        return reused;
    }

    // In a method of its own: a lambda in Bind would allocate its closure on every call, whichever branch runs.
    private static ParameterLookup LookupIn(NpgsqlParameterCollection parameters) =>
        (ParameterReferenceExpression reference, out object? value) => Find(parameters, reference, out value);

    /// <summary>The value of the caller's parameter a reference names, matched as Npgsql matches it.</summary>
    private static bool Find(NpgsqlParameterCollection parameters, ParameterReferenceExpression reference, out object? value)
    {
        value = null;
        if (reference.Positional)
        {
            if (!int.TryParse(reference.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var position)
                || position < 1 || position > parameters.Count || parameters[position - 1].ParameterName.Length > 0)
            {
                return false;
            }

            value = Value(parameters[position - 1]);
            return true;
        }

        // Npgsql takes an exact match of the name (without its '@' or ':') first, then one ignoring case.
        NpgsqlParameter? found = null;
        for (var i = 0; i < parameters.Count && found is null; i++)
        {
            if (Trimmed(parameters[i].ParameterName).Equals(reference.Name, StringComparison.Ordinal))
            {
                found = parameters[i];
            }
        }

        for (var i = 0; i < parameters.Count && found is null; i++)
        {
            if (Trimmed(parameters[i].ParameterName).Equals(reference.Name, StringComparison.OrdinalIgnoreCase))
            {
                found = parameters[i];
            }
        }

        if (found is null || found.Direction is ParameterDirection.Output or ParameterDirection.ReturnValue)
        {
            return false;
        }

        value = Value(found);
        return true;
    }

    private static object? Value(NpgsqlParameter parameter) => parameter.Value is DBNull ? null : parameter.Value;

    private static ReadOnlySpan<char> Trimmed(string name) => name.Length > 0 && name[0] is '@' or ':' ? name.AsSpan(1) : name.AsSpan();

    /// <summary>
    /// Whether the caller binds by position (<c>$1</c>, unnamed parameters), in which case the tenant is the next position;
    /// otherwise it is <c>@tenant</c>, and no caller parameter may carry that name in any spelling Npgsql matches
    /// (it trims a leading <c>@</c> or <c>:</c> and falls back to a case-insensitive match).
    /// </summary>
    private static bool IsPositional(NpgsqlParameterCollection parameters)
    {
        var positional = parameters.Count > 0;
        for (var i = 0; i < parameters.Count; i++)
        {
            var name = parameters[i].ParameterName;
            if (name.Length == 0)
            {
                continue;
            }

            positional = false;
            if (Trimmed(name).Equals(TenantParameterExpression.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw new UnscopableSqlException(
                    $"The command has a parameter named '{name}', but '{TenantParameterExpression.Name}' is reserved for the current tenant, which the scoping data source binds itself. Rename the parameter; to filter by the current tenant, leave that to the data source.");
            }

            if (Trimmed(name).Equals(TenantSession.ParameterName, StringComparison.OrdinalIgnoreCase))
            {
                throw new UnscopableSqlException(
                    $"The command has a parameter named '{name}', but '{TenantSession.ParameterName}' is reserved for the tenants the data source carries to row-level security. Rename the parameter.");
            }
        }

        return positional;
    }
}

/// <summary>
/// What a scoping command sends: the text, its command type, the tenant and row-level security parameters it added (if
/// any), and whether the text starts with a prelude that returns a row of its own (<see cref="TenantPrelude.ReturnsRow"/>).
/// </summary>
internal readonly record struct BoundCommand(string Text, CommandType Type, NpgsqlParameter? Tenant, NpgsqlParameter? Setting, bool PreludeRow = false);

/// <summary>A builder statement scoped when it was compiled, for <paramref name="State"/>; the scoping command sends it without parsing it again.</summary>
/// <param name="State">The tenant state the statement was scoped for.</param>
/// <param name="Tenant">
/// The value of <c>@tenant</c> the command binds itself, to its connection's reusable parameter
/// (<see cref="CommandScoping.BindPreScoped"/>), or <see langword="null"/> when the statement's own parameters carry it.
/// </param>
internal sealed record PreScopedStatement(TenantState? State, object? Tenant = null);
