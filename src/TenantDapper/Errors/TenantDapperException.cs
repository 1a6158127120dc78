namespace TenantDapper;

/// <summary>The base of every exception TenantDapper throws on purpose; catch it to catch them all.</summary>
public abstract class TenantDapperException : Exception
{
    /// <summary>Creates the exception with a message that says what to do next.</summary>
    /// <param name="message">The message.</param>
    protected TenantDapperException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    protected TenantDapperException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
