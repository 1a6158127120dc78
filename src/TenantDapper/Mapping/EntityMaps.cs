using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace TenantDapper.Mapping;

/// <summary>The entity maps built so far, one per class and tenant model; a model that is no longer used takes its maps with it.</summary>
internal static class EntityMaps
{
    private static readonly ConditionalWeakTable<TenantModel, ConcurrentDictionary<Type, EntityMap>> Cache = [];

    /// <summary>The map of <typeparamref name="TEntity"/> under <paramref name="model"/>, built on first use.</summary>
    /// <exception cref="EntityMappingException">The class cannot be mapped.</exception>
    public static EntityMap Get<TEntity>(TenantModel model) => Get(typeof(TEntity), model);

    /// <summary>The map of <paramref name="entityType"/> under <paramref name="model"/>, built on first use.</summary>
    /// <exception cref="EntityMappingException">The class cannot be mapped.</exception>
    public static EntityMap Get(Type entityType, TenantModel model)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(model);
        var maps = Cache.GetValue(model, static _ => new ConcurrentDictionary<Type, EntityMap>());
        return maps.TryGetValue(entityType, out var map) ? map : maps.GetOrAdd(entityType, static (type, m) => EntityMap.Create(type, m), model);
    }
}
