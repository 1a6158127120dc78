namespace TenantDapper;

/// <summary>A query was built in a way that cannot become valid SQL (e.g. a join without a condition); nothing was sent to the database. An <see cref="InvalidOperationException"/>: a usage error, not a tenant refusal.</summary>
public sealed class InvalidQueryException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the query and how to fix it.</param>
    public InvalidQueryException(string message)
        : base(message)
    {
    }
}
