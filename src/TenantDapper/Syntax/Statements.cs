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

/// <summary>
/// <c>name [(columns)] AS [[NOT] MATERIALIZED] (query)</c>, a data-modifying <c>name AS (INSERT | UPDATE | DELETE ...)</c>,
/// or a raw body from <c>WithRaw</c>. A CTE of a <c>WITH RECURSIVE</c> list is marked <see cref="Recursive"/>
/// (every CTE of that list is: RECURSIVE belongs to the list).
/// </summary>
internal sealed class CommonTableExpression(
    string name,
    SelectStatement? query,
    RawExpression? raw,
    IReadOnlyList<string>? columns = null,
    SqlStatement? write = null,
    bool? materialized = null,
    bool recursive = false) : SqlNode
{
    public string Name { get; } = name;

    /// <summary>The body, unless it is raw or a write.</summary>
    public SelectStatement? Query { get; } = query;

    /// <summary>The raw body of <c>WithRaw</c>, which the rewriter cannot see into.</summary>
    public RawExpression? Raw { get; } = raw;

    /// <summary>The column names after the CTE's name; empty when none.</summary>
    public IReadOnlyList<string> Columns { get; } = columns ?? [];

    /// <summary>The INSERT, UPDATE or DELETE of a data-modifying CTE.</summary>
    public SqlStatement? Write { get; } = write;

    /// <summary><see langword="true"/> for MATERIALIZED, <see langword="false"/> for NOT MATERIALIZED, <see langword="null"/> when not written.</summary>
    public bool? Materialized { get; } = materialized;

    public bool Recursive { get; } = recursive;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitCommonTableExpression(this);

    public CommonTableExpression Update(SelectStatement? query, RawExpression? raw) =>
        ReferenceEquals(query, Query) && ReferenceEquals(raw, Raw) ? this : new CommonTableExpression(Name, query, raw, Columns, Write, Materialized, Recursive);

    public CommonTableExpression Update(SelectStatement? query, RawExpression? raw, SqlStatement? write) =>
        ReferenceEquals(query, Query) && ReferenceEquals(raw, Raw) && ReferenceEquals(write, Write)
            ? this
            : new CommonTableExpression(Name, query, raw, Columns, write, Materialized, Recursive);
}

/// <summary>
/// A single <c>SELECT [DISTINCT [ON (...)]] columns FROM ... WHERE ... GROUP BY ... HAVING ... WINDOW ... ORDER BY ...
/// LIMIT ... OFFSET ... [FETCH ... WITH TIES] [FOR UPDATE ...]</c>.
/// </summary>
internal sealed class SelectBlock(
    bool distinct,
    IReadOnlyList<SelectItem> columns,
    IReadOnlyList<TableSource> from,
    SqlExpression? where,
    IReadOnlyList<SqlExpression> groupBy,
    SqlExpression? having,
    IReadOnlyList<OrderItem> orderBy,
    SqlExpression? limit,
    SqlExpression? offset,
    IReadOnlyList<SqlExpression>? distinctOn = null,
    IReadOnlyList<WindowDefinition>? windows = null,
    bool withTies = false,
    IReadOnlyList<LockingClause>? locking = null) : QueryExpression
{
    public bool Distinct { get; } = distinct;

    /// <summary>The expressions of DISTINCT ON; empty unless written.</summary>
    public IReadOnlyList<SqlExpression> DistinctOn { get; } = distinctOn ?? [];

    /// <summary>The select list; empty means <c>*</c>.</summary>
    public IReadOnlyList<SelectItem> Columns { get; } = columns;

    public IReadOnlyList<TableSource> From { get; } = from;

    public SqlExpression? Where { get; } = where;

    public IReadOnlyList<SqlExpression> GroupBy { get; } = groupBy;

    public SqlExpression? Having { get; } = having;

    /// <summary>The named windows of the WINDOW clause.</summary>
    public IReadOnlyList<WindowDefinition> Windows { get; } = windows ?? [];

    public IReadOnlyList<OrderItem> OrderBy { get; } = orderBy;

    public SqlExpression? Limit { get; } = limit;

    public SqlExpression? Offset { get; } = offset;

    /// <summary>Whether the limit was <c>FETCH FIRST n ROWS WITH TIES</c>.</summary>
    public bool WithTies { get; } = withTies;

    /// <summary>The FOR UPDATE / FOR SHARE clauses.</summary>
    public IReadOnlyList<LockingClause> Locking { get; } = locking ?? [];

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitSelectBlock(this);

    public SelectBlock Update(
        IReadOnlyList<SelectItem> columns,
        IReadOnlyList<TableSource> from,
        SqlExpression? where,
        IReadOnlyList<SqlExpression> groupBy,
        SqlExpression? having,
        IReadOnlyList<OrderItem> orderBy) =>
        Update(DistinctOn, columns, from, where, groupBy, having, Windows, orderBy, Limit, Offset);

    public SelectBlock Update(
        IReadOnlyList<SqlExpression> distinctOn,
        IReadOnlyList<SelectItem> columns,
        IReadOnlyList<TableSource> from,
        SqlExpression? where,
        IReadOnlyList<SqlExpression> groupBy,
        SqlExpression? having,
        IReadOnlyList<WindowDefinition> windows,
        IReadOnlyList<OrderItem> orderBy,
        SqlExpression? limit,
        SqlExpression? offset) =>
        ReferenceEquals(columns, Columns) && ReferenceEquals(from, From) && ReferenceEquals(where, Where)
        && ReferenceEquals(groupBy, GroupBy) && ReferenceEquals(having, Having) && ReferenceEquals(orderBy, OrderBy)
        && ReferenceEquals(distinctOn, DistinctOn) && ReferenceEquals(windows, Windows) && ReferenceEquals(limit, Limit) && ReferenceEquals(offset, Offset)
            ? this
            : new SelectBlock(Distinct, columns, from, where, groupBy, having, orderBy, limit, offset, distinctOn, windows, WithTies, Locking);

    /// <summary>The same block with another select list.</summary>
    public SelectBlock WithColumns(IReadOnlyList<SelectItem> columns) =>
        new(Distinct, columns, From, Where, GroupBy, Having, OrderBy, Limit, Offset, DistinctOn, Windows, WithTies, Locking);
}

