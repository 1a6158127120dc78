namespace TenantDapper;

/// <summary>A table whose rows belong to one tenant each, identified by its tenant column.</summary>
public sealed class TenantTable
{
    internal TenantTable(TableName name, string tenantColumn, bool isRoot)
    {
        Name = name;
        TenantColumn = tenantColumn;
        IsRoot = isRoot;
    }

    /// <summary>The table's name.</summary>
    public TableName Name { get; }

    /// <summary>The column holding the tenant's key (for the root table, its own key, e.g. <c>id</c>).</summary>
    public string TenantColumn { get; }

    /// <summary>Whether this is the tenant root table (e.g. <c>accounts</c>), one row per tenant.</summary>
    public bool IsRoot { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Name} by {TenantColumn}";
}
