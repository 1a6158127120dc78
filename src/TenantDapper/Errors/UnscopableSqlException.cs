namespace TenantDapper;

/// <summary>
/// A statement has a shape the tenant rewriter cannot scope (a raw FROM, JOIN or CTE body it cannot see
/// into, an INSERT without a column list); it was refused and nothing was sent to the database.
/// </summary>
public sealed class UnscopableSqlException : TenantDapperException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be scoped and what to do instead.</param>
    public UnscopableSqlException(string message)
        : base(message)
    {
    }
}
