namespace TenantDapper.Tenancy;

/// <summary>
/// An immutable snapshot of the ambient tenant: one tenant, several tenants (reads only), none, or a
/// named bypass, and the scope it belongs to. Statements capture it when they are compiled, so a
/// deferred query cannot switch tenants.
/// </summary>
internal sealed class TenantState
{
    private TenantState(object[] tenants, string? bypassReason, TenantScope? frame)
    {
        Tenants = tenants;
        BypassReason = bypassReason;
        Frame = frame;
    }

    public IReadOnlyList<object> Tenants { get; }

    public string? BypassReason { get; }

    public bool IsBypass => BypassReason is not null;

    /// <summary>The innermost scope this state was set in, or <see langword="null"/> outside every scope.</summary>
    public TenantScope? Frame { get; }

    /// <summary>One tenant, in the scope <paramref name="frame"/> (or outside every scope).</summary>
    public static TenantState For(object tenant, TenantScope? frame = null) => new([tenant], null, frame);

    public static TenantState ForMany(object[] tenants, TenantScope? frame = null) => new(tenants, null, frame);

    public static TenantState Bypass(string reason, TenantScope? frame = null) => new([], reason, frame);

    /// <summary>No tenant and no bypass, inside <paramref name="frame"/> (what <c>Clear()</c> leaves inside a scope).</summary>
    public static TenantState None(TenantScope frame) => new([], null, frame);
}
