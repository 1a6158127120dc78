using TenantDapper.Scoping;
using TenantDapper.Tenancy;

namespace TenantDapper.TextScoping;

/// <summary>
/// SQL text after scoping: what is sent instead of the caller's text. It depends on the caller's text, the model and
/// the tenant mode, never on the tenant's value, so one instance serves every tenant. The text is handed out only by
/// <see cref="Release"/>, which binds the tenant of one execution and checks every tenant value the caller's text
/// supplies (its parameters, its constants) against it first: no execution path can send the text unchecked.
/// </summary>
internal sealed class ScopedText(string sql, bool usesTenant, IReadOnlyList<SuppliedTenant>? supplied = null)
{
    private readonly string _sql = sql;
    private readonly IReadOnlyList<SuppliedTenant> _supplied = supplied ?? [];

    /// <summary>Whether the caller's text supplies tenant values of its own, which <see cref="Release"/> checks (with a parameter lookup).</summary>
    public bool SuppliesTenant => _supplied.Count > 0;

    /// <summary>Whether the text references the tenant parameter, which must then be bound.</summary>
    public bool UsesTenant { get; } = usesTenant;

    /// <summary>
    /// The text to send for one execution, and the value to bind to the tenant parameter (<see langword="null"/> when the
    /// text does not use it), after every tenant value the text supplies was found equal to that tenant.
    /// </summary>
    /// <param name="state">The tenant state captured for this execution; the one the text was scoped for.</param>
    /// <param name="keyType">The model's tenant key type.</param>
    /// <param name="parameters">Finds the value of one of the caller's parameters for this execution.</param>
    /// <param name="tenant">The value to bind to the tenant parameter, or <see langword="null"/>.</param>
    /// <exception cref="TenantMismatchException">A supplied value is not the tenant, or names a parameter the command does not bind.</exception>
    /// <exception cref="TenantKeyTypeException">The tenant is not of the model's key type.</exception>
    public string Release(TenantState? state, Type? keyType, ParameterLookup parameters, out object? tenant)
    {
        tenant = null;
        if (!UsesTenant)
        {
            return _sql;
        }

        if (state is not { IsBypass: false, Tenants.Count: > 0 })
        {
            // A text scoped for a tenant never goes out without one (the scoping refuses that earlier; this keeps it so).
            throw new UnscopableSqlException("The statement was scoped for a tenant, but this execution has none to bind. Set one with CurrentTenant.Use(tenantId).");
        }

        tenant = TenantBinding.Bind(state.Tenants, keyType);
        SuppliedTenantCheck.Verify(_supplied, tenant, parameters);
        return _sql;
    }
}
