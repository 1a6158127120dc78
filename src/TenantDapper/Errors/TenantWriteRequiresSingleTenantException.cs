namespace TenantDapper;

/// <summary>A write touching tenant tables ran while several tenants were set; nothing was sent to the database.</summary>
public sealed class TenantWriteRequiresSingleTenantException : TenantDapperException
{
    /// <summary>Creates the exception for a write touching <paramref name="table"/>.</summary>
    /// <param name="table">The first tenant table the write touches.</param>
    /// <param name="tenantCount">How many tenants were set.</param>
    public TenantWriteRequiresSingleTenantException(TableName table, int tenantCount)
        : base($"The statement writes while {tenantCount} tenants are set (it touches tenant table '{table}'). Several tenants are for reads only: run the write inside CurrentTenant.Use(tenantId) for the one tenant it belongs to.")
    {
        Table = table;
        TenantCount = tenantCount;
    }

    /// <summary>The first tenant table the write touches.</summary>
    public TableName Table { get; }

    /// <summary>How many tenants were set.</summary>
    public int TenantCount { get; }
}
