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
    public static object? Id => Current is { IsBypass: false, Tenants.Count: 1 } state ? state.Tenants[0] : null;

    /// <summary>The current tenants (a copy): empty when none is set or a bypass is in force.</summary>
    public static IReadOnlyList<object> Ids => Current is { Tenants.Count: > 0 } state ? Array.AsReadOnly(state.Tenants.ToArray()) : [];

    /// <summary>Whether a tenant (or several) is set.</summary>
    public static bool IsSet => Current is { IsBypass: false, Tenants.Count: > 0 };

    /// <summary>Whether a bypass scope is in force: statements are not scoped.</summary>
    public static bool IsBypassed => Current is { IsBypass: true };

    /// <summary>The reason given for the bypass in force, or <see langword="null"/>.</summary>
    public static string? BypassReason => Current?.BypassReason;

    /// <summary>The state in force; <see langword="null"/> when there is no tenant and no bypass, or the state belongs to a scope that has ended (fail closed).</summary>
    internal static TenantState? Current => Live is { IsBypass: false, Tenants.Count: 0 } ? null : Live;

    // The ambient state; when it belongs to a scope that has ended (in this flow or another), no tenant and
    // no bypass, inside the innermost scope of this flow that is still live.
    private static TenantState? Live
    {
        get
        {
            var state = State.Value;
            if (state?.Frame is not { } frame || !frame.IsEndedOrInsideEnded())
            {
                return state;
            }

            var live = frame.Parent;
            while (live is not null && live.IsEndedOrInsideEnded())
            {
                live = live.Parent;
            }

            return live is null ? null : TenantState.None(live);
        }
    }

    /// <summary>
    /// Sets the current tenant for this execution context and the operations it starts. Inside a scope,
    /// the tenant lasts until that scope ends.
    /// </summary>
    /// <param name="tenant">A <see cref="long"/>, <see cref="int"/>, <see cref="Guid"/> or <see cref="string"/> of the tenant column's type.</param>
    public static void Set(object tenant) =>
        State.Value = TenantState.For(TenantKeys.Validate(tenant, nameof(tenant)), Live?.Frame);

    /// <summary>Unsets the current tenant: statements touching tenant tables now fail with <see cref="TenantNotSetException"/>.</summary>
    public static void Clear() => State.Value = Live?.Frame is { } frame ? TenantState.None(frame) : null;

    /// <summary>Sets the current tenant until the returned scope is disposed, then restores the previous one.</summary>
    /// <param name="tenant">A <see cref="long"/>, <see cref="int"/>, <see cref="Guid"/> or <see cref="string"/> of the tenant column's type.</param>
    public static TenantScope Use(object tenant)
    {
        var validated = TenantKeys.Validate(tenant, nameof(tenant));
        var scope = new TenantScope(Live);
        State.Value = TenantState.For(validated, scope);
        return scope;
    }

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

        var scope = new TenantScope(Live);
        State.Value = TenantState.ForMany(copy, scope);
        return scope;
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
        var scope = new TenantScope(Live);
        State.Value = TenantState.Bypass(reason, scope);
        Diagnostics.Telemetry.Bypass();
        return scope;
    }

    /// <summary>Ends the scope of <paramref name="frame"/>; see <see cref="TenantScope.Dispose"/>.</summary>
    internal static void End(TenantScope frame)
    {
        // Disposed twice, or ended already by an outer scope disposed out of order (reported then).
        if (frame.IsEndedOrInsideEnded())
        {
            return;
        }

        var current = State.Value;

        frame.End();
        if (ReferenceEquals(current?.Frame, frame))
        {
            State.Value = frame.Previous;
            return;
        }

        // Out of order. Fail closed first: no tenant and no bypass, kept in the innermost scope still live
        // (the one around this scope, or this flow's own), so that scope still ends in order. Then report.
        var inside = IsInside(current?.Frame, frame);
        var live = inside ? frame.Parent : Live?.Frame;
        State.Value = live is null ? null : TenantState.None(live);
        throw new TenantScopeMisuseException(inside
            ? "A tenant scope was disposed while a scope begun inside it was still live. Both have ended and no tenant (and no bypass) is set now. Dispose scopes in the reverse order they began: use 'using' blocks."
            : "A tenant scope was disposed where the ambient tenant does not belong to it (in another async flow, or after the state was replaced). The scope has ended and no tenant (and no bypass) is set now. Dispose a scope in the flow that began it, in the reverse order scopes began: use 'using' blocks.");
    }

    private static bool IsInside(TenantScope? inner, TenantScope outer)
    {
        for (var frame = inner; frame is not null; frame = frame.Parent)
        {
            if (ReferenceEquals(frame, outer))
            {
                return true;
            }
        }

        return false;
    }
}
