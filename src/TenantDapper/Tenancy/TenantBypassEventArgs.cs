namespace TenantDapper;

/// <summary>Describes a bypass of tenant scoping that has started.</summary>
public sealed class TenantBypassEventArgs : EventArgs
{
    internal TenantBypassEventArgs(string reason) => Reason = reason;

    /// <summary>The reason given for the bypass.</summary>
    public string Reason { get; }
}
