namespace TenantDapper;

/// <summary>
/// A <see cref="TenantScope"/> was disposed out of order: while a scope begun inside it was still live,
/// or where the ambient state no longer belonged to it (another async flow). Scoping already failed
/// closed before this was thrown: the scope and every scope inside it have ended, and no tenant and no
/// bypass are in force.
/// </summary>
public sealed class TenantScopeMisuseException : TenantDapperException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to do.</param>
    public TenantScopeMisuseException(string message)
        : base(message)
    {
    }
}
