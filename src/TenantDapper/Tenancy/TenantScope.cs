using TenantDapper.Tenancy;

namespace TenantDapper;

/// <summary>
/// Ends a scope begun by <see cref="CurrentTenant"/>'s scope methods when disposed. Dispose scopes in
/// the reverse order they began (a <see langword="using"/> block does); out of order, scoping fails
/// closed and <see cref="TenantScopeMisuseException"/> is thrown.
/// </summary>
/// <remarks>
/// The scope is also its own frame: the scope around it and the state to restore when it ends. Its ended flag is shared
/// by every execution context that copied a state of this scope, so a scope that ends ends everywhere: a child task that
/// still holds its state sees no tenant (fail closed).
/// </remarks>
public sealed class TenantScope : IDisposable
{
    private volatile bool _ended;

    internal TenantScope(TenantState? previous) => Previous = previous;

    /// <summary>The scope around this one.</summary>
    internal TenantScope? Parent => Previous?.Frame;

    /// <summary>The state that was current when the scope began.</summary>
    internal TenantState? Previous { get; }

    internal bool Ended => _ended;

    /// <summary>
    /// Restores the state that was current when this scope began. If a scope begun inside this one is
    /// still live, or the ambient state belongs to no scope of this one, every one of those scopes ends,
    /// no tenant and no bypass remain set, and <see cref="TenantScopeMisuseException"/> is thrown.
    /// Disposing twice, or after an outer scope ended this one, does nothing.
    /// </summary>
    /// <exception cref="TenantScopeMisuseException">The scope was disposed out of order.</exception>
    public void Dispose() => CurrentTenant.End(this);

    internal void End() => _ended = true;

    /// <summary>Whether this scope or one around it has ended.</summary>
    internal bool IsEndedOrInsideEnded()
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
        {
            if (frame.Ended)
            {
                return true;
            }
        }

        return false;
    }
}
