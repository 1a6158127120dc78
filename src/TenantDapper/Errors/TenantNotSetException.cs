namespace TenantDapper;

/// <summary>A statement touches a tenant table but no tenant is set; nothing was sent to the database.</summary>
public sealed class TenantNotSetException : TenantDapperException
{
    /// <summary>Creates the exception for a statement touching <paramref name="table"/>.</summary>
    /// <param name="table">The first tenant table the statement touches.</param>
    public TenantNotSetException(TableName table)
        : base($"The statement touches tenant table '{table}' but no tenant is set. Set one with CurrentTenant.Use(tenantId), or use CurrentTenant.Bypass(\"reason\") for deliberate cross-tenant work.")
    {
        Table = table;
    }

    /// <summary>The first tenant table the statement touches.</summary>
    public TableName Table { get; }
}
