using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <content>The select list, DISTINCT, aggregates, GROUP BY and HAVING.</content>
public sealed partial class Query
{
    /// <summary>Adds columns to the select list: <c>"column"</c>, <c>"t.column"</c>, <c>"column as alias"</c>, <c>"t.*"</c>.</summary>
    public Query Select(params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Method = QueryMethod.Select;

        // The array itself, not as IEnumerable<string>: its loop boxes no enumerator.
        foreach (var column in columns)
        {
            AddSelectColumn(column);
        }

        return this;
    }

    /// <summary>Adds columns to the select list: <c>"column"</c>, <c>"t.column"</c>, <c>"column as alias"</c>, <c>"t.*"</c>.</summary>
    public Query Select(IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Method = QueryMethod.Select;
        foreach (var column in columns)
        {
            AddSelectColumn(column);
        }

        return this;
    }

    /// <summary>Adds <c>(query) AS alias</c> to the select list, with a copy of <paramref name="query"/>.</summary>
    public Query Select(Query query, string alias)
    {
        ArgumentNullException.ThrowIfNull(query);
        Method = QueryMethod.Select;
        Columns.Add(new SelectEntry(null, query.Clone(), Names.Alias(alias)));
        return this;
    }

    /// <summary>Adds <c>(sub-query) AS alias</c> to the select list, the sub-query built by <paramref name="callback"/>.</summary>
    public Query Select(Func<Query, Query> callback, string alias) => Select(Built(callback), alias);

    /// <summary>Adds entries parsed earlier (an entity's columns, parsed once per map): an entry of a plain column is immutable, so queries share it.</summary>
    internal Query SelectParsed(IReadOnlyList<SelectEntry> entries)
    {
        Method = QueryMethod.Select;
        Columns.AddRange(entries);
        return this;
    }

    /// <summary>Adds raw items to the select list, parsed as <c>expression [AS alias], ...</c> (<c>?</c> bindings, <c>[x]</c> identifiers).</summary>
    public Query SelectRaw(string sql, params object?[] bindings)
    {
        var items = RawFragment.SelectItems(sql, bindings);
        Method = QueryMethod.Select;
        foreach (var item in items)
        {
            Columns.Add(SelectEntry.Of(item));
        }

        return this;
    }

    /// <summary>Adds a value to the select list as a parameter (<c>SELECT @p1</c>), e.g. the row of an <c>INSERT ... SELECT</c>; the tenant rewriter checks it like a value of <c>VALUES</c>.</summary>
    internal Query SelectValue(object? value)
    {
        Method = QueryMethod.Select;
        Columns.Add(SelectEntry.Of(new SelectItem(VariableScope.Value(value), null)));
        return this;
    }

    /// <summary>Makes the query <c>SELECT DISTINCT</c>.</summary>
    public Query Distinct()
    {
        IsDistinct = true;
        return this;
    }

    /// <summary>Turns the query into <c>SELECT COUNT(*) AS count</c> (or of the given columns), ignoring its ORDER BY, LIMIT, OFFSET and GROUP BY.</summary>
    public Query AsCount(string[]? columns = null) => AsAggregate("count", columns);

    /// <summary>Turns the query into <c>SELECT SUM(column) AS sum</c>.</summary>
    public Query AsSum(string column) => AsAggregate("sum", [column]);

    /// <summary>Turns the query into <c>SELECT AVG(column) AS avg</c>.</summary>
    public Query AsAvg(string column) => AsAggregate("avg", [column]);

    /// <summary>Same as <see cref="AsAvg"/>.</summary>
    public Query AsAverage(string column) => AsAvg(column);

    /// <summary>Turns the query into <c>SELECT MIN(column) AS min</c>.</summary>
    public Query AsMin(string column) => AsAggregate("min", [column]);

    /// <summary>Turns the query into <c>SELECT MAX(column) AS max</c>.</summary>
    public Query AsMax(string column) => AsAggregate("max", [column]);

    /// <summary>Turns the query into an aggregate: <paramref name="type"/> is <c>count</c>, <c>sum</c>, <c>avg</c>, <c>min</c> or <c>max</c>.</summary>
    public Query AsAggregate(string type, string[]? columns = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var function = type.Trim().ToLowerInvariant() switch
        {
            "count" => "count",
            "sum" => "sum",
            "avg" or "average" => "avg",
            "min" => "min",
            "max" => "max",
            _ => throw new InvalidQueryException($"'{type}' is not an aggregate. Use count, sum, avg, min or max."),
        };
        var parsed = (columns ?? []).Select(Names.Column).ToArray();
        if (function != "count" && parsed.Length != 1)
        {
            throw new InvalidQueryException($"{function} needs exactly one column.");
        }

        Aggregate = new AggregateClause(function, parsed);
        return SetMethod(QueryMethod.Aggregate);
    }

    /// <summary>Adds columns to GROUP BY.</summary>
    public Query GroupBy(params string[] columns) => GroupBy((IEnumerable<string>)columns);

    /// <summary>Adds columns to GROUP BY.</summary>
    public Query GroupBy(IEnumerable<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        foreach (var column in columns)
        {
            (_groups ??= []).Add(Names.Column(column));
        }

        return this;
    }

    /// <summary>Adds raw items to GROUP BY, parsed as <c>expression, ...</c> (<c>?</c> bindings, <c>[x]</c> identifiers).</summary>
    public Query GroupByRaw(string sql, params object?[] bindings)
    {
        (_groups ??= []).AddRange(RawFragment.GroupByItems(sql, bindings));
        return this;
    }

    /// <summary>Replaces the select list with one raw expression and makes the query a plain SELECT (used by Exists).</summary>
    internal Query ReplaceSelect(string sql)
    {
        Columns.Clear();
        Aggregate = null;
        return SelectRaw(sql);
    }

    private void AddSelectColumn(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var open = column.IndexOf(".{", StringComparison.Ordinal);
        if (open > 0 && column.TrimEnd().EndsWith('}'))
        {
            // SqlKata's expanded form: "t.{a, b as c}" is "t.a", "t.b as c".
            var prefix = column[..open];
            foreach (var part in column[(open + 2)..column.LastIndexOf('}')].Split(','))
            {
                Columns.Add(SelectEntry.Of(Names.SelectColumn(prefix + "." + part.Trim())));
            }

            return;
        }

        Columns.Add(SelectEntry.Of(Names.SelectColumn(column)));
    }
}
