namespace TenantDapper;

/// <summary>An execution method (Get, Insert, ...) was called on a query that no <see cref="QueryFactory"/> created. An <see cref="InvalidOperationException"/>: a usage error, not a tenant refusal.</summary>
public sealed class QueryNotExecutableException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public QueryNotExecutableException()
        : base("This query was not created by a QueryFactory, so it has no connection to run on. Create it with db.Query(\"table\") or run it with db.Get<T>(query).")
    {
    }
}
