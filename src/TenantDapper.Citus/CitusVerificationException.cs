namespace TenantDapper.Citus;

/// <summary>The verification script found tables that are not distributed as planned.</summary>
public sealed class CitusVerificationException : TenantDapperException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What the verification found, naming each table.</param>
    /// <param name="innerException">The server's error.</param>
    public CitusVerificationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
