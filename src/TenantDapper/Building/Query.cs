using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <summary>
/// A SqlKata-compatible query builder: <c>new Query("projects").Where("name", "x").Join(...)</c>. Calls change
/// this query and return it; compiling takes an immutable snapshot and never changes the query.
/// </summary>
public sealed partial class Query : BaseQuery<Query>
{
    /// <summary>Creates an empty query; set its table with <see cref="From(string)"/>.</summary>
    public Query()
    {
    }

    /// <summary>Creates a query on <paramref name="table"/> (<c>"table"</c>, <c>"schema.table"</c> or <c>"table as alias"</c>).</summary>
    public Query(string table) => From(table);

    /// <summary>The factory that created the query, which runs it; <see langword="null"/> for a query built on its own.</summary>
    internal IQueryExecutor? Factory { get; set; }

    internal string? Alias { get; private set; }

    internal QueryMethod Method { get; private set; }

    internal FromSource? Source { get; private set; }

    // The clauses most queries never use are made at their first use (an empty query costs no lists); a read of an unused one sees an empty array.
    private List<Join>? _joins;
    private List<SqlExpression>? _groups;
    private ConditionList? _havings;
    private List<OrderItem>? _orders;
    private List<CteClause>? _ctes;
    private List<CombineClause>? _combines;
    private List<SelectItem>? _returningItems;
    private List<IncludeClause>? _includes;

    internal IReadOnlyList<Join> Joins => _joins ?? (IReadOnlyList<Join>)Array.Empty<Join>();

    internal List<SelectEntry> Columns { get; private set; } = [];

    internal bool IsDistinct { get; private set; }

    internal AggregateClause? Aggregate { get; private set; }

    internal IReadOnlyList<SqlExpression> Groups => _groups ?? (IReadOnlyList<SqlExpression>)Array.Empty<SqlExpression>();

    internal IReadOnlyList<OrderItem> Orders => _orders ?? (IReadOnlyList<OrderItem>)Array.Empty<OrderItem>();

    internal int LimitValue { get; private set; }

    internal long OffsetValue { get; private set; }

    internal IReadOnlyList<CteClause> Ctes => _ctes ?? (IReadOnlyList<CteClause>)Array.Empty<CteClause>();

    internal IReadOnlyList<CombineClause> Combines => _combines ?? (IReadOnlyList<CombineClause>)Array.Empty<CombineClause>();

    internal InsertClause? Insert { get; private set; }

    internal List<UpdateValue>? Updates { get; private set; }

    internal IReadOnlyList<SelectItem> ReturningItems => _returningItems ?? (IReadOnlyList<SelectItem>)Array.Empty<SelectItem>();

    internal IReadOnlyList<IncludeClause> Includes => _includes ?? (IReadOnlyList<IncludeClause>)Array.Empty<IncludeClause>();

    internal OnConflictSpec? Conflict { get; private set; }

    internal Dictionary<string, object?>? Variables { get; private set; }

    /// <summary>Names this query when it is used as a sub-query (FROM, JOIN, CTE).</summary>
    public Query As(string alias)
    {
        Alias = Names.Alias(alias);
        return this;
    }

    /// <summary>
    /// Defines a value that <see cref="Expressions.Variable(string)"/> refers to by name, as SqlKata's <c>Define</c>:
    /// <c>new Query("tasks").Define("@min", 3).Where("priority", ">=", Expressions.Variable("@min"))</c>. The name is
    /// looked up when the query is compiled, in the query that uses it and then in each query that contains it
    /// (a sub-query, CTE, set operation or where-callback sees the outer query's definitions; its own win). The value
    /// is sent as a parameter, never written into the SQL text.
    /// </summary>
    /// <param name="variable">The name, e.g. <c>"@min"</c>; a query defines each name once.</param>
    /// <param name="value">The value bound wherever the variable is used.</param>
    public Query Define(string variable, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(variable);
        Variables ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!Variables.TryAdd(variable, value))
        {
            throw new ArgumentException($"The variable \"{variable}\" is already defined on this query. Define each name once; to give it another value inside a sub-query, call Define on that sub-query.", nameof(variable));
        }

        return this;
    }

    /// <summary>A deep copy: changing the copy (or any sub-query in it) never changes this query.</summary>
    public Query Clone()
    {
        NestingGuard.EnsureStack();
        var clone = (Query)MemberwiseClone();
        clone.Wheres = Wheres.DeepClone();
        clone.Source = Source?.DeepClone();
        clone._joins = _joins?.ConvertAll(j => j.Clone());
        clone.Columns = Columns.ConvertAll(c => c.DeepClone());
        clone._groups = _groups is null ? null : [.. _groups];
        clone._havings = _havings?.DeepClone();
        clone._orders = _orders is null ? null : [.. _orders];
        clone._ctes = _ctes?.ConvertAll(c => c.DeepClone());
        clone._combines = _combines?.ConvertAll(c => c.DeepClone());
        clone.Insert = Insert?.DeepClone();
        clone.Updates = Updates?.ConvertAll(u => u.DeepClone());
        clone.Conflict = Conflict?.DeepClone();
        clone._returningItems = _returningItems is null ? null : [.. _returningItems];
        clone._includes = _includes?.ConvertAll(i => i.DeepClone());
        clone.Variables = Variables is null ? null : new Dictionary<string, object?>(Variables);
        return clone;
    }

    private protected override Query NewChild() => new();

    private Query SetMethod(QueryMethod method)
    {
        Method = method;
        return this;
    }
}
