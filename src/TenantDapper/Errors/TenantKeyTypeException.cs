namespace TenantDapper;

/// <summary>The current tenant's type is not the tenant model's key type; nothing was sent to the database.</summary>
public sealed class TenantKeyTypeException : TenantDapperException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tenantType">The type of the tenant that was set.</param>
    /// <param name="keyType">The tenant model's key type.</param>
    public TenantKeyTypeException(Type tenantType, Type keyType)
        : base($"The current tenant is a {tenantType?.Name} but the tenant model's keys are {keyType?.Name}. Set the tenant as a {keyType?.Name} (the type of the tenant column).")
    {
        TenantType = tenantType;
        KeyType = keyType;
    }

    /// <summary>The type of the tenant that was set.</summary>
    public Type? TenantType { get; }

    /// <summary>The tenant model's key type.</summary>
    public Type? KeyType { get; }
}
