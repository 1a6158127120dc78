using TenantDapper.Tenancy;

namespace TenantDapper;

/// <summary>
/// The ambient current tenant. It flows across <see langword="await"/> and is isolated between
/// concurrent operations (it lives in an <see cref="AsyncLocal{T}"/>). Prefer the disposable scopes:
/// <code>
/// using (CurrentTenant.Use(42))
/// {
///     var projects = await db.Query("projects").GetAsync&lt;Project&gt;();
/// }
/// </code>
/// A value set inside an <see langword="async"/> method does not flow back to its caller.
/// </summary>
public static class CurrentTenant
{
    private static readonly AsyncLocal<TenantState?> State = new();

    /// <summary>Raised when a bypass scope starts (admin work without tenant scoping), so that its use can be logged.</summary>
    public static event EventHandler<TenantBypassEventArgs>? BypassStarted;

    /// <summary>The current tenant, or <see langword="null"/> when none, several, or a bypass is in force.</summary>
    public static object? Id => State.Value is { IsBypass: false, Tenants.Count: 1 } state ? state.Tenants[0] : null;

    /// <summary>The current tenants: empty when none is set or a bypass is in force.</summary>
    public static IReadOnlyList<object> Ids => State.Value?.Tenants ?? [];

    /// <summary>Whether a tenant (or several) is set.</summary>
    public static bool IsSet => State.Value is { IsBypass: false };

    /// <summary>Whether a bypass scope is in force: statements are not scoped.</summary>
    public static bool IsBypassed => State.Value is { IsBypass: true };

    /// <summary>The reason given for the bypass in force, or <see langword="null"/>.</summary>
    public static string? BypassReason => State.Value?.BypassReason;

    internal static TenantState? Current => State.Value;

    /// <summary>Sets the current tenant for this execution context and the operations it starts.</summary>
    /// <param name="tenant">A <see cref="long"/>, <see cref="int"/>, <see cref="Guid"/> or <see cref="string"/> of the tenant column's type.</param>
    public static void Set(object tenant) => State.Value = TenantState.For(TenantKeys.Validate(tenant, nameof(tenant)));

    /// <summary>Unsets the current tenant: statements touching tenant tables now fail with <see cref="TenantNotSetException"/>.</summary>
    public static void Clear() => State.Value = null;

    /// <summary>Sets the current tenant until the returned scope is disposed, then restores the previous one.</summary>
    /// <param name="tenant">A <see cref="long"/>, <see cref="int"/>, <see cref="Guid"/> or <see cref="string"/> of the tenant column's type.</param>
    public static TenantScope Use(object tenant) => Enter(TenantState.For(TenantKeys.Validate(tenant, nameof(tenant))));

    /// <summary>
    /// Sets several tenants until the returned scope is disposed: reads see the rows of all of them
    /// (<c>tenant_col = ANY(@tenants)</c>); writes are refused because they need exactly one tenant.
    /// </summary>
    /// <param name="tenants">At least one tenant, all of one type.</param>
    public static TenantScope UseMany(params object[] tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        if (tenants.Length == 0)
        {
            throw new ArgumentException("Give at least one tenant; to unset the tenant, use Clear().", nameof(tenants));
        }

        var copy = new object[tenants.Length];
        for (var i = 0; i < tenants.Length; i++)
        {
            copy[i] = TenantKeys.Validate(tenants[i], nameof(tenants));
            if (copy[i].GetType() != copy[0].GetType())
            {
                throw new ArgumentException("All tenants must be of one type (the tenant column's).", nameof(tenants));
            }
        }

        return Enter(TenantState.ForMany(copy));
    }

    /// <summary>
    /// Turns tenant scoping off until the returned scope is disposed, for admin tools, migrations and
    /// cross-tenant reports. Raises <see cref="BypassStarted"/>; never the default.
    /// </summary>
    /// <param name="reason">Why scoping is off, for the logs (e.g. <c>"nightly billing report"</c>).</param>
    public static TenantScope Bypass(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);

        // Raised before the bypass takes effect: a handler that throws leaves scoping on (fail closed).
        BypassStarted?.Invoke(null, new TenantBypassEventArgs(reason));
        return Enter(TenantState.Bypass(reason));
    }

    internal static void Restore(TenantState? previous) => State.Value = previous;

    private static TenantScope Enter(TenantState state)
    {
        var previous = State.Value;
        State.Value = state;
        return new TenantScope(previous);
    }
}