/// <summary>The strength of a locking clause.</summary>
internal enum LockStrength
{
    Update,
    NoKeyUpdate,
    Share,
    KeyShare,
}

/// <summary>What a locking clause does when a row is locked.</summary>
internal enum LockWait
{
    Wait,
    NoWait,
    SkipLocked,
}

/// <summary><c>FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF tables] [NOWAIT | SKIP LOCKED]</c>.</summary>
internal sealed class LockingClause(LockStrength strength, IReadOnlyList<string> of, LockWait wait)
{
    public LockStrength Strength { get; } = strength;

    /// <summary>The table names or aliases after OF; empty for all tables.</summary>
    public IReadOnlyList<string> Of { get; } = of;

    public LockWait Wait { get; } = wait;
}

/// <summary><c>VALUES (...), (...)</c> as a query (a statement, a FROM item, a set operation arm).</summary>
internal sealed class ValuesQuery(IReadOnlyList<IReadOnlyList<SqlExpression>> rows) : QueryExpression
{
    public IReadOnlyList<IReadOnlyList<SqlExpression>> Rows { get; } = rows;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitValuesQuery(this);

    public ValuesQuery Update(IReadOnlyList<IReadOnlyList<SqlExpression>> rows) =>
        ReferenceEquals(rows, Rows) ? this : new ValuesQuery(rows);
}

