namespace TenantDapper.Syntax;

/// <summary><c>[WITH ...] body</c>: a query, usable as a statement and, in parentheses, as a sub-query.</summary>
internal sealed class SelectStatement(IReadOnlyList<CommonTableExpression> with, QueryExpression body) : SqlStatement
{
    public override IReadOnlyList<CommonTableExpression> With { get; } = with;

    public QueryExpression Body { get; } = body;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitSelectStatement(this);

    public SelectStatement Update(IReadOnlyList<CommonTableExpression> with, QueryExpression body) =>
        ReferenceEquals(with, With) && ReferenceEquals(body, Body) ? this : new SelectStatement(with, body);
}

/// <summary><c>name [(columns)] AS (query)</c>, or a raw body from <c>WithRaw</c>.</summary>
internal sealed class CommonTableExpression(string name, SelectStatement? query, RawExpression? raw) : SqlNode
{
    public string Name { get; } = name;

    /// <summary>The body, unless it is raw.</summary>
    public SelectStatement? Query { get; } = query;

    /// <summary>The raw body of <c>WithRaw</c>, which the rewriter cannot see into.</summary>
    public RawExpression? Raw { get; } = raw;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitCommonTableExpression(this);

    public CommonTableExpression Update(SelectStatement? query, RawExpression? raw) =>
        ReferenceEquals(query, Query) && ReferenceEquals(raw, Raw) ? this : new CommonTableExpression(Name, query, raw);
}

/// <summary>A single <c>SELECT [DISTINCT] columns FROM ... WHERE ... GROUP BY ... HAVING ... ORDER BY ... LIMIT ... OFFSET ...</c>.</summary>
internal sealed class SelectBlock(
    bool distinct,
    IReadOnlyList<SelectItem> columns,
    IReadOnlyList<TableSource> from,
    SqlExpression? where,
    IReadOnlyList<SqlExpression> groupBy,
    SqlExpression? having,
    IReadOnlyList<OrderItem> orderBy,
    SqlExpression? limit,
    SqlExpression? offset) : QueryExpression
{
    public bool Distinct { get; } = distinct;

    /// <summary>The select list; empty means <c>*</c>.</summary>
    public IReadOnlyList<SelectItem> Columns { get; } = columns;

    public IReadOnlyList<TableSource> From { get; } = from;

    public SqlExpression? Where { get; } = where;

    public IReadOnlyList<SqlExpression> GroupBy { get; } = groupBy;

    public SqlExpression? Having { get; } = having;

    public IReadOnlyList<OrderItem> OrderBy { get; } = orderBy;

    public SqlExpression? Limit { get; } = limit;

    public SqlExpression? Offset { get; } = offset;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitSelectBlock(this);

    public SelectBlock Update(
        IReadOnlyList<SelectItem> columns,
        IReadOnlyList<TableSource> from,
        SqlExpression? where,
        IReadOnlyList<SqlExpression> groupBy,
        SqlExpression? having,
        IReadOnlyList<OrderItem> orderBy) =>
        ReferenceEquals(columns, Columns) && ReferenceEquals(from, From) && ReferenceEquals(where, Where)
        && ReferenceEquals(groupBy, GroupBy) && ReferenceEquals(having, Having) && ReferenceEquals(orderBy, OrderBy)
            ? this
            : new SelectBlock(Distinct, columns, from, where, groupBy, having, orderBy, Limit, Offset);
}

/// <summary>The kind of a set operation.</summary>
internal enum SetOperator
{
    Union,
    Intersect,
    Except,
}

/// <summary><c>left UNION [ALL] right</c> (or INTERSECT / EXCEPT); SqlKata appends each arm after the whole first query.</summary>
internal sealed class SetOperation(QueryExpression left, SetOperator @operator, bool all, SelectStatement right) : QueryExpression
{
    public QueryExpression Left { get; } = left;

    public SetOperator Operator { get; } = @operator;

    public bool All { get; } = all;

    public SelectStatement Right { get; } = right;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitSetOperation(this);

    public SetOperation Update(QueryExpression left, SelectStatement right) =>
        ReferenceEquals(left, Left) && ReferenceEquals(right, Right) ? this : new SetOperation(left, Operator, All, right);
}

/// <summary>An item of a select list: <c>expression [AS alias]</c>.</summary>
internal sealed class SelectItem(SqlExpression expression, string? alias) : SqlNode
{
    public SqlExpression Expression { get; } = expression;

    public string? Alias { get; } = alias;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitSelectItem(this);

    public SelectItem Update(SqlExpression expression) =>
        ReferenceEquals(expression, Expression) ? this : new SelectItem(expression, Alias);
}

/// <summary>An item of ORDER BY: <c>expression [DESC]</c>.</summary>
internal sealed class OrderItem(SqlExpression expression, bool descending) : SqlNode
{
    public SqlExpression Expression { get; } = expression;

    public bool Descending { get; } = descending;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitOrderItem(this);

    public OrderItem Update(SqlExpression expression) =>
        ReferenceEquals(expression, Expression) ? this : new OrderItem(expression, Descending);
}

/// <summary><c>column = value</c> in UPDATE ... SET or ON CONFLICT DO UPDATE SET.</summary>
internal sealed class Assignment(string column, SqlExpression value) : SqlNode
{
    public string Column { get; } = column;

    public SqlExpression Value { get; } = value;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitAssignment(this);

    public Assignment Update(SqlExpression value) =>
        ReferenceEquals(value, Value) ? this : new Assignment(Column, value);
}

