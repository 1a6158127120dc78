using TenantDapper.Tenancy;

namespace TenantDapper;

/// <summary>
/// Ends a scope begun by <see cref="CurrentTenant"/>'s scope methods when disposed. Dispose scopes in
/// the reverse order they began (a <see langword="using"/> block does); out of order, scoping fails
/// closed and <see cref="TenantScopeMisuseException"/> is thrown.
/// </summary>
public sealed class TenantScope : IDisposable
{
    private readonly ScopeFrame _frame;

    internal TenantScope(ScopeFrame frame) => _frame = frame;

    /// <summary>
    /// Restores the state that was current when this scope began. If a scope begun inside this one is
    /// still live, or the ambient state belongs to no scope of this one, every one of those scopes ends,
    /// no tenant and no bypass remain set, and <see cref="TenantScopeMisuseException"/> is thrown.
    /// Disposing twice, or after an outer scope ended this one, does nothing.
    /// </summary>
    /// <exception cref="TenantScopeMisuseException">The scope was disposed out of order.</exception>
    public void Dispose() => CurrentTenant.End(_frame);
}
