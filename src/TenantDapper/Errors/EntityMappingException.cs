namespace TenantDapper;

/// <summary>
/// An entity class cannot be mapped to its table (an unsupported property type, two properties for one
/// column, a tenant property of the wrong type, attributes that contradict the tenant model).
/// Nothing was sent to the database.
/// </summary>
public sealed class EntityMappingException : TenantDapperException
{
    /// <summary>Creates the exception for <paramref name="entityType"/>.</summary>
    /// <param name="entityType">The entity class that cannot be mapped.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    public EntityMappingException(Type entityType, string message)
        : base(message)
    {
        EntityType = entityType;
    }

    /// <summary>The entity class that cannot be mapped.</summary>
    public Type EntityType { get; }
}