/// <summary><c>ON CONFLICT [(columns)] DO NOTHING</c> or <c>DO UPDATE SET ... [WHERE ...]</c>.</summary>
internal sealed class OnConflictClause(IReadOnlyList<string> targetColumns, IReadOnlyList<Assignment>? updates, SqlExpression? where) : SqlNode
{
    public IReadOnlyList<string> TargetColumns { get; } = targetColumns;

    /// <summary>The DO UPDATE assignments; <see langword="null"/> for DO NOTHING.</summary>
    public IReadOnlyList<Assignment>? Updates { get; } = updates;

    /// <summary>The DO UPDATE's WHERE.</summary>
    public SqlExpression? Where { get; } = where;

    public bool DoNothing => Updates is null;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitOnConflict(this);

    public OnConflictClause Update(IReadOnlyList<Assignment>? updates, SqlExpression? where) =>
        ReferenceEquals(updates, Updates) && ReferenceEquals(where, Where) ? this : new OnConflictClause(TargetColumns, updates, where);
}

/// <summary><c>[WITH ...] INSERT INTO target (columns) VALUES (...), ... | SELECT ... [ON CONFLICT ...] [RETURNING ...]</c>.</summary>
internal sealed class InsertStatement(
    IReadOnlyList<CommonTableExpression> with,
    TableReference target,
    IReadOnlyList<string> columns,
    IReadOnlyList<IReadOnlyList<SqlExpression>>? rows,
    SelectStatement? source,
    OnConflictClause? onConflict,
    IReadOnlyList<SelectItem> returning) : SqlStatement
{
    public override IReadOnlyList<CommonTableExpression> With { get; } = with;

    public TableReference Target { get; } = target;

    /// <summary>The column list; empty when the statement names no columns.</summary>
    public IReadOnlyList<string> Columns { get; } = columns;

    /// <summary>The VALUES rows, each as long as <see cref="Columns"/>; <see langword="null"/> for INSERT ... SELECT.</summary>
    public IReadOnlyList<IReadOnlyList<SqlExpression>>? Rows { get; } = rows;

    /// <summary>The query of INSERT ... SELECT.</summary>
    public SelectStatement? Source { get; } = source;

    public OnConflictClause? OnConflict { get; } = onConflict;

    public IReadOnlyList<SelectItem> Returning { get; } = returning;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitInsertStatement(this);

    public InsertStatement Update(
        IReadOnlyList<CommonTableExpression> with,
        IReadOnlyList<string> columns,
        IReadOnlyList<IReadOnlyList<SqlExpression>>? rows,
        SelectStatement? source,
        OnConflictClause? onConflict,
        IReadOnlyList<SelectItem> returning) =>
        ReferenceEquals(with, With) && ReferenceEquals(columns, Columns) && ReferenceEquals(rows, Rows)
        && ReferenceEquals(source, Source) && ReferenceEquals(onConflict, OnConflict) && ReferenceEquals(returning, Returning)
            ? this
            : new InsertStatement(with, Target, columns, rows, source, onConflict, returning);
}

/// <summary><c>[WITH ...] UPDATE target SET ... [FROM ...] [WHERE ...] [RETURNING ...]</c>.</summary>
internal sealed class UpdateStatement(
    IReadOnlyList<CommonTableExpression> with,
    TableReference target,
    IReadOnlyList<Assignment> set,
    IReadOnlyList<TableSource> from,
    SqlExpression? where,
    IReadOnlyList<SelectItem> returning) : SqlStatement
{
    public override IReadOnlyList<CommonTableExpression> With { get; } = with;

    public TableReference Target { get; } = target;

    public IReadOnlyList<Assignment> Set { get; } = set;

    public IReadOnlyList<TableSource> From { get; } = from;

    public SqlExpression? Where { get; } = where;

    public IReadOnlyList<SelectItem> Returning { get; } = returning;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitUpdateStatement(this);

    public UpdateStatement Update(
        IReadOnlyList<CommonTableExpression> with,
        IReadOnlyList<Assignment> set,
        IReadOnlyList<TableSource> from,
        SqlExpression? where,
        IReadOnlyList<SelectItem> returning) =>
        ReferenceEquals(with, With) && ReferenceEquals(set, Set) && ReferenceEquals(from, From)
        && ReferenceEquals(where, Where) && ReferenceEquals(returning, Returning)
            ? this
            : new UpdateStatement(with, Target, set, from, where, returning);
}

/// <summary><c>[WITH ...] DELETE FROM target [USING ...] [WHERE ...] [RETURNING ...]</c>.</summary>
internal sealed class DeleteStatement(
    IReadOnlyList<CommonTableExpression> with,
    TableReference target,
    IReadOnlyList<TableSource> @using,
    SqlExpression? where,
    IReadOnlyList<SelectItem> returning) : SqlStatement
{
    public override IReadOnlyList<CommonTableExpression> With { get; } = with;

    public TableReference Target { get; } = target;

    public IReadOnlyList<TableSource> Using { get; } = @using;

    public SqlExpression? Where { get; } = where;

    public IReadOnlyList<SelectItem> Returning { get; } = returning;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitDeleteStatement(this);

    public DeleteStatement Update(
        IReadOnlyList<CommonTableExpression> with,
        IReadOnlyList<TableSource> @using,
        SqlExpression? where,
        IReadOnlyList<SelectItem> returning) =>
        ReferenceEquals(with, With) && ReferenceEquals(@using, Using) && ReferenceEquals(where, Where) && ReferenceEquals(returning, Returning)
            ? this
            : new DeleteStatement(with, Target, @using, where, returning);
}
