namespace TenantDapper.Syntax;

/// <summary>A named table (or a reference to a CTE, which the rewriter resolves by scope): <c>[schema.]name [AS alias]</c>.</summary>
internal sealed class TableReference(string? schema, string name, string? alias) : TableSource
{
    // Made on first use and kept: the rewriter asks for it many times per table. A race only makes an equal one twice.
    private TableQualifier? _qualifier;

    public string? Schema { get; } = schema;

    public string Name { get; } = name;

    public string? Alias { get; } = alias;

    /// <summary>The name columns are qualified with: the alias, else the table's name.</summary>
    public string ExposedName => Alias ?? Name;

    /// <summary>
    /// How a column of this occurrence is qualified so that PostgreSQL binds it to this occurrence: the
    /// alias (one identifier), else the table's name with its schema when it has one.
    /// </summary>
    public TableQualifier Qualifier => _qualifier ??= Alias is not null ? TableQualifier.Of(Alias) : new TableQualifier(Schema, Name);

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitTableReference(this);
}

/// <summary><c>[LATERAL] (query) AS alias [(columns)]</c>; a VALUES list in FROM is one too.</summary>
internal sealed class DerivedTable(SelectStatement query, string alias, bool lateral = false, IReadOnlyList<string>? columnAliases = null) : TableSource
{
    public SelectStatement Query { get; } = query;

    public string Alias { get; } = alias;

    public bool Lateral { get; } = lateral;

    /// <summary>The column names after the alias; empty when none.</summary>
    public IReadOnlyList<string> ColumnAliases { get; } = columnAliases ?? [];

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitDerivedTable(this);

    public DerivedTable Update(SelectStatement query) =>
        ReferenceEquals(query, Query) ? this : new DerivedTable(query, Alias, Lateral, ColumnAliases);
}

/// <summary>
/// A function in FROM: <c>[LATERAL] f(args) [WITH ORDINALITY] [AS alias [(columns | column definitions)]]</c>,
/// e.g. <c>generate_series(1, 3) AS g(n)</c> or <c>jsonb_to_recordset(x) AS r(a int, b text)</c>.
/// </summary>
internal sealed class FunctionTable(
    FunctionCallExpression function,
    bool lateral,
    bool withOrdinality,
    string? alias,
    IReadOnlyList<string> columnAliases,
    IReadOnlyList<ColumnDefinition> columnDefinitions) : TableSource
{
    public FunctionCallExpression Function { get; } = function;

    public bool Lateral { get; } = lateral;

    public bool WithOrdinality { get; } = withOrdinality;

    public string? Alias { get; } = alias;

    public IReadOnlyList<string> ColumnAliases { get; } = columnAliases;

    public IReadOnlyList<ColumnDefinition> ColumnDefinitions { get; } = columnDefinitions;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitFunctionTable(this);

    public FunctionTable Update(FunctionCallExpression function) =>
        ReferenceEquals(function, Function) ? this : new FunctionTable(function, Lateral, WithOrdinality, Alias, ColumnAliases, ColumnDefinitions);
}

/// <summary>A raw FROM or JOIN fragment the rewriter cannot see into; refused unless marked as already scoped.</summary>
internal sealed class RawTableSource(RawExpression raw, bool markedScoped) : TableSource
{
    public RawExpression Raw { get; } = raw;

    /// <summary>Whether the caller declared that the fragment already carries its tenant predicates.</summary>
    public bool MarkedScoped { get; } = markedScoped;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitRawTableSource(this);
}

/// <summary>The kind of a join.</summary>
internal enum JoinKind
{
    Inner,
    Left,
    Right,
    Full,
    Cross,
}

/// <summary><c>left kind JOIN right ON condition | USING (columns)</c>; joins nest left-deep as they are written.</summary>
internal sealed class JoinedTable(TableSource left, JoinKind kind, TableSource right, SqlExpression? on, IReadOnlyList<string>? @using = null) : TableSource
{
    public TableSource Left { get; } = left;

    public JoinKind Kind { get; } = kind;

    public TableSource Right { get; } = right;

    /// <summary>The join condition; <see langword="null"/> for a CROSS JOIN and a USING join.</summary>
    public SqlExpression? On { get; } = on;

    /// <summary>The columns of <c>USING (...)</c>, or <see langword="null"/>.</summary>
    public IReadOnlyList<string>? Using { get; } = @using;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitJoinedTable(this);

    public JoinedTable Update(TableSource left, TableSource right, SqlExpression? on) =>
        ReferenceEquals(left, Left) && ReferenceEquals(right, Right) && ReferenceEquals(on, On)
            ? this
            : new JoinedTable(left, Kind, right, on, Using);
}
