using TenantDapper.Tenancy;

namespace TenantDapper.Scoping;

/// <summary>
/// A statement ready to send, whatever produced it (a builder shape or a caller's SQL text): its text, whether the text
/// uses the tenant parameter, whether scoping bound a tenant, and the tenant values the statement supplies (in a caller's
/// parameters or constants, replaced by the tenant parameter) that must equal the tenant at every execution. It depends
/// on the statement, the model and the tenant mode, never on the tenant's value, so the builder's shape cache and the
/// text cache each keep one instance for every tenant. The text is handed out only by <see cref="Release"/>, which binds
/// the tenant of one execution and checks the supplied values against it first: no path can send the text unchecked.
/// The values of a builder statement's own parameters (<c>@p0, @p1, ...</c>) are not part of it: they change with every
/// execution of the shape.
/// </summary>
/// <param name="sql">The text to send.</param>
/// <param name="usesTenant">Whether the text references the tenant parameter.</param>
/// <param name="bindsTenant">Whether scoping bound a tenant (the model's key type is checked then, even when the text does not use it).</param>
/// <param name="supplied">The tenant values the statement supplies; each is a tenant column written with the tenant parameter.</param>
internal sealed class PreparedSql(string sql, bool usesTenant, bool bindsTenant, IReadOnlyList<SuppliedTenant>? supplied = null)
{
    private readonly string _sql = sql;
    private readonly IReadOnlyList<SuppliedTenant> _supplied = supplied ?? [];

    /// <summary>The text, for what only shows it (a log, <see cref="SqlResult.Sql"/>); what is sent goes through <see cref="Release"/>.</summary>
    public string Sql => _sql;

    /// <summary>Whether the text references the tenant parameter, which must then be bound.</summary>
    public bool UsesTenant { get; } = usesTenant;

    /// <summary>Whether <see cref="Release"/> binds a tenant.</summary>
    public bool BindsTenant { get; } = bindsTenant;

    /// <summary>Whether the statement supplies tenant values of its own, which <see cref="Release"/> checks (with a parameter lookup for SQL text).</summary>
    public bool SuppliesTenant => _supplied.Count > 0;

    /// <summary>
    /// The text to send for one execution, and the value to bind to the tenant parameter (<see langword="null"/> when
    /// nothing was scoped for a tenant), after every tenant value the statement supplies was found equal to that tenant.
    /// </summary>
    /// <param name="state">The tenant state captured for this execution; the one the statement was scoped for.</param>
    /// <param name="keyType">The model's tenant key type.</param>
    /// <param name="parameters">Finds the value of one of the caller's parameters for this execution (<see cref="SuppliedTenantCheck.NoCallerParameters"/> for a builder statement).</param>
    /// <param name="tenant">The value to bind to the tenant parameter, or <see langword="null"/>.</param>
    /// <exception cref="UnscopableSqlException">The statement was scoped for a tenant and the state has none.</exception>
    /// <exception cref="TenantMismatchException">A supplied value is not the tenant, or names a parameter the command does not bind.</exception>
    /// <exception cref="TenantKeyTypeException">The tenant is not of the model's key type.</exception>
    public string Release(TenantState? state, Type? keyType, ParameterLookup parameters, out object? tenant)
    {
        tenant = null;
        if (!BindsTenant)
        {
            return _sql;
        }

        if (state is not { IsBypass: false, Tenants.Count: > 0 })
        {
            // A statement scoped for a tenant never goes out without one (the scoping refuses that earlier; this keeps it so).
            throw new UnscopableSqlException("The statement was scoped for a tenant, but this execution has none to bind. Set one with CurrentTenant.Use(tenantId).");
        }

        tenant = TenantBinding.Bind(state.Tenants, keyType);
        if (_supplied.Count > 0)
        {
            SuppliedTenantCheck.Verify(_supplied, tenant, parameters);
        }

        return _sql;
    }
}
