namespace TenantDapper;

/// <summary>
/// A write needs exactly one tenant and cannot tell which: several tenants are set
/// (<see cref="CurrentTenant.UseMany"/>), or a bypass is in force and the entity has no property for
/// the tenant column. Nothing was sent to the database.
/// </summary>
public sealed class SingleTenantRequiredException : TenantDapperException
{
    /// <summary>Creates the exception for a write to <paramref name="table"/>.</summary>
    /// <param name="table">The tenant table written to.</param>
    /// <param name="message">Why no single tenant is known and what to do.</param>
    public SingleTenantRequiredException(TableName table, string message)
        : base(message)
    {
        Table = table;
    }

    /// <summary>The tenant table written to.</summary>
    public TableName Table { get; }
}
