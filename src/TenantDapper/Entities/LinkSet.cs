using System.Data;
using System.Linq.Expressions;
using System.Reflection;
using TenantDapper.Entities;
using TenantDapper.Mapping;

namespace TenantDapper;

/// <summary>
/// Many-to-many links through a through table such as <c>project_managers(account_id, project_id, manager_id)</c>:
/// <c>db.Links&lt;ProjectManager&gt;().Add(new ProjectManager { ProjectId = 1, ManagerId = 2 })</c>. The tenant column of
/// a link is filled with the current tenant, as django-multitenant fills <c>through_defaults</c>; a link is written
/// only when every row it points at in a tenant table is the current tenant's, checked in the insert itself, so
/// no foreign key is needed to keep tenants apart. Each key property points at a table through
/// <see cref="LinkTargetAttribute"/> or the <c>x_id</c> → <c>xs.id</c> convention.
/// </summary>
/// <typeparam name="TThrough">The through-table entity, keyed by the two sides (<c>[Key]</c> on each).</typeparam>
public sealed class LinkSet<TThrough>
    where TThrough : class
{
    private readonly QueryFactory _db;
    private readonly EntityMap _map;
    private readonly IReadOnlyList<LinkEnd> _ends;
    private readonly IDbTransaction? _transaction;

    internal LinkSet(QueryFactory db, EntityMap map, TenantModel model, IDbTransaction? transaction)
    {
        if (map.KeyColumns.Count == 0)
        {
            throw new EntityMappingException(map.EntityType, $"{map.EntityType.Name} has no key: mark both sides of the link [Key].");
        }

        _db = db;
        _map = map;
        _ends = LinkEnds.For(map, model);
        _transaction = transaction;
    }

    /// <summary>
    /// Adds the link for the current tenant unless it exists, in one statement
    /// (<c>INSERT ... SELECT @p1, @p2 WHERE EXISTS (the project) AND EXISTS (the manager) ON CONFLICT DO NOTHING RETURNING key</c>,
    /// every sub-query scoped for the current tenant).
    /// </summary>
    /// <param name="link">The link; an empty tenant property is filled with the current tenant.</param>
    /// <returns><see langword="true"/> when the link was written, <see langword="false"/> when it existed already.</returns>
    /// <exception cref="LinkRefusedException">A row the link points at is not the current tenant's (another tenant's or none); nothing was written.</exception>
    /// <exception cref="TenantMismatchException">The link names another tenant; nothing was written.</exception>
    /// <exception cref="TenantNotSetException">No tenant is set; nothing was sent.</exception>
    public bool Add(TThrough link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (_db.Get<object>(AddQuery(link), _transaction).Any())
        {
            return true;
        }

        // Nothing was written: tell a refused link from one that exists (a second statement only on this path).
        foreach (var end in TenantEnds(link))
        {
            if (!_db.Exists(end.End.Probe(end.Value), _transaction))
            {
                throw Refused(end.End, end.Value);
            }
        }

        return false;
    }

    /// <summary>Adds the link unless it exists; the asynchronous twin of <see cref="Add(TThrough)"/>.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the insert.</param>
    /// <returns><see langword="true"/> when the link was written, <see langword="false"/> when it existed already.</returns>
    /// <exception cref="LinkRefusedException">A row the link points at is not the current tenant's; nothing was written.</exception>
    public async Task<bool> AddAsync(TThrough link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        if ((await _db.GetAsync<object>(AddQuery(link), _transaction, cancellationToken: cancellationToken).ConfigureAwait(false)).Any())
        {
            return true;
        }

        foreach (var end in TenantEnds(link))
        {
            if (!await _db.ExistsAsync(end.End.Probe(end.Value), _transaction, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                throw Refused(end.End, end.Value);
            }
        }

        return false;
    }

    /// <summary>
    /// Removes the current tenant's link with the key of <paramref name="link"/> (<c>DELETE ... WHERE key AND tenant = @tenant</c>);
    /// another tenant's link with the same key is never touched. The rows it pointed at stay.
    /// </summary>
    /// <param name="link">The link; only its key (and a tenant it names) is read.</param>
    /// <returns>Whether a link was removed (<see langword="false"/> when the current tenant has no such link).</returns>
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

    /// <summary>Whether the current tenant has the link with the key of <paramref name="link"/>; another tenant's link is never seen.</summary>
    /// <param name="link">The link; only its key (and a tenant it names) is read.</param>
    public bool Exists(TThrough link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _db.Exists(EntityStatements.WhereEntity(EntityStatements.On(_db, _map), _map, link), _transaction);
    }

    /// <summary>Whether the current tenant has the link; the asynchronous twin of <see cref="Exists(TThrough)"/>.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<bool> ExistsAsync(TThrough link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        return _db.ExistsAsync(EntityStatements.WhereEntity(EntityStatements.On(_db, _map), _map, link), _transaction, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The current tenant's links of one row, in key order: <c>links.List(l =&gt; l.ProjectId, 7)</c> gives every
    /// manager link of project 7.
    /// </summary>
    /// <typeparam name="TValue">The type of the key property.</typeparam>
    /// <param name="end">The key property that names the row, e.g. <c>l =&gt; l.ProjectId</c>.</param>
    /// <param name="value">The row's key.</param>
    /// <exception cref="ArgumentException"><paramref name="end"/> is not a key property of <typeparamref name="TThrough"/>.</exception>
    public IReadOnlyList<TThrough> List<TValue>(Expression<Func<TThrough, TValue>> end, TValue value) =>
        [.. _db.Get<TThrough>(ListQuery(end, value), _transaction)];

    /// <summary>The current tenant's links of one row; the asynchronous twin of <see cref="List{TValue}"/>.</summary>
    /// <typeparam name="TValue">The type of the key property.</typeparam>
    /// <param name="end">The key property that names the row.</param>
    /// <param name="value">The row's key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlyList<TThrough>> ListAsync<TValue>(Expression<Func<TThrough, TValue>> end, TValue value, CancellationToken cancellationToken = default) =>
        [.. await _db.GetAsync<TThrough>(ListQuery(end, value), _transaction, cancellationToken: cancellationToken).ConfigureAwait(false)];

    private Query AddQuery(TThrough link)
    {
        var columns = new List<string>(_map.InsertColumns.Count);
        var row = new Query();
        foreach (var column in _map.InsertColumns)
        {
            var value = column.GetValue(link);
            if (column.IsTenantColumn && EntityStatements.IsEmptyTenant(value))
            {
                continue; // the rewriter appends the current tenant; a tenant that is given is checked by it
            }

            columns.Add(column.Name);
            row.SelectValue(column.ParameterValue(value));
        }

        foreach (var end in TenantEnds(link))
        {
            row.WhereExists(end.End.Probe(end.Value));
        }

        // Written or not is told by the rows RETURNING gives back, not by the affected-row count: Citus runs this
        // INSERT ... SELECT by pulling the SELECT to the coordinator and reports the rows selected, written or not.
        return EntityStatements.On(_db, _map).AsInsert(columns, row).OnConflictDoNothing([.. _map.PrimaryKey]).Returning(_map.PrimaryKey[0]);
    }

    private IEnumerable<(LinkEnd End, object? Value)> TenantEnds(TThrough link) =>
        _ends.Where(e => e.Role == TableRole.Tenant).Select(e => (e, e.Column.GetValue(link)));

    private LinkRefusedException Refused(LinkEnd end, object? value) => new(end.Table, end.TargetColumn, value, _map.Table);

    private Query RemoveQuery(TThrough link) =>
        EntityStatements.WhereEntity(EntityStatements.On(_db, _map), _map, link).AsDelete();

    private Query ListQuery<TValue>(Expression<Func<TThrough, TValue>> end, TValue value)
    {
        ArgumentNullException.ThrowIfNull(end);
        var property = (end.Body as MemberExpression)?.Member as PropertyInfo;
        var column = _map.KeyColumns.FirstOrDefault(c => c.Property.Name == property?.Name)
            ?? throw new ArgumentException(
                $"{end} does not name a key property of {_map.EntityType.Name}; pass one of {string.Join(", ", _map.KeyColumns.Select(c => "l => l." + c.Property.Name))}.",
                nameof(end));
        return EntityStatements.Select(_db, _map).Where(column.Name, value).OrderBy([.. _map.KeyColumns.Select(c => c.Name)]);
    }
}
