namespace TenantDapper;

/// <summary>
/// The base of the exceptions with which TenantDapper refuses something to keep tenants apart
/// (<see cref="TenantNotSetException"/>, <see cref="TenantMismatchException"/>, <see cref="UnscopableSqlException"/>,
/// <see cref="UnregisteredTableException"/>, <see cref="LinkRefusedException"/>, ...) or cannot map a model or entity:
/// catch it to catch every refusal. Usage errors are the .NET types callers expect instead (an exception has one base
/// class): a bad operator, identifier, raw binding count or empty write is an <see cref="ArgumentException"/>, an invalid
/// query or a query without a factory an <see cref="InvalidOperationException"/>, and a row the database refuses in a
/// bulk insert a <see cref="System.Data.Common.DbException"/> (<see cref="BulkInsertRowException"/>).
/// </summary>
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
