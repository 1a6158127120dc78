namespace TenantDapper.Tenancy;

/// <summary>
/// An immutable snapshot of the ambient tenant: one tenant, several tenants (reads only), or a named
/// bypass. Statements capture it when they are compiled, so a deferred query cannot switch tenants.
/// </summary>
internal sealed class TenantState
{
    private TenantState(object[] tenants, string? bypassReason)
    {
        Tenants = tenants;
        BypassReason = bypassReason;
    }

    public IReadOnlyList<object> Tenants { get; }

    public string? BypassReason { get; }

    public bool IsBypass => BypassReason is not null;

    public static TenantState For(object tenant) => new([tenant], null);

    public static TenantState ForMany(object[] tenants) => new(tenants, null);

    public static TenantState Bypass(string reason) => new([], reason);
}
