using System.Data;
using TenantDapper.Mapping;

namespace TenantDapper;

/// <summary>The micro-ORM entry points on a <see cref="QueryFactory"/>: <c>db.Entities&lt;Project&gt;()</c> and <c>db.Links&lt;ProjectManager&gt;()</c>.</summary>
public static class EntityFactoryExtensions
{
    /// <summary>Tenant-scoped CRUD for <typeparamref name="TEntity"/> on <paramref name="db"/>, mapped under the factory's tenant model.</summary>
    /// <typeparam name="TEntity">The entity class.</typeparam>
    /// <param name="db">The query factory; it must have a tenant model.</param>
    /// <param name="transaction">The transaction every statement runs in, or <see langword="null"/>.</param>
    /// <exception cref="EntityMappingException">The entity class cannot be mapped.</exception>
    /// <exception cref="TenantModelException">The factory has no tenant model.</exception>
    public static EntitySet<TEntity> Entities<TEntity>(this QueryFactory db, IDbTransaction? transaction = null)
        where TEntity : class =>
        new(db, Model(db), transaction);

    /// <summary>Adds and removes many-to-many links through <typeparamref name="TThrough"/> (e.g. <c>project_managers</c>); each link gets the current tenant.</summary>
    /// <typeparam name="TThrough">The through-table entity, keyed by the two sides.</typeparam>
    /// <param name="db">The query factory; it must have a tenant model.</param>
    /// <param name="transaction">The transaction every statement runs in, or <see langword="null"/>.</param>
    /// <exception cref="EntityMappingException">The through class cannot be mapped or has no key.</exception>
    /// <exception cref="TenantModelException">The factory has no tenant model.</exception>
    public static LinkSet<TThrough> Links<TThrough>(this QueryFactory db, IDbTransaction? transaction = null)
        where TThrough : class =>
        new(db, EntityMaps.Get<TThrough>(Model(db)), Model(db), transaction);

    private static TenantModel Model(QueryFactory db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Model ?? throw new TenantModelException(
            "Entities are mapped and scoped by the factory's tenant model, and this QueryFactory has none. Create it with new QueryFactory(connection, compiler) { Model = model }, where model comes from TenantModelBuilder.");
    }
}