/// <summary>
/// ORDER BY / LIMIT / OFFSET / FETCH / locking applied to a whole set operation or VALUES list, or to a parenthesized
/// query that has its own: <c>body ORDER BY ... LIMIT ...</c>. A plain SELECT block keeps these clauses itself.
/// Without any clause it is a parenthesized set operation on the left of INTERSECT: <c>(a UNION b) INTERSECT c</c>.
/// </summary>
internal sealed class OrderedQuery(
    QueryExpression body,
    IReadOnlyList<OrderItem> orderBy,
    SqlExpression? limit,
    SqlExpression? offset,
    bool withTies,
    IReadOnlyList<LockingClause> locking) : QueryExpression
{
    public QueryExpression Body { get; } = body;

    public IReadOnlyList<OrderItem> OrderBy { get; } = orderBy;

    public SqlExpression? Limit { get; } = limit;

    public SqlExpression? Offset { get; } = offset;

    public bool WithTies { get; } = withTies;

    public IReadOnlyList<LockingClause> Locking { get; } = locking;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitOrderedQuery(this);

    public OrderedQuery Update(QueryExpression body, IReadOnlyList<OrderItem> orderBy, SqlExpression? limit, SqlExpression? offset) =>
        ReferenceEquals(body, Body) && ReferenceEquals(orderBy, OrderBy) && ReferenceEquals(limit, Limit) && ReferenceEquals(offset, Offset)
            ? this
            : new OrderedQuery(body, orderBy, limit, offset, WithTies, Locking);
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

/// <summary>Where NULLs sort in an <see cref="OrderItem"/>.</summary>
internal enum NullsOrder
{
    /// <summary>Not written: PostgreSQL's default for the direction.</summary>
    Default,
    First,
    Last,
}

/// <summary>An item of ORDER BY: <c>expression [ASC | DESC | USING operator] [NULLS FIRST | LAST]</c>.</summary>
internal sealed class OrderItem(SqlExpression expression, bool descending, NullsOrder nulls = NullsOrder.Default, string? usingOperator = null) : SqlNode
{
    public SqlExpression Expression { get; } = expression;

    public bool Descending { get; } = descending;

    public NullsOrder Nulls { get; } = nulls;

    /// <summary>The operator of <c>USING op</c>, which replaces ASC/DESC.</summary>
    public string? UsingOperator { get; } = usingOperator;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitOrderItem(this);

    public OrderItem Update(SqlExpression expression) =>
        ReferenceEquals(expression, Expression) ? this : new OrderItem(expression, Descending, Nulls, UsingOperator);
}

/// <summary>
/// One item of SET: <c>column = value</c>, or <c>(a, b) = (SELECT ...)</c>, which sets several columns from the one row
/// of a sub-query (<see cref="FromRow"/>). <c>(a, b) = (x, y)</c> is two plain assignments.
/// </summary>
internal sealed class Assignment : SqlNode
{
    /// <summary><c>column = value</c>.</summary>
    public Assignment(string column, SqlExpression value)
        : this([column], value, fromRow: false)
    {
    }

    /// <summary><c>(columns) = (SELECT ...)</c> when <paramref name="fromRow"/>; otherwise one column.</summary>
    public Assignment(IReadOnlyList<string> columns, SqlExpression value, bool fromRow)
    {
        if (!fromRow && columns.Count != 1)
        {
            throw new ArgumentException("A plain assignment sets one column.", nameof(columns));
        }

        Columns = columns;
        Value = value;
        FromRow = fromRow;
    }

    /// <summary>The columns set: one, or several for <see cref="FromRow"/>.</summary>
    public IReadOnlyList<string> Columns { get; }

    public SqlExpression Value { get; }

    /// <summary>Whether the columns are set from the row of a sub-query, <c>(a, b) = (SELECT ...)</c>.</summary>
    public bool FromRow { get; }

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitAssignment(this);

    public Assignment Update(SqlExpression value) =>
        ReferenceEquals(value, Value) ? this : new Assignment(Columns, value, FromRow);
}

/// <summary><c>ON CONFLICT [(columns) | ON CONSTRAINT name] DO NOTHING</c> or <c>DO UPDATE SET ... [WHERE ...]</c>.</summary>
internal sealed class OnConflictClause(
    IReadOnlyList<string> targetColumns,
    IReadOnlyList<Assignment>? updates,
    SqlExpression? where,
    string? constraint = null,
    SqlExpression? targetWhere = null) : SqlNode
{
    public IReadOnlyList<string> TargetColumns { get; } = targetColumns;

    /// <summary>The constraint of <c>ON CONFLICT ON CONSTRAINT name</c>.</summary>
    public string? Constraint { get; } = constraint;

    /// <summary>The predicate of <c>ON CONFLICT (columns) WHERE ...</c>, which picks a partial unique index.</summary>
    public SqlExpression? TargetWhere { get; } = targetWhere;

    /// <summary>The DO UPDATE assignments; <see langword="null"/> for DO NOTHING.</summary>
    public IReadOnlyList<Assignment>? Updates { get; } = updates;

    /// <summary>The DO UPDATE's WHERE.</summary>
    public SqlExpression? Where { get; } = where;

    public bool DoNothing => Updates is null;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitOnConflict(this);

    public OnConflictClause Update(SqlExpression? targetWhere, IReadOnlyList<Assignment>? updates, SqlExpression? where) =>
        ReferenceEquals(targetWhere, TargetWhere) && ReferenceEquals(updates, Updates) && ReferenceEquals(where, Where)
            ? this
            : new OnConflictClause(TargetColumns, updates, where, Constraint, targetWhere);
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

    /// <summary>The VALUES rows, each as long as <see cref="Columns"/>; <see langword="null"/> for INSERT ... SELECT and DEFAULT VALUES.</summary>
    public IReadOnlyList<IReadOnlyList<SqlExpression>>? Rows { get; } = rows;

    /// <summary>The query of INSERT ... SELECT; with <see cref="Rows"/> also <see langword="null"/> the statement is INSERT ... DEFAULT VALUES.</summary>
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
