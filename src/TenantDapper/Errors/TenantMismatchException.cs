namespace TenantDapper;

/// <summary>
/// A write names a tenant other than the current one (an INSERT value, or a SET of the tenant column);
/// nothing was sent to the database.
/// </summary>
public sealed class TenantMismatchException : TenantDapperException
{
    /// <summary>Creates the exception for a write to <paramref name="table"/>.</summary>
    /// <param name="table">The tenant table written to.</param>
    /// <param name="tenantColumn">Its tenant column.</param>
    /// <param name="detail">What the statement supplied for the tenant column.</param>
    public TenantMismatchException(TableName table, string tenantColumn, string detail)
        : base($"The statement writes {detail} to tenant column '{tenantColumn}' of '{table}', which is not the current tenant. Leave the tenant column out (TenantDapper fills it in) or pass the current tenant as a value; write for another tenant inside CurrentTenant.Use(thatTenant).")
    {
        Table = table;
        TenantColumn = tenantColumn;
    }

    /// <summary>The tenant table written to.</summary>
    public TableName Table { get; }

    /// <summary>Its tenant column.</summary>
    public string TenantColumn { get; }
}
