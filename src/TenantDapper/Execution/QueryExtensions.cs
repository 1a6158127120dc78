using System.Data;

namespace TenantDapper;

/// <summary>
/// Runs a query created by <see cref="QueryFactory.Query(string)"/>, as SqlKata.Execution's extension methods do:
/// <c>db.Query("projects").Where("id", 1).First&lt;Project&gt;()</c>. Writes (Insert, Update, Delete, ...) work on a copy,
/// so the query itself keeps selecting.
/// </summary>
public static class QueryExtensions
{
    /// <summary>Runs the query and maps every row to <typeparamref name="T"/>.</summary>
    public static IEnumerable<T> Get<T>(this Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Get<T>(query, transaction, timeout);

    /// <summary>Runs the query and maps every row to <typeparamref name="T"/>.</summary>
    public static Task<IEnumerable<T>> GetAsync<T>(this Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).GetAsync<T>(query, transaction, timeout, cancellationToken);

    /// <summary>Runs the query and returns every row as a dynamic object.</summary>
    public static IEnumerable<dynamic> Get(this Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Get<dynamic>(query, transaction, timeout);

    /// <summary>Runs the query and returns every row as a dynamic object.</summary>
    public static Task<IEnumerable<dynamic>> GetAsync(this Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).GetAsync<dynamic>(query, transaction, timeout, cancellationToken);

    /// <summary>The first row; throws when there is none.</summary>
    public static T First<T>(this Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).First<T>(query, transaction, timeout);

    /// <summary>The first row; throws when there is none.</summary>
    public static Task<T> FirstAsync<T>(this Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).FirstAsync<T>(query, transaction, timeout, cancellationToken);

    /// <summary>The first row, or the default of <typeparamref name="T"/> when there is none.</summary>
    public static T? FirstOrDefault<T>(this Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).FirstOrDefault<T>(query, transaction, timeout);

    /// <summary>The first row, or the default of <typeparamref name="T"/> when there is none.</summary>
    public static Task<T?> FirstOrDefaultAsync<T>(this Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).FirstOrDefaultAsync<T>(query, transaction, timeout, cancellationToken);

    /// <summary>Page <paramref name="page"/> (from 1) of <paramref name="perPage"/> rows, with the total count.</summary>
    public static PaginationResult<T> Paginate<T>(this Query query, int page, int perPage = 25, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Paginate<T>(query, page, perPage, transaction, timeout);

    /// <summary>Page <paramref name="page"/> (from 1) of <paramref name="perPage"/> rows, with the total count.</summary>
    public static Task<PaginationResult<T>> PaginateAsync<T>(this Query query, int page, int perPage = 25, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).PaginateAsync<T>(query, page, perPage, transaction, timeout, cancellationToken);

    /// <summary>Inserts one row from the public properties (or dictionary entries) of <paramref name="data"/>; returns the number of rows inserted.</summary>
    public static int Insert(this Query query, object data, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Execute(query.Clone().AsInsert(data), transaction, timeout);

    /// <summary>Inserts one row from the public properties (or dictionary entries) of <paramref name="data"/>; returns the number of rows inserted.</summary>
    public static Task<int> InsertAsync(this Query query, object data, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteAsync(query.Clone().AsInsert(data), transaction, timeout, cancellationToken);

    /// <summary>Inserts one row from column/value pairs; returns the number of rows inserted.</summary>
    public static int Insert(this Query query, IEnumerable<KeyValuePair<string, object?>> values, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Execute(query.Clone().AsInsert(values), transaction, timeout);

    /// <summary>Inserts one row from column/value pairs; returns the number of rows inserted.</summary>
    public static Task<int> InsertAsync(this Query query, IEnumerable<KeyValuePair<string, object?>> values, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteAsync(query.Clone().AsInsert(values), transaction, timeout, cancellationToken);

    /// <summary>Inserts many rows, each in the order of <paramref name="columns"/>; returns the number of rows inserted.</summary>
    public static int Insert(this Query query, IEnumerable<string> columns, IEnumerable<IEnumerable<object?>> valuesCollection, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Execute(query.Clone().AsInsert(columns, valuesCollection), transaction, timeout);

    /// <summary>Inserts many rows, each in the order of <paramref name="columns"/>; returns the number of rows inserted.</summary>
    public static Task<int> InsertAsync(this Query query, IEnumerable<string> columns, IEnumerable<IEnumerable<object?>> valuesCollection, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteAsync(query.Clone().AsInsert(columns, valuesCollection), transaction, timeout, cancellationToken);

    /// <summary>Inserts the rows of <paramref name="fromQuery"/>; returns the number of rows inserted.</summary>
    public static int Insert(this Query query, IEnumerable<string> columns, Query fromQuery, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Execute(query.Clone().AsInsert(columns, fromQuery), transaction, timeout);

    /// <summary>Inserts the rows of <paramref name="fromQuery"/>; returns the number of rows inserted.</summary>
    public static Task<int> InsertAsync(this Query query, IEnumerable<string> columns, Query fromQuery, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteAsync(query.Clone().AsInsert(columns, fromQuery), transaction, timeout, cancellationToken);

    /// <summary>Inserts one row and returns its <c>id</c> column, read with <c>RETURNING</c> in the same statement.</summary>
    public static T InsertGetId<T>(this Query query, object data, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).ExecuteScalar<T>(query.Clone().AsInsert(data, returnId: true), transaction, timeout)!;

    /// <summary>Inserts one row and returns its <c>id</c> column, read with <c>RETURNING</c> in the same statement.</summary>
    public static Task<T> InsertGetIdAsync<T>(this Query query, object data, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteScalarAsync<T>(query.Clone().AsInsert(data, returnId: true), transaction, timeout, cancellationToken)!;

    /// <summary>Inserts one row and returns its <c>id</c> column, read with <c>RETURNING</c> in the same statement.</summary>
    public static T InsertGetId<T>(this Query query, IEnumerable<KeyValuePair<string, object?>> data, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).ExecuteScalar<T>(query.Clone().AsInsert(data, returnId: true), transaction, timeout)!;

    /// <summary>Inserts one row and returns its <c>id</c> column, read with <c>RETURNING</c> in the same statement.</summary>
    public static Task<T> InsertGetIdAsync<T>(this Query query, IEnumerable<KeyValuePair<string, object?>> data, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteScalarAsync<T>(query.Clone().AsInsert(data, returnId: true), transaction, timeout, cancellationToken)!;

    /// <summary>Updates the selected rows with the public properties (or dictionary entries) of <paramref name="data"/>; returns the number of rows changed.</summary>
    public static int Update(this Query query, object data, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Execute(query.Clone().AsUpdate(data), transaction, timeout);

    /// <summary>Updates the selected rows with the public properties (or dictionary entries) of <paramref name="data"/>; returns the number of rows changed.</summary>
    public static Task<int> UpdateAsync(this Query query, object data, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteAsync(query.Clone().AsUpdate(data), transaction, timeout, cancellationToken);

    /// <summary>Updates the selected rows with column/value pairs; returns the number of rows changed.</summary>
    public static int Update(this Query query, IEnumerable<KeyValuePair<string, object?>> values, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Execute(query.Clone().AsUpdate(values), transaction, timeout);

    /// <summary>Updates the selected rows with column/value pairs; returns the number of rows changed.</summary>
    public static Task<int> UpdateAsync(this Query query, IEnumerable<KeyValuePair<string, object?>> values, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteAsync(query.Clone().AsUpdate(values), transaction, timeout, cancellationToken);

    /// <summary>Adds <paramref name="value"/> to <paramref name="column"/> of the selected rows; returns the number of rows changed.</summary>
    public static int Increment(this Query query, string column, int value = 1, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Execute(query.Clone().AsIncrement(column, value), transaction, timeout);

    /// <summary>Adds <paramref name="value"/> to <paramref name="column"/> of the selected rows; returns the number of rows changed.</summary>
    public static Task<int> IncrementAsync(this Query query, string column, int value = 1, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteAsync(query.Clone().AsIncrement(column, value), transaction, timeout, cancellationToken);

    /// <summary>Subtracts <paramref name="value"/> from <paramref name="column"/> of the selected rows; returns the number of rows changed.</summary>
    public static int Decrement(this Query query, string column, int value = 1, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Execute(query.Clone().AsDecrement(column, value), transaction, timeout);

    /// <summary>Subtracts <paramref name="value"/> from <paramref name="column"/> of the selected rows; returns the number of rows changed.</summary>
    public static Task<int> DecrementAsync(this Query query, string column, int value = 1, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteAsync(query.Clone().AsDecrement(column, value), transaction, timeout, cancellationToken);

    /// <summary>Deletes the selected rows; returns the number of rows deleted.</summary>
    public static int Delete(this Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Execute(query.Clone().AsDelete(), transaction, timeout);

    /// <summary>Deletes the selected rows; returns the number of rows deleted.</summary>
    public static Task<int> DeleteAsync(this Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteAsync(query.Clone().AsDelete(), transaction, timeout, cancellationToken);

    /// <summary>Whether the query returns at least one row.</summary>
    public static bool Exists(this Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Exists(query, transaction, timeout);

    /// <summary>Whether the query returns at least one row.</summary>
    public static Task<bool> ExistsAsync(this Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExistsAsync(query, transaction, timeout, cancellationToken);

    /// <summary>Whether the query returns no row.</summary>
    public static bool NotExist(this Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        !Factory(query).Exists(query, transaction, timeout);

    /// <summary>Whether the query returns no row.</summary>
    public static Task<bool> NotExistAsync(this Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        NotAsync(Factory(query).ExistsAsync(query, transaction, timeout, cancellationToken));

    /// <summary>Runs <c>count</c>, <c>sum</c>, <c>avg</c>, <c>min</c> or <c>max</c> over the query (ignoring its ORDER BY, LIMIT, OFFSET and GROUP BY).</summary>
    public static T Aggregate<T>(this Query query, string aggregateOperation, string[]? columns = null, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).ExecuteScalar<T>(query.Clone().AsAggregate(aggregateOperation, columns), transaction, timeout)!;

    /// <summary>Runs <c>count</c>, <c>sum</c>, <c>avg</c>, <c>min</c> or <c>max</c> over the query (ignoring its ORDER BY, LIMIT, OFFSET and GROUP BY).</summary>
    public static Task<T> AggregateAsync<T>(this Query query, string aggregateOperation, string[]? columns = null, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ExecuteScalarAsync<T>(query.Clone().AsAggregate(aggregateOperation, columns), transaction, timeout, cancellationToken)!;

    /// <summary>Counts the query's rows (or the non-null values of <paramref name="columns"/>; of distinct values after <c>Distinct()</c>).</summary>
    public static T Count<T>(this Query query, string[]? columns = null, IDbTransaction? transaction = null, int? timeout = null) =>
        query.Aggregate<T>("count", columns, transaction, timeout);

    /// <summary>Counts the query's rows (or the non-null values of <paramref name="columns"/>; of distinct values after <c>Distinct()</c>).</summary>
    public static Task<T> CountAsync<T>(this Query query, string[]? columns = null, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        query.AggregateAsync<T>("count", columns, transaction, timeout, cancellationToken);

    /// <summary><c>AVG(column)</c> over the query's rows.</summary>
    public static T Average<T>(this Query query, string column, IDbTransaction? transaction = null, int? timeout = null) =>
        query.Aggregate<T>("avg", [column], transaction, timeout);

    /// <summary><c>AVG(column)</c> over the query's rows.</summary>
    public static Task<T> AverageAsync<T>(this Query query, string column, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        query.AggregateAsync<T>("avg", [column], transaction, timeout, cancellationToken);

    /// <summary><c>SUM(column)</c> over the query's rows.</summary>
    public static T Sum<T>(this Query query, string column, IDbTransaction? transaction = null, int? timeout = null) =>
        query.Aggregate<T>("sum", [column], transaction, timeout);

    /// <summary><c>SUM(column)</c> over the query's rows.</summary>
    public static Task<T> SumAsync<T>(this Query query, string column, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        query.AggregateAsync<T>("sum", [column], transaction, timeout, cancellationToken);

    /// <summary><c>MIN(column)</c> over the query's rows.</summary>
    public static T Min<T>(this Query query, string column, IDbTransaction? transaction = null, int? timeout = null) =>
        query.Aggregate<T>("min", [column], transaction, timeout);

    /// <summary><c>MIN(column)</c> over the query's rows.</summary>
    public static Task<T> MinAsync<T>(this Query query, string column, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        query.AggregateAsync<T>("min", [column], transaction, timeout, cancellationToken);

    /// <summary><c>MAX(column)</c> over the query's rows.</summary>
    public static T Max<T>(this Query query, string column, IDbTransaction? transaction = null, int? timeout = null) =>
        query.Aggregate<T>("max", [column], transaction, timeout);

    /// <summary><c>MAX(column)</c> over the query's rows.</summary>
    public static Task<T> MaxAsync<T>(this Query query, string column, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        query.AggregateAsync<T>("max", [column], transaction, timeout, cancellationToken);

    /// <summary>Runs the query page by page and calls <paramref name="func"/> with each page and its number (from 1) until it returns false or the rows run out; every page is scoped for the tenant current at the call.</summary>
    public static void Chunk<T>(this Query query, int chunkSize, Func<IEnumerable<T>, int, bool> func, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Chunk(query, chunkSize, func, transaction, timeout);

    /// <summary>Runs the query page by page and calls <paramref name="func"/> with each page and its number (from 1) until it returns false or the rows run out; every page is scoped for the tenant current at the call.</summary>
    public static Task ChunkAsync<T>(this Query query, int chunkSize, Func<IEnumerable<T>, int, bool> func, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ChunkAsync(query, chunkSize, func, transaction, timeout, cancellationToken);

    /// <summary>Runs the query page by page (dynamic rows) and calls <paramref name="func"/> with each page until it returns false or the rows run out.</summary>
    public static void Chunk(this Query query, int chunkSize, Func<IEnumerable<dynamic>, int, bool> func, IDbTransaction? transaction = null, int? timeout = null) =>
        query.Chunk<dynamic>(chunkSize, func, transaction, timeout);

    /// <summary>Runs the query page by page (dynamic rows) and calls <paramref name="func"/> with each page until it returns false or the rows run out.</summary>
    public static Task ChunkAsync(this Query query, int chunkSize, Func<IEnumerable<dynamic>, int, bool> func, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        query.ChunkAsync<dynamic>(chunkSize, func, transaction, timeout, cancellationToken);

    /// <summary>Runs the query page by page and calls <paramref name="action"/> with each page and its number (from 1).</summary>
    public static void Chunk<T>(this Query query, int chunkSize, Action<IEnumerable<T>, int> action, IDbTransaction? transaction = null, int? timeout = null) =>
        Factory(query).Chunk(query, chunkSize, action, transaction, timeout);

    /// <summary>Runs the query page by page and calls <paramref name="action"/> with each page and its number (from 1).</summary>
    public static Task ChunkAsync<T>(this Query query, int chunkSize, Action<IEnumerable<T>, int> action, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Factory(query).ChunkAsync(query, chunkSize, action, transaction, timeout, cancellationToken);

    /// <summary>Runs the query page by page (dynamic rows) and calls <paramref name="action"/> with each page and its number (from 1).</summary>
    public static void Chunk(this Query query, int chunkSize, Action<IEnumerable<dynamic>, int> action, IDbTransaction? transaction = null, int? timeout = null) =>
        query.Chunk<dynamic>(chunkSize, action, transaction, timeout);

    /// <summary>Runs the query page by page (dynamic rows) and calls <paramref name="action"/> with each page and its number (from 1).</summary>
    public static Task ChunkAsync(this Query query, int chunkSize, Action<IEnumerable<dynamic>, int> action, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        query.ChunkAsync<dynamic>(chunkSize, action, transaction, timeout, cancellationToken);

    private static QueryFactory Factory(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Factory as QueryFactory ?? throw new QueryNotExecutableException();
    }

    private static async Task<bool> NotAsync(Task<bool> exists) => !await exists.ConfigureAwait(false);
}
