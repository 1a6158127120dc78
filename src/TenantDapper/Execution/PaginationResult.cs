using System.Data;

namespace TenantDapper;

/// <summary>One page of a query's rows with the total count, as SqlKata.Execution's <c>Paginate</c> returns it.</summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class PaginationResult<T>
{
    private readonly QueryFactory _factory;

    internal PaginationResult(QueryFactory factory, Query query, long count, int page, int perPage, IEnumerable<T> list)
    {
        _factory = factory;
        Query = query;
        Count = count;
        Page = page;
        PerPage = perPage;
        List = list;
    }

    /// <summary>The query being paged (without its page's LIMIT and OFFSET).</summary>
    public Query Query { get; }

    /// <summary>The total number of rows of the query.</summary>
    public long Count { get; }

    /// <summary>The page number, from 1.</summary>
    public int Page { get; }

    /// <summary>The page size.</summary>
    public int PerPage { get; }

    /// <summary>The rows of this page.</summary>
    public IEnumerable<T> List { get; }

    /// <summary>The number of pages.</summary>
    public int TotalPages => Count == 0 ? 0 : (int)((Count + PerPage - 1) / PerPage);

    /// <summary>Whether this is the first page.</summary>
    public bool IsFirst => Page == 1;

    /// <summary>Whether this is the last page (or past it).</summary>
    public bool IsLast => Page >= TotalPages;

    /// <summary>Whether a next page exists.</summary>
    public bool HasNext => Page < TotalPages;

    /// <summary>Whether a previous page exists.</summary>
    public bool HasPrevious => Page > 1;

    /// <summary>The query of the next page.</summary>
    public Query NextQuery() => Query.Clone().ForPage(Page + 1, PerPage);

    /// <summary>The query of the previous page.</summary>
    public Query PreviousQuery() => Query.Clone().ForPage(Page - 1, PerPage);

    /// <summary>Runs the next page.</summary>
    public PaginationResult<T> Next(IDbTransaction? transaction = null, int? timeout = null) => _factory.Paginate<T>(Query, Page + 1, PerPage, transaction, timeout);

    /// <summary>Runs the previous page.</summary>
    public PaginationResult<T> Previous(IDbTransaction? transaction = null, int? timeout = null) => _factory.Paginate<T>(Query, Page - 1, PerPage, transaction, timeout);

    /// <summary>Runs the next page.</summary>
    public Task<PaginationResult<T>> NextAsync(IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        _factory.PaginateAsync<T>(Query, Page + 1, PerPage, transaction, timeout, cancellationToken);

    /// <summary>Runs the previous page.</summary>
    public Task<PaginationResult<T>> PreviousAsync(IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        _factory.PaginateAsync<T>(Query, Page - 1, PerPage, transaction, timeout, cancellationToken);
}
