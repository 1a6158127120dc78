namespace TenantDapper.Testing;

/// <summary>
/// Thrown when <see cref="PostgresTestServer.StartAsync(CancellationToken)"/> cannot reach or start a PostgreSQL
/// server; the message says which source was tried and how to make one available.
/// </summary>
public sealed class PostgresTestServerUnavailableException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public PostgresTestServerUnavailableException()
        : this("No PostgreSQL server is available for the tests.")
    {
    }

    /// <summary>Creates the exception with a message that says what to do next.</summary>
    /// <param name="message">What failed and how to fix it.</param>
    public PostgresTestServerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message that says what to do next and the failure behind it.</summary>
    /// <param name="message">What failed and how to fix it.</param>
    /// <param name="innerException">The failure that made the server unavailable.</param>
    public PostgresTestServerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
