namespace TenantDapper.Tenancy;

/// <summary>
/// An immutable snapshot of the ambient tenant: one tenant, several tenants (reads only), none, or a
/// named bypass, and the scope it belongs to. Statements capture it when they are compiled, so a
/// deferred query cannot switch tenants.
/// </summary>
internal sealed class TenantState
{
    private TenantState(object[] tenants, string? bypassReason, ScopeFrame? frame)
    {
        Tenants = tenants;
        BypassReason = bypassReason;
        Frame = frame;
    }

    public IReadOnlyList<object> Tenants { get; }

    public string? BypassReason { get; }

    public bool IsBypass => BypassReason is not null;

    /// <summary>The innermost scope this state was set in, or <see langword="null"/> outside every scope.</summary>
    public ScopeFrame? Frame { get; }

    public static TenantState For(object tenant) => new([tenant], null, null);

    public static TenantState ForMany(object[] tenants) => new(tenants, null, null);

    public static TenantState Bypass(string reason) => new([], reason, null);

    /// <summary>No tenant and no bypass, inside <paramref name="frame"/> (what <c>Clear()</c> leaves inside a scope).</summary>
    public static TenantState None(ScopeFrame frame) => new([], null, frame);

    /// <summary>The same tenants or bypass, belonging to <paramref name="frame"/>.</summary>
    public TenantState In(ScopeFrame? frame) => ReferenceEquals(frame, Frame) ? this : new TenantState((object[])Tenants, BypassReason, frame);
}
