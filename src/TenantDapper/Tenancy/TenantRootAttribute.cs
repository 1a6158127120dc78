namespace TenantDapper;

/// <summary>Marks an entity class as the tenant root table (e.g. <c>accounts</c>): one row per tenant, keyed by the tenant key.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class TenantRootAttribute : Attribute
{
    /// <summary>Marks the class as the tenant root, keyed by <paramref name="keyColumn"/>.</summary>
    /// <param name="keyColumn">The root table's key column, which is the tenant key.</param>
    public TenantRootAttribute(string keyColumn = "id")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyColumn);
        KeyColumn = keyColumn;
    }

    /// <summary>The root table's key column.</summary>
    public string KeyColumn { get; }
}
