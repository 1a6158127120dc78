using TenantDapper.Tenancy;

namespace TenantDapper;

/// <summary>Restores the previous ambient tenant when disposed. Returned by <see cref="CurrentTenant"/>'s scope methods.</summary>
public sealed class TenantScope : IDisposable
{
    private readonly TenantState? _previous;
    private bool _disposed;

    internal TenantScope(TenantState? previous) => _previous = previous;

    /// <summary>Restores the tenant that was current when this scope began.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        CurrentTenant.Restore(_previous);
    }
}
