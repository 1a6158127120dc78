using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <content>Aggregates in the select list, optionally filtered: <c>sum("amount") FILTER (WHERE ...) AS "total"</c>.</content>
public sealed partial class Query
{
    /// <summary>
    /// Adds <c>AGGREGATE(column) [FILTER (WHERE filter)] [AS alias]</c> to the select list: <paramref name="column"/> is
    /// <c>"column"</c>, <c>"t.column as alias"</c> or <c>"*"</c>; the WHERE conditions of <paramref name="filter"/> (copied) choose the rows
    /// the aggregate reads, and an empty filter is none. <paramref name="aggregate"/> is one of PostgreSQL's one-argument aggregates
    /// (<c>count</c>, <c>sum</c>, <c>avg</c>, <c>min</c>, <c>max</c>, <c>array_agg</c>, <c>bool_and</c>, <c>bool_or</c>, <c>json_agg</c>, ...).
    /// </summary>
    public Query SelectAggregate(string aggregate, string column, Query? filter = null)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        var name = aggregate.Trim();
        if (!BuiltInAggregates.TryGetOfOneColumn(string.Equals(name, "average", StringComparison.OrdinalIgnoreCase) ? "avg" : name, out var function))
        {
            throw new InvalidQueryException($"'{aggregate}' is not an aggregate SelectAggregate knows. Use one of: {string.Join(", ", BuiltInAggregates.OfOneColumn)} (avg also as average); for another expression use SelectRaw.");
        }

        var item = Names.SelectColumn(column);
        if (item.Expression is AllColumnsExpression { Qualifier: not null })
        {
            throw new InvalidQueryException($"{function}(t.*) is not an aggregate argument: aggregate a column, or \"*\" for COUNT(*).");
        }

        var call = new FunctionCallExpression(null, function, [item.Expression], distinct: false, variadic: false, [], withinGroup: false, filter: null, over: null);
        var aggregateItem = new SelectItem(call, item.Alias);
        Method = QueryMethod.Select;
        Columns.Add(SelectEntry.Aggregate(aggregateItem, filter?.Wheres.DeepClone()));
        return this;
    }

    /// <summary>Adds <c>AGGREGATE(column) FILTER (WHERE ...)</c> to the select list, the filter's conditions written with Where... calls in <paramref name="filter"/>.</summary>
    public Query SelectAggregate(string aggregate, string column, Func<Query, Query>? filter) =>
        SelectAggregate(aggregate, column, filter is null ? null : filter(new Query()));

    /// <summary>Adds <c>SUM(column) [FILTER (WHERE ...)] [AS alias]</c> to the select list.</summary>
    public Query SelectSum(string column, Func<Query, Query>? filter = null) => SelectAggregate("sum", column, filter);

    /// <summary>Adds <c>COUNT(column) [FILTER (WHERE ...)] [AS alias]</c> to the select list; <c>"*"</c> counts rows.</summary>
    public Query SelectCount(string column, Func<Query, Query>? filter = null) => SelectAggregate("count", column, filter);

    /// <summary>Adds <c>AVG(column) [FILTER (WHERE ...)] [AS alias]</c> to the select list.</summary>
    public Query SelectAvg(string column, Func<Query, Query>? filter = null) => SelectAggregate("avg", column, filter);

    /// <summary>Adds <c>MIN(column) [FILTER (WHERE ...)] [AS alias]</c> to the select list.</summary>
    public Query SelectMin(string column, Func<Query, Query>? filter = null) => SelectAggregate("min", column, filter);

    /// <summary>Adds <c>MAX(column) [FILTER (WHERE ...)] [AS alias]</c> to the select list.</summary>
    public Query SelectMax(string column, Func<Query, Query>? filter = null) => SelectAggregate("max", column, filter);
}
