namespace TenantDapper;

/// <summary>An insert or update was built without any column and value; nothing was sent to the database. An <see cref="ArgumentException"/>: a usage error, not a tenant refusal.</summary>
public sealed class EmptyWriteException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was empty and what to pass instead.</param>
    public EmptyWriteException(string message)
        : base(message)
    {
    }
}
