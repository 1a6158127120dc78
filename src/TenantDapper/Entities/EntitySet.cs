using System.Data;
using System.Data.Common;
using Npgsql;
using TenantDapper.Entities;
using TenantDapper.Mapping;

namespace TenantDapper;

/// <summary>
/// Tenant-scoped CRUD for one entity class, on a <see cref="QueryFactory"/>:
/// <code>
/// using (CurrentTenant.Use(42L))
/// {
///     var projects = db.Entities&lt;Project&gt;();
///     projects.Insert(project);              // fills project.AccountId (42) and project.Id
///     var same = projects.Get(project.Id);   // the key without the tenant column
/// }
/// </code>
/// Every statement is a builder query run through the factory, so the tenant rewriter scopes it: reads
/// see only the current tenant's rows, an insert gets the tenant column, an update or delete changes
/// only the current tenant's rows and never the tenant column.
/// </summary>
/// <typeparam name="TEntity">The entity class, mapped by attributes or the model's naming convention.</typeparam>
public sealed class EntitySet<TEntity>
    where TEntity : class
{
    private readonly QueryFactory _db;
    private readonly TenantModel _model;
    private readonly EntityMap _map;
    private readonly IDbTransaction? _transaction;
    private readonly string[] _returning;

    internal EntitySet(QueryFactory db, TenantModel model, IDbTransaction? transaction)
    {
        _db = db;
        _model = model;
        _map = EntityMaps.Get<TEntity>(model);
        _transaction = transaction;
        _returning = EntityStatements.Returned(_map);
    }

    /// <summary>A query selecting every mapped column (as its property name) of the entity's table, to filter further: <c>Query().Where("name", "x").Get&lt;Project&gt;()</c>.</summary>
    public Query Query() => EntityStatements.Select(_db, _map);

    /// <summary>
    /// Inserts <paramref name="entity"/> and reads back its generated keys and tenant column. An empty
    /// tenant property is filled with the current tenant; one naming another tenant is refused.
    /// </summary>
    /// <param name="entity">The entity; its generated and tenant properties are set.</param>
    /// <returns>The same entity.</returns>
    /// <exception cref="TenantMismatchException">The entity names another tenant than the current one; nothing was written.</exception>
    /// <exception cref="TenantNotSetException">No tenant is set; nothing was sent.</exception>
    public TEntity Insert(TEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var query = EntityStatements.Insert(_db, _map, entity);
        if (_returning.Length == 0)
        {
            _db.Execute(query, _transaction);
            return entity;
        }

        EntityStatements.ReadBack(_map, entity, Row(_db.Get<object>(query.Returning(_returning), _transaction).Single()));
        return entity;
    }

    /// <summary>Inserts <paramref name="entity"/>; the asynchronous twin of <see cref="Insert(TEntity)"/>.</summary>
    /// <param name="entity">The entity; its generated and tenant properties are set.</param>
    /// <param name="cancellationToken">Cancels the insert.</param>
    /// <returns>The same entity.</returns>
    public async Task<TEntity> InsertAsync(TEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var query = EntityStatements.Insert(_db, _map, entity);
        if (_returning.Length == 0)
        {
            await _db.ExecuteAsync(query, _transaction, cancellationToken: cancellationToken).ConfigureAwait(false);
            return entity;
        }

        var rows = await _db.GetAsync<object>(query.Returning(_returning), _transaction, cancellationToken: cancellationToken).ConfigureAwait(false);
        EntityStatements.ReadBack(_map, entity, Row(rows.Single()));
        return entity;
    }

    /// <summary>Inserts every entity in one transaction (the set's, or a new one on an open or closed connection): all or none.</summary>
    /// <param name="entities">The entities; their generated and tenant properties are set.</param>
    /// <returns>The number of entities inserted.</returns>
    public int InsertMany(IEnumerable<TEntity> entities) => InBatch(entities, static (set, entity) => set.Insert(entity) is not null);

    /// <summary>Inserts every entity in one transaction; the asynchronous twin of <see cref="InsertMany"/>.</summary>
    /// <param name="entities">The entities; their generated and tenant properties are set.</param>
    /// <param name="cancellationToken">Cancels the inserts; none is kept then.</param>
    /// <returns>The number of entities inserted.</returns>
    public Task<int> InsertManyAsync(IEnumerable<TEntity> entities, CancellationToken cancellationToken = default) =>
        InBatchAsync(entities, static async (set, entity, token) => await set.InsertAsync(entity, token).ConfigureAwait(false) is not null, cancellationToken);

    /// <summary>The current tenant's entity with this key, or <see langword="null"/>.</summary>
    /// <param name="key">The key values in key order, without the tenant column (e.g. <c>Get(7)</c> for <c>(account_id, id)</c>).</param>
    public TEntity? Get(params object?[] key) =>
        _db.FirstOrDefault<TEntity>(EntityStatements.WhereKey(Query(), _map, key), _transaction);

    /// <summary>The current tenant's entity with this key, or <see langword="null"/>.</summary>
    /// <param name="key">The key values in key order, without the tenant column.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<TEntity?> GetAsync(object?[] key, CancellationToken cancellationToken = default) =>
        _db.FirstOrDefaultAsync<TEntity>(EntityStatements.WhereKey(Query(), _map, key), _transaction, cancellationToken: cancellationToken);

    /// <summary>Every entity of the current tenant (of each current tenant, under <see cref="CurrentTenant.UseMany"/>).</summary>
    public IEnumerable<TEntity> GetAll() => _db.Get<TEntity>(Query(), _transaction);

    /// <summary>Every entity of the current tenant(s).</summary>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IEnumerable<TEntity>> GetAllAsync(CancellationToken cancellationToken = default) =>
        _db.GetAsync<TEntity>(Query(), _transaction, cancellationToken: cancellationToken);

    /// <summary>
    /// Writes every column of <paramref name="entity"/> except its key, tenant and generated columns to
    /// the current tenant's row with its key; the tenant column never changes.
    /// </summary>
    /// <param name="entity">The entity.</param>
    /// <returns>Whether a row was updated (false when the current tenant has no such row).</returns>
    public bool Update(TEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return _db.Execute(EntityStatements.Update(_db, _map, entity), _transaction) > 0;
    }

    /// <summary>Updates <paramref name="entity"/>; the asynchronous twin of <see cref="Update(TEntity)"/>.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>Whether a row was updated.</returns>
    public async Task<bool> UpdateAsync(TEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return await _db.ExecuteAsync(EntityStatements.Update(_db, _map, entity), _transaction, cancellationToken: cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Updates every entity in one transaction (the set's, or a new one).</summary>
    /// <param name="entities">The entities.</param>
    /// <returns>The number of rows updated.</returns>
    public int UpdateMany(IEnumerable<TEntity> entities) => InBatch(entities, static (set, entity) => set.Update(entity));

    /// <summary>Updates every entity in one transaction; the asynchronous twin of <see cref="UpdateMany"/>.</summary>
    /// <param name="entities">The entities.</param>
    /// <param name="cancellationToken">Cancels the updates; none is kept then.</param>
    /// <returns>The number of rows updated.</returns>
    public Task<int> UpdateManyAsync(IEnumerable<TEntity> entities, CancellationToken cancellationToken = default) =>
        InBatchAsync(entities, static (set, entity, token) => set.UpdateAsync(entity, token), cancellationToken);

    /// <summary>Deletes the current tenant's row with the key of <paramref name="entity"/>.</summary>
    /// <param name="entity">The entity.</param>
    /// <returns>Whether a row was deleted.</returns>
    public bool Delete(TEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return _db.Execute(EntityStatements.WhereEntity(EntityStatements.On(_db, _map), _map, entity).AsDelete(), _transaction) > 0;
    }

    /// <summary>Deletes the row of <paramref name="entity"/>; the asynchronous twin of <see cref="Delete(TEntity)"/>.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>Whether a row was deleted.</returns>
    public async Task<bool> DeleteAsync(TEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var query = EntityStatements.WhereEntity(EntityStatements.On(_db, _map), _map, entity).AsDelete();
        return await _db.ExecuteAsync(query, _transaction, cancellationToken: cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Deletes every entity's row in one transaction (the set's, or a new one).</summary>
    /// <param name="entities">The entities.</param>
    /// <returns>The number of rows deleted.</returns>
    public int DeleteMany(IEnumerable<TEntity> entities) => InBatch(entities, static (set, entity) => set.Delete(entity));

    /// <summary>Deletes every entity's row in one transaction; the asynchronous twin of <see cref="DeleteMany"/>.</summary>
    /// <param name="entities">The entities.</param>
    /// <param name="cancellationToken">Cancels the deletes; none is kept then.</param>
    /// <returns>The number of rows deleted.</returns>
    public Task<int> DeleteManyAsync(IEnumerable<TEntity> entities, CancellationToken cancellationToken = default) =>
        InBatchAsync(entities, static (set, entity, token) => set.DeleteAsync(entity, token), cancellationToken);

    /// <summary>Deletes the current tenant's row with this key.</summary>
    /// <param name="key">The key values in key order, without the tenant column.</param>
    /// <returns>Whether a row was deleted.</returns>
    public bool DeleteByKey(params object?[] key) =>
        _db.Execute(EntityStatements.WhereKey(EntityStatements.On(_db, _map), _map, key).AsDelete(), _transaction) > 0;

    /// <summary>Deletes the current tenant's row with this key.</summary>
    /// <param name="key">The key values in key order, without the tenant column.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>Whether a row was deleted.</returns>
    public async Task<bool> DeleteByKeyAsync(object?[] key, CancellationToken cancellationToken = default)
    {
        var query = EntityStatements.WhereKey(EntityStatements.On(_db, _map), _map, key).AsDelete();
        return await _db.ExecuteAsync(query, _transaction, cancellationToken: cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// Inserts many rows at once with binary COPY (see <see cref="BulkCopyExtensions.BulkInsert{TEntity}"/>): one
    /// tenant, all rows or none, generated keys not read back. Runs inside the set's transaction when it has one.
    /// </summary>
    /// <param name="rows">The entities to insert, read once.</param>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="NotSupportedException">The factory's connection is neither an Npgsql connection nor a <see cref="TenantDataSource"/>'s.</exception>
    public long BulkInsert(IEnumerable<TEntity> rows) =>
        _db.Connection is DataSource.NpgsqlConnection scoping ? scoping.BulkInsert(rows) : Npgsql().BulkInsert(_model, rows);

    /// <summary>Inserts many rows at once with binary COPY; the asynchronous twin of <see cref="BulkInsert"/>.</summary>
    /// <param name="rows">The entities to insert, read once.</param>
    /// <param name="cancellationToken">Cancels the insert; nothing is written then.</param>
    /// <returns>The number of rows inserted.</returns>
    public Task<long> BulkInsertAsync(IEnumerable<TEntity> rows, CancellationToken cancellationToken = default) =>
        _db.Connection is DataSource.NpgsqlConnection scoping ? scoping.BulkInsertAsync(rows, cancellationToken) : Npgsql().BulkInsertAsync(_model, rows, cancellationToken);

    private static IDictionary<string, object?> Row(object row) => (IDictionary<string, object?>)row;

    // A data source's connection is COPY'd by its own bulk extensions (above); this is the factory's Npgsql connection.
    private NpgsqlConnection Npgsql() => _db.Connection switch
    {
        NpgsqlConnection driver => driver,
        var other => throw new NotSupportedException($"Bulk insert uses PostgreSQL's binary COPY and needs an Npgsql connection or a TenantDataSource's; this factory runs on a {other.GetType().FullName}. Use InsertMany instead."),
    };

    private int InBatch(IEnumerable<TEntity> entities, Func<EntitySet<TEntity>, TEntity, bool> operation)
    {
        ArgumentNullException.ThrowIfNull(entities);
        if (_transaction is not null)
        {
            return entities.Count(entity => operation(this, entity));
        }

        var connection = _db.Connection;
        var opened = connection.State == ConnectionState.Closed;
        if (opened)
        {
            connection.Open();
        }

        try
        {
            using var transaction = connection.BeginTransaction();
            var set = new EntitySet<TEntity>(_db, _model, transaction);
            var count = entities.Count(entity => operation(set, entity));
            transaction.Commit();
            return count;
        }
        finally
        {
            if (opened)
            {
                connection.Close();
            }
        }
    }

    private async Task<int> InBatchAsync(IEnumerable<TEntity> entities, Func<EntitySet<TEntity>, TEntity, CancellationToken, Task<bool>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entities);
        if (_transaction is not null)
        {
            return await CountAsync(this, entities, operation, cancellationToken).ConfigureAwait(false);
        }

        var connection = (DbConnection)_db.Connection;
        var opened = connection.State == ConnectionState.Closed;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var count = await CountAsync(new EntitySet<TEntity>(_db, _model, transaction), entities, operation, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return count;
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<int> CountAsync(EntitySet<TEntity> set, IEnumerable<TEntity> entities, Func<EntitySet<TEntity>, TEntity, CancellationToken, Task<bool>> operation, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var entity in entities)
        {
            count += await operation(set, entity, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return count;
    }
}
