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
