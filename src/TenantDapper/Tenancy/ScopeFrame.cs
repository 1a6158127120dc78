namespace TenantDapper.Tenancy;

/// <summary>
/// One <see cref="TenantScope"/>: the scope around it and the state to restore when it ends. The
/// <see cref="Ended"/> flag is shared by every execution context that copied a state of this scope, so a
/// scope that ends ends everywhere: a child task that still holds its state sees no tenant (fail closed).
/// </summary>
internal sealed class ScopeFrame(TenantState? previous)
{
    private volatile bool _ended;

    /// <summary>The scope around this one.</summary>
    public ScopeFrame? Parent => Previous?.Frame;

    /// <summary>The state that was current when the scope began.</summary>
    public TenantState? Previous { get; } = previous;

    public bool Ended => _ended;

    public void End() => _ended = true;

    /// <summary>Whether this scope or one around it has ended.</summary>
    public bool IsEndedOrInsideEnded()
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
