using System.Data;

namespace TenantDapper;

/// <content>Pagination, existence and aggregates.</content>
public partial class QueryFactory
{
    /// <summary>Page <paramref name="page"/> (from 1) of <paramref name="perPage"/> rows of <paramref name="query"/>, with the total count.</summary>
    public PaginationResult<T> Paginate<T>(Query query, int page, int perPage = 25, IDbTransaction? transaction = null, int? timeout = null)
    {
        CheckPage(query, page, perPage);
        var count = ExecuteScalar<long>(query.Clone().AsCount(), transaction, timeout);
        var list = count > 0 ? Get<T>(query.Clone().ForPage(page, perPage), transaction, timeout) : [];
        return new PaginationResult<T>(this, query, count, page, perPage, list);
    }

    /// <summary>Page <paramref name="page"/> (from 1) of <paramref name="perPage"/> rows of <paramref name="query"/>, with the total count.</summary>
    public async Task<PaginationResult<T>> PaginateAsync<T>(Query query, int page, int perPage = 25, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default)
    {
        CheckPage(query, page, perPage);
        var count = await ExecuteScalarAsync<long>(query.Clone().AsCount(), transaction, timeout, cancellationToken).ConfigureAwait(false);
        var list = count > 0 ? await GetAsync<T>(query.Clone().ForPage(page, perPage), transaction, timeout, cancellationToken).ConfigureAwait(false) : [];
        return new PaginationResult<T>(this, query, count, page, perPage, list);
    }

    /// <summary>
    /// Runs <paramref name="query"/> page by page (<paramref name="chunkSize"/> rows each, in the query's order) and calls
    /// <paramref name="func"/> with each page and its number (from 1) until it returns false or the rows run out. Every page is
    /// scoped for the tenant current when Chunk was called. Give the query an ORDER BY on a unique key so pages neither skip nor repeat rows.
    /// </summary>
    public void Chunk<T>(Query query, int chunkSize, Func<IEnumerable<T>, int, bool> func, IDbTransaction? transaction = null, int? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(func);
        CheckPage(query, 1, chunkSize);
        var state = CurrentTenant.Current;
        for (var page = 1; ; page++)
        {
            var rows = Get<T>(query.Clone().ForPage(page, chunkSize), state, transaction, timeout).ToList();
            if ((page > 1 && rows.Count == 0) || !func(rows, page) || rows.Count < chunkSize)
            {
                return;
            }
        }
    }

    /// <summary>Runs <paramref name="query"/> page by page and calls <paramref name="action"/> with each page and its number (from 1); see <see cref="Chunk{T}(Query, int, Func{IEnumerable{T}, int, bool}, IDbTransaction?, int?)"/>.</summary>
    public void Chunk<T>(Query query, int chunkSize, Action<IEnumerable<T>, int> action, IDbTransaction? transaction = null, int? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        Chunk<T>(query, chunkSize, (rows, page) =>
        {
            action(rows, page);
            return true;
        }, transaction, timeout);
    }

    /// <summary>Runs <paramref name="query"/> page by page and calls <paramref name="func"/> with each page until it returns false or the rows run out; see <see cref="Chunk{T}(Query, int, Func{IEnumerable{T}, int, bool}, IDbTransaction?, int?)"/>.</summary>
    public async Task ChunkAsync<T>(Query query, int chunkSize, Func<IEnumerable<T>, int, bool> func, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(func);
        CheckPage(query, 1, chunkSize);
        var state = CurrentTenant.Current;
        for (var page = 1; ; page++)
        {
            var rows = (await GetAsync<T>(query.Clone().ForPage(page, chunkSize), state, transaction, timeout, cancellationToken).ConfigureAwait(false)).ToList();
            if ((page > 1 && rows.Count == 0) || !func(rows, page) || rows.Count < chunkSize)
            {
                return;
            }
        }
    }

    /// <summary>Runs <paramref name="query"/> page by page and calls <paramref name="action"/> with each page and its number (from 1); see <see cref="Chunk{T}(Query, int, Func{IEnumerable{T}, int, bool}, IDbTransaction?, int?)"/>.</summary>
    public Task ChunkAsync<T>(Query query, int chunkSize, Action<IEnumerable<T>, int> action, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        return ChunkAsync<T>(query, chunkSize, (rows, page) =>
        {
            action(rows, page);
            return true;
        }, transaction, timeout, cancellationToken);
    }

    /// <summary>Whether <paramref name="query"/> returns at least one row.</summary>
    public bool Exists(Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Get<int>(ExistsProbe(query), transaction, timeout).Any();

    /// <summary>Whether <paramref name="query"/> returns at least one row.</summary>
    public async Task<bool> ExistsAsync(Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        (await GetAsync<int>(ExistsProbe(query), transaction, timeout, cancellationToken).ConfigureAwait(false)).Any();

    private static Query ExistsProbe(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        // A set operation's arms must keep their select lists, so it is probed from outside.
        return query.Combines.Count > 0
            ? new Query().From(query, "existsQuery").SelectRaw("1").Limit(1)
            : query.Clone().ReplaceSelect("1").Limit(1);
    }

    private static void CheckPage(Query query, int page, int perPage)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perPage, 1);
    }
}
