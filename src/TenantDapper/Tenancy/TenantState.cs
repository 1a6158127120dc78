using System.Collections;

namespace TenantDapper.Tenancy;

/// <summary>
/// An immutable snapshot of the ambient tenant: one tenant, several tenants (reads only), none, or a
/// named bypass, and the scope it belongs to. Statements capture it when they are compiled, so a
/// deferred query cannot switch tenants.
/// </summary>
/// <remarks>
/// The state is also the list of its tenants (<see cref="Tenants"/>), so one tenant costs no array.
/// </remarks>
internal sealed class TenantState : IReadOnlyList<object>
{
    /// <summary>The one tenant, or <see langword="null"/> when the state holds none or several (<see cref="_several"/>).</summary>
    private readonly object? _single;

    private readonly object[] _several;

    private TenantState(object? single, object[] several, string? bypassReason, TenantScope? frame)
    {
        _single = single;
        _several = several;
        BypassReason = bypassReason;
        Frame = frame;
    }

    /// <summary>The tenants: one, several, or none (for a bypass, or no tenant inside a scope).</summary>
    public IReadOnlyList<object> Tenants => this;

    public string? BypassReason { get; }

    public bool IsBypass => BypassReason is not null;

    /// <summary>The innermost scope this state was set in, or <see langword="null"/> outside every scope.</summary>
    public TenantScope? Frame { get; }

    int IReadOnlyCollection<object>.Count => _single is null ? _several.Length : 1;

    object IReadOnlyList<object>.this[int index] =>
        _single is null ? _several[index] : index == 0 ? _single : throw new ArgumentOutOfRangeException(nameof(index), index, "The state holds one tenant.");

    /// <summary>One tenant, in the scope <paramref name="frame"/> (or outside every scope).</summary>
    public static TenantState For(object tenant, TenantScope? frame = null) => new(tenant, [], null, frame);

    public static TenantState ForMany(object[] tenants, TenantScope? frame = null) => new(null, tenants, null, frame);

    public static TenantState Bypass(string reason, TenantScope? frame = null) => new(null, [], reason, frame);

    /// <summary>No tenant and no bypass, inside <paramref name="frame"/> (what <c>Clear()</c> leaves inside a scope).</summary>
    public static TenantState None(TenantScope frame) => new(null, [], null, frame);

    IEnumerator<object> IEnumerable<object>.GetEnumerator()
    {
        if (_single is not null)
        {
            yield return _single;
            yield break;
        }

        foreach (var tenant in _several)
        {
            yield return tenant;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<object>)this).GetEnumerator();
}
