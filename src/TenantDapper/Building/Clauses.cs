using TenantDapper.Parsing;
using TenantDapper.Syntax;

namespace TenantDapper.Building;

/// <summary>What a query does when it is compiled.</summary>
internal enum QueryMethod
{
    Select,
    Aggregate,
    Insert,
    Update,
    Delete,
}

/// <summary>The source of a FROM or JOIN as the builder recorded it.</summary>
internal abstract class FromSource
{
    public abstract TableSource ToTableSource();

    public virtual FromSource DeepClone() => this;
}

/// <summary>A named table (or CTE): the node is immutable, so every snapshot shares it.</summary>
internal sealed class TableFrom(TableReference table) : FromSource
{
    public TableReference Table { get; } = table;

    public override TableSource ToTableSource() => Table;
}

/// <summary>A sub-query with an alias.</summary>
internal sealed class QueryFrom(Query query, string alias) : FromSource
{
    public override TableSource ToTableSource() => new DerivedTable(query.ToSelectStatement(), alias);

    public override FromSource DeepClone() => new QueryFrom(query.Clone(), alias);
}

/// <summary>A raw fragment kept as text (<c>FromRawScoped</c>).</summary>
internal sealed class RawFrom(RawTableSource source) : FromSource
{
    public override TableSource ToTableSource() => source;
}

/// <summary>A raw FROM list parsed into sources (<c>FromRaw</c>); joins added to the query attach to its last item.</summary>
internal sealed class ParsedFrom(IReadOnlyList<TableSource> sources) : FromSource
{
    public IReadOnlyList<TableSource> Sources { get; } = sources;

    public override TableSource ToTableSource() =>
        Sources.Count == 1
            ? Sources[0]
            : throw new InvalidQueryException("A raw FROM list with several items cannot be joined to or used here: pass one table source to FromRaw.");
}

/// <summary>An entry of the select list: a fixed node, a sub-query with its alias, or an aggregate with its FILTER conditions.</summary>
internal sealed class SelectEntry(SelectItem? item, Query? query, string? alias, ConditionList? filter = null)
{
    public static SelectEntry Of(SelectItem item) => new(item, null, null);

    /// <summary><c>aggregate(argument) [FILTER (WHERE filter)] [AS alias]</c>; an empty filter is no filter, as in SqlKata.</summary>
    public static SelectEntry Aggregate(SelectItem aggregate, ConditionList? filter) =>
        new(aggregate, null, null, filter is { Count: > 0 } ? filter : null);

    public SelectItem ToSelectItem()
    {
        if (item is null)
        {
            return new SelectItem(new SubqueryExpression(query!.ToSelectStatement()), alias);
        }

        return filter is null
            ? item
            : new SelectItem(((FunctionCallExpression)item.Expression).Update(((FunctionCallExpression)item.Expression).Arguments, [], filter.ToExpression(), null), item.Alias);
    }

    public SelectEntry DeepClone() => (query, filter) switch
    {
        (not null, _) => new SelectEntry(null, query.Clone(), alias),
        (_, not null) => new SelectEntry(item, null, null, filter.DeepClone()),
        _ => this,
    };
}

/// <summary><c>AsCount</c>, <c>AsSum</c>, ...: the function (upper case) and its columns (none means <c>*</c>).</summary>
internal sealed record AggregateClause(string Function, IReadOnlyList<ColumnExpression> Columns);

/// <summary>A common table expression: a query, or a body that is already a node (a raw body parsed into a query, rows of values).</summary>
internal sealed class CteClause(string name, Query? query, SelectStatement? body)
{
    public string Name { get; } = name;

    public CommonTableExpression ToNode() => new(Name, body ?? query?.ToSelectStatement(), null);

    public CteClause DeepClone() => query is null ? this : new CteClause(Name, query.Clone(), body);
}

/// <summary>A UNION / EXCEPT / INTERSECT arm appended after the query: a query, or a raw tail parsed into arms (CombineRaw).</summary>
internal sealed class CombineClause
{
    private readonly SetOperator _operator;
    private readonly bool _all;
    private readonly Query? _query;
    private readonly SetOperationTail? _raw;

    public CombineClause(SetOperator @operator, bool all, Query query)
    {
        _operator = @operator;
        _all = all;
        _query = query;
    }

    public CombineClause(SetOperationTail raw) => _raw = raw;

    /// <summary><paramref name="body"/> followed by this arm (or the raw tail's arms).</summary>
    public QueryExpression AppendTo(QueryExpression body) =>
        _raw?.AppendTo(body) ?? new SetOperation(body, _operator, _all, _query!.ToSelectStatement());

    public CombineClause DeepClone() => _query is null ? this : new CombineClause(_operator, _all, _query.Clone());
}

/// <summary>The rows of an insert: VALUES rows, or a query.</summary>
internal sealed record InsertClause(IReadOnlyList<string> Columns, IReadOnlyList<object?[]>? Rows, Query? Source, bool ReturnId)
{
    public InsertClause DeepClone() => this with
    {
        Rows = Rows?.Select(row => Array.ConvertAll(row, WriteValue.Copy)).ToList(),
        Source = Source?.Clone(),
    };
}

/// <summary>One <c>column = value</c> of an update; <see cref="Increment"/> means <c>column = column + value</c>.</summary>
internal sealed record UpdateValue(string Column, object? Value, bool Increment)
{
    public UpdateValue DeepClone() => Value is Query ? this with { Value = WriteValue.Copy(Value) } : this;
}

/// <summary>ON CONFLICT (target) DO NOTHING, or DO UPDATE SET the given columns.</summary>
internal sealed record OnConflictSpec(IReadOnlyList<string> Target, IReadOnlyList<ConflictUpdate>? Updates)
{
    public OnConflictSpec DeepClone() => Updates is null ? this : this with { Updates = Updates.Select(u => u with { Value = WriteValue.Copy(u.Value) }).ToList() };
}

/// <summary>One assignment of ON CONFLICT DO UPDATE: the proposed row's value (<c>excluded.column</c>) or a given value.</summary>
internal sealed record ConflictUpdate(string Column, object? Value, bool FromExcluded);

/// <summary>
/// A value of an insert or update: a sub-query in it is copied, so the caller's later changes do not leak in, and an
/// <see cref="UnsafeLiteral"/> is parsed now (refused now when it cannot be), into a <see cref="ParsedValue"/>.
/// </summary>
internal static class WriteValue
{
    public static object? Copy(object? value) => value switch
    {
        Query query => query.Clone(),
        UnsafeLiteral literal => new ParsedValue(RawFragment.WriteValue(literal)),
        _ => value,
    };
}

/// <summary>An <see cref="UnsafeLiteral"/> parsed into the tree: an expression (or DEFAULT) written in place of a parameter.</summary>
internal sealed class ParsedValue(SqlExpression expression)
{
    public SqlExpression Expression { get; } = expression;
}

/// <summary>A relation loaded after the query runs: <see cref="Query.Include"/>.</summary>
internal sealed record IncludeClause(string Name, Query Query, string ForeignKey, string LocalKey, bool IsMany)
{
    public IncludeClause DeepClone() => this with { Query = Query.Clone() };
}
