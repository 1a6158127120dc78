using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <content>ORDER BY, LIMIT, OFFSET and set operations.</content>
public sealed partial class Query
{
    /// <summary>Adds columns to ORDER BY, ascending.</summary>
    public Query OrderBy(params string[] columns) => AddOrders(columns, descending: false);

    /// <summary>Adds columns to ORDER BY, descending.</summary>
    public Query OrderByDesc(params string[] columns) => AddOrders(columns, descending: true);

    /// <summary>Adds raw items to ORDER BY, parsed as <c>expression [ASC|DESC] [NULLS FIRST|LAST], ...</c> (<c>?</c> bindings, <c>[x]</c> identifiers).</summary>
    public Query OrderByRaw(string expression, params object?[] bindings)
    {
        (_orders ??= []).AddRange(RawFragment.OrderItems(expression, bindings));
        return this;
    }

    /// <summary>Returns at most <paramref name="value"/> rows; 0 or a negative value means no limit (as in SqlKata).</summary>
    public Query Limit(int value)
    {
        LimitValue = Math.Max(value, 0);
        return this;
    }

    /// <summary>Skips <paramref name="value"/> rows; 0 or a negative value means none (as in SqlKata).</summary>
    public Query Offset(long value)
    {
        OffsetValue = Math.Max(value, 0);
        return this;
    }

    /// <summary>Same as <see cref="Offset(long)"/>.</summary>
    public Query Offset(int value) => Offset((long)value);

    /// <summary>Same as <see cref="Limit"/>.</summary>
    public Query Take(int limit) => Limit(limit);

    /// <summary>Same as <see cref="Offset(long)"/>.</summary>
    public Query Skip(int offset) => Offset((long)offset);

    /// <summary>Returns page <paramref name="page"/> (from 1) of <paramref name="perPage"/> rows; a page size of 0 means no limit, and a page below 1 is the first page (as in SqlKata).</summary>
    public Query ForPage(int page, int perPage = 15) => Limit(perPage).Offset((long)(page - 1) * perPage);

    /// <summary>Appends <c>UNION [ALL] (query)</c> after the whole query, with a copy of <paramref name="query"/>.</summary>
    public Query Union(Query query, bool all = false) => Combine(SetOperator.Union, all, query);

    /// <summary>Appends <c>UNION [ALL]</c> with the query built by <paramref name="callback"/>.</summary>
    public Query Union(Func<Query, Query> callback, bool all = false) => Combine(SetOperator.Union, all, Built(callback));

    /// <summary>Appends <c>UNION ALL (query)</c>.</summary>
    public Query UnionAll(Query query) => Union(query, all: true);

    /// <summary>Appends <c>UNION ALL</c> with the query built by <paramref name="callback"/>.</summary>
    public Query UnionAll(Func<Query, Query> callback) => Union(callback, all: true);

    /// <summary>Appends <c>EXCEPT [ALL] (query)</c>.</summary>
    public Query Except(Query query, bool all = false) => Combine(SetOperator.Except, all, query);

    /// <summary>Appends <c>EXCEPT [ALL]</c> with the query built by <paramref name="callback"/>.</summary>
    public Query Except(Func<Query, Query> callback, bool all = false) => Combine(SetOperator.Except, all, Built(callback));

    /// <summary>Appends <c>EXCEPT ALL (query)</c>.</summary>
    public Query ExceptAll(Query query) => Except(query, all: true);

    /// <summary>Appends <c>EXCEPT ALL</c> with the query built by <paramref name="callback"/>.</summary>
    public Query ExceptAll(Func<Query, Query> callback) => Except(callback, all: true);

    /// <summary>Appends <c>INTERSECT [ALL] (query)</c>.</summary>
    public Query Intersect(Query query, bool all = false) => Combine(SetOperator.Intersect, all, query);

    /// <summary>Appends <c>INTERSECT [ALL]</c> with the query built by <paramref name="callback"/>.</summary>
    public Query Intersect(Func<Query, Query> callback, bool all = false) => Combine(SetOperator.Intersect, all, Built(callback));

    /// <summary>Appends <c>INTERSECT ALL (query)</c>.</summary>
    public Query IntersectAll(Query query) => Intersect(query, all: true);

    /// <summary>Appends <c>INTERSECT ALL</c> with the query built by <paramref name="callback"/>.</summary>
    public Query IntersectAll(Func<Query, Query> callback) => Intersect(callback, all: true);

    /// <summary>
    /// Appends raw set operations after the whole query, as SqlKata does: <c>CombineRaw("UNION ALL SELECT id FROM archived WHERE id > ?", 10)</c>
    /// (<c>?</c> bindings, <c>[x]</c> identifiers). The text is parsed: it starts with UNION, INTERSECT or EXCEPT, its arms are
    /// scoped like any other query, and it may end with ORDER BY / LIMIT / OFFSET for the whole result; anything else is refused
    /// with <see cref="UnscopableSqlException"/>.
    /// </summary>
    public Query CombineRaw(string sql, params object?[] bindings)
    {
        (_combines ??= []).Add(new CombineClause(RawFragment.SetOperationTail(sql, bindings)));
        return this;
    }

    /// <summary>Same as <see cref="CombineRaw"/> (the text names its operator: <c>UnionRaw("UNION SELECT ...")</c>).</summary>
    public Query UnionRaw(string sql, params object?[] bindings) => CombineRaw(sql, bindings);

    /// <summary>Same as <see cref="CombineRaw"/> (the text names its operator: <c>ExceptRaw("EXCEPT SELECT ...")</c>).</summary>
    public Query ExceptRaw(string sql, params object?[] bindings) => CombineRaw(sql, bindings);

    /// <summary>Same as <see cref="CombineRaw"/> (the text names its operator: <c>IntersectRaw("INTERSECT SELECT ...")</c>).</summary>
    public Query IntersectRaw(string sql, params object?[] bindings) => CombineRaw(sql, bindings);

    private Query AddOrders(string[] columns, bool descending)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            (_orders ??= []).Add(new OrderItem(Names.Column(column), descending));
        }

        return this;
    }

    private Query Combine(SetOperator @operator, bool all, Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        (_combines ??= []).Add(new CombineClause(@operator, all, query.Clone()));
        return this;
    }
}
