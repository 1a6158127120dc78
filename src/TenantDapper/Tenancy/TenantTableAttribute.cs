namespace TenantDapper;

/// <summary>
/// Marks an entity class as a tenant table scoped by <see cref="TenantColumn"/> (the counterpart of
/// django-multitenant's <c>TenantMeta.tenant_field_name</c>). The table name comes from
/// <see cref="System.ComponentModel.DataAnnotations.Schema.TableAttribute"/> or the naming convention.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class TenantTableAttribute : Attribute
{
    /// <summary>Marks the class as a tenant table.</summary>
    /// <param name="tenantColumn">The column holding the tenant key, e.g. <c>account_id</c>.</param>
    public TenantTableAttribute(string tenantColumn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantColumn);
        TenantColumn = tenantColumn;
    }

    /// <summary>The column holding the tenant key.</summary>
    public string TenantColumn { get; }
}
