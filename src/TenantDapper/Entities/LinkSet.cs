using System.Data;
using TenantDapper.Entities;
using TenantDapper.Mapping;

namespace TenantDapper;

/// <summary>
/// Many-to-many links through a through table such as <c>project_managers(account_id, project_id, manager_id)</c>:
/// <c>db.Links&lt;ProjectManager&gt;().Add(new ProjectManager { ProjectId = 1, ManagerId = 2 })</c>. The tenant column of
/// a link is filled with the current tenant, as django-multitenant fills <c>through_defaults</c>; adding a link
/// that exists changes nothing.
/// </summary>
/// <typeparam name="TThrough">The through-table entity, keyed by the two sides (<c>[Key]</c> on each).</typeparam>
public sealed class LinkSet<TThrough>
    where TThrough : class
{
    private readonly QueryFactory _db;
    private readonly EntityMap _map;
    private readonly IDbTransaction? _transaction;

    internal LinkSet(QueryFactory db, EntityMap map, IDbTransaction? transaction)
    {
        if (map.KeyColumns.Count == 0)
        {
            throw new EntityMappingException(map.EntityType, $"{map.EntityType.Name} has no key: mark both sides of the link [Key].");
        }

        _db = db;
        _map = map;
        _transaction = transaction;
    }

    /// <summary>Adds the link for the current tenant unless it exists.</summary>
    /// <param name="link">The link; an empty tenant property is filled with the current tenant.</param>
    /// <returns>Whether the link was new.</returns>
    /// <exception cref="TenantMismatchException">The link names another tenant; nothing was written.</exception>
    public bool Add(TThrough link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _db.Execute(AddQuery(link), _transaction) > 0;
    }

    /// <summary>Adds the link unless it exists; the asynchronous twin of <see cref="Add(TThrough)"/>.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the insert.</param>
    /// <returns>Whether the link was new.</returns>
    public async Task<bool> AddAsync(TThrough link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        return await _db.ExecuteAsync(AddQuery(link), _transaction, cancellationToken: cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Removes the current tenant's link.</summary>
    /// <param name="link">The link.</param>
    /// <returns>Whether a link was removed.</returns>
    public bool Remove(TThrough link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _db.Execute(RemoveQuery(link), _transaction) > 0;
    }

    /// <summary>Removes the current tenant's link; the asynchronous twin of <see cref="Remove(TThrough)"/>.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>Whether a link was removed.</returns>
    public async Task<bool> RemoveAsync(TThrough link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        return await _db.ExecuteAsync(RemoveQuery(link), _transaction, cancellationToken: cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Whether the current tenant has the link.</summary>
    /// <param name="link">The link.</param>
    public bool Exists(TThrough link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _db.Exists(EntityStatements.WhereEntity(_db.Query(_map.Table.ToString()), _map, link), _transaction);
    }

    /// <summary>Whether the current tenant has the link.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<bool> ExistsAsync(TThrough link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _db.ExistsAsync(EntityStatements.WhereEntity(_db.Query(_map.Table.ToString()), _map, link), _transaction, cancellationToken: cancellationToken);
    }

    private Query AddQuery(TThrough link) =>
        EntityStatements.Insert(_db, _map, link).OnConflictDoNothing([.. _map.PrimaryKey]);

    private Query RemoveQuery(TThrough link) =>
        EntityStatements.WhereEntity(_db.Query(_map.Table.ToString()), _map, link).AsDelete();
}
