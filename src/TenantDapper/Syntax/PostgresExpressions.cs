namespace TenantDapper.Syntax;

/// <summary>The kind of a <see cref="LiteralExpression"/>.</summary>
internal enum LiteralKind
{
    /// <summary>A numeric constant, kept as written (<c>42</c>, <c>1.5e3</c>).</summary>
    Number,

    /// <summary>A string constant; <see cref="LiteralExpression.Value"/> is its decoded value.</summary>
    String,

    /// <summary><c>B'0101'</c>; the value is the digits.</summary>
    BitString,

    /// <summary><c>X'1F'</c>; the value is the hex digits.</summary>
    HexString,

    /// <summary><c>NULL</c>.</summary>
    Null,
}

/// <summary>A constant written in SQL text (parsed statements); the builder sends values as parameters instead.</summary>
internal sealed class LiteralExpression(LiteralKind kind, string value) : SqlExpression
{
    public static LiteralExpression Null { get; } = new(LiteralKind.Null, "NULL");

    public LiteralKind Kind { get; } = kind;

    public string Value { get; } = value;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitLiteral(this);
}

/// <summary>A parameter named in SQL text: Dapper's <c>@name</c> or a positional <c>$1</c>; written back unchanged.</summary>
internal sealed class ParameterReferenceExpression(string name, bool positional) : SqlExpression
{
    /// <summary>The name without <c>@</c>, or the number of a positional parameter.</summary>
    public string Name { get; } = name;

    public bool Positional { get; } = positional;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitParameterReference(this);
}

/// <summary><c>DEFAULT</c> as a value of INSERT ... VALUES or UPDATE ... SET.</summary>
internal sealed class DefaultValueExpression : SqlExpression
{
    public static DefaultValueExpression Instance { get; } = new();

    private DefaultValueExpression()
    {
    }

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitDefaultValue(this);
}

/// <summary>A prefix operator: <c>-x</c>, <c>+x</c>, <c>~x</c>, <c>|/x</c>, ...</summary>
internal sealed class UnaryExpression(string @operator, SqlExpression operand) : SqlExpression
{
    public string Operator { get; } = @operator;

    public SqlExpression Operand { get; } = operand;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitUnary(this);

    public UnaryExpression Update(SqlExpression operand) =>
        ReferenceEquals(operand, Operand) ? this : new UnaryExpression(Operator, operand);
}

/// <summary>How a cast was written, so that it is written back the same way.</summary>
internal enum CastSyntax
{
    /// <summary><c>x::type</c>.</summary>
    DoubleColon,

    /// <summary><c>CAST(x AS type)</c>.</summary>
    Function,

    /// <summary><c>type 'literal'</c> (e.g. <c>date '2020-01-01'</c>).</summary>
    Prefix,
}

/// <summary><c>x::type</c>, <c>CAST(x AS type)</c> or a typed literal <c>type 'text'</c>.</summary>
internal sealed class CastExpression(SqlExpression operand, TypeName type, CastSyntax syntax) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    public TypeName Type { get; } = type;

    public CastSyntax Syntax { get; } = syntax;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitCast(this);

    public CastExpression Update(SqlExpression operand) =>
        ReferenceEquals(operand, Operand) ? this : new CastExpression(operand, Type, Syntax);
}

/// <summary><c>WHEN condition THEN result</c> of a CASE.</summary>
internal sealed class CaseWhen(SqlExpression when, SqlExpression then) : SqlNode
{
    public SqlExpression When { get; } = when;

    public SqlExpression Then { get; } = then;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitCaseWhen(this);

    public CaseWhen Update(SqlExpression when, SqlExpression then) =>
        ReferenceEquals(when, When) && ReferenceEquals(then, Then) ? this : new CaseWhen(when, then);
}

/// <summary><c>CASE [operand] WHEN ... THEN ... [ELSE ...] END</c>.</summary>
internal sealed class CaseExpression(SqlExpression? operand, IReadOnlyList<CaseWhen> whens, SqlExpression? @else) : SqlExpression
{
    public SqlExpression? Operand { get; } = operand;

    public IReadOnlyList<CaseWhen> Whens { get; } = whens;

    public SqlExpression? Else { get; } = @else;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitCase(this);

    public CaseExpression Update(SqlExpression? operand, IReadOnlyList<CaseWhen> whens, SqlExpression? @else) =>
        ReferenceEquals(operand, Operand) && ReferenceEquals(whens, Whens) && ReferenceEquals(@else, Else)
            ? this
            : new CaseExpression(operand, whens, @else);
}

/// <summary>
/// A function call: <c>[schema.]name([DISTINCT] args [ORDER BY ...]) [WITHIN GROUP (ORDER BY ...)] [FILTER (WHERE ...)]
/// [OVER window]</c>, the one node for every call, whoever made it. PostgreSQL's special forms (<c>extract(f from x)</c>,
/// <c>trim(both ...)</c>, <c>substring(x from y)</c>, ...) are parsed into their plain-call equivalents. The rewriter
/// refuses calls to functions that are not built in unless the tenant model declares them safe.
/// </summary>
internal sealed class FunctionCallExpression(
    string? schema,
    string name,
    IReadOnlyList<SqlExpression> arguments,
    bool distinct,
    bool variadic,
    IReadOnlyList<OrderItem> orderBy,
    bool withinGroup,
    SqlExpression? filter,
    WindowDefinition? over,
    bool isBuiltIn = false) : SqlExpression
{
    public string? Schema { get; } = schema;

    public string Name { get; } = name;

    /// <summary>The arguments; <c>count(*)</c> has one <see cref="AllColumnsExpression"/>.</summary>
    public IReadOnlyList<SqlExpression> Arguments { get; } = arguments;

    public bool Distinct { get; } = distinct;

    /// <summary>Whether the last argument is marked <c>VARIADIC</c>.</summary>
    public bool Variadic { get; } = variadic;

    /// <summary>The aggregate's ORDER BY (inside the parentheses, or in WITHIN GROUP).</summary>
    public IReadOnlyList<OrderItem> OrderBy { get; } = orderBy;

    public bool WithinGroup { get; } = withinGroup;

    public SqlExpression? Filter { get; } = filter;

    public WindowDefinition? Over { get; } = over;

    /// <summary>
    /// Whether the node's maker names a PostgreSQL built-in as SQL spells it (the builder's <c>COUNT(*)</c>, the rewriter's
    /// <c>COALESCE</c>): trusted as it is and written by its name alone. A call read from SQL text is not: the writer pins a
    /// built-in it finds on <see cref="BuiltInFunctions"/> to <c>pg_catalog</c> and quotes any other name.
    /// </summary>
    public bool IsBuiltIn { get; } = isBuiltIn;

    /// <summary><c>name(arguments)</c> of a built-in, written as <paramref name="name"/> is spelt (see <see cref="IsBuiltIn"/>).</summary>
    public static FunctionCallExpression BuiltIn(string name, IReadOnlyList<SqlExpression> arguments) =>
        new(null, name, arguments, distinct: false, variadic: false, [], withinGroup: false, filter: null, over: null, isBuiltIn: true);

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitFunctionCall(this);

    public FunctionCallExpression Update(IReadOnlyList<SqlExpression> arguments, IReadOnlyList<OrderItem> orderBy, SqlExpression? filter, WindowDefinition? over) =>
        ReferenceEquals(arguments, Arguments) && ReferenceEquals(orderBy, OrderBy) && ReferenceEquals(filter, Filter) && ReferenceEquals(over, Over)
            ? this
            : new FunctionCallExpression(Schema, Name, arguments, Distinct, Variadic, orderBy, WithinGroup, filter, over, IsBuiltIn);
}

/// <summary>A SQL value function written without parentheses: <c>CURRENT_DATE</c>, <c>CURRENT_TIMESTAMP(3)</c>, <c>CURRENT_USER</c>, ...</summary>
internal sealed class KeywordValueExpression(string keyword, int? precision) : SqlExpression
{
    /// <summary>The keyword in upper case.</summary>
    public string Keyword { get; } = keyword;

    public int? Precision { get; } = precision;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitKeywordValue(this);
}

/// <summary>A named function argument: <c>name =&gt; value</c>.</summary>
internal sealed class NamedArgumentExpression(string name, SqlExpression value) : SqlExpression
{
    public string Name { get; } = name;

    public SqlExpression Value { get; } = value;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitNamedArgument(this);

    public NamedArgumentExpression Update(SqlExpression value) =>
        ReferenceEquals(value, Value) ? this : new NamedArgumentExpression(Name, value);
}

/// <summary><c>ARRAY[a, b, ...]</c> (a nested <c>[...]</c> is an inner ARRAY).</summary>
internal sealed class ArrayExpression(IReadOnlyList<SqlExpression> elements) : SqlExpression
{
    public IReadOnlyList<SqlExpression> Elements { get; } = elements;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitArray(this);

    public ArrayExpression Update(IReadOnlyList<SqlExpression> elements) =>
        ReferenceEquals(elements, Elements) ? this : new ArrayExpression(elements);
}

/// <summary><c>ARRAY(SELECT ...)</c>.</summary>
internal sealed class ArraySubqueryExpression(SelectStatement query) : SqlExpression
{
    public SelectStatement Query { get; } = query;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitArraySubquery(this);

    public ArraySubqueryExpression Update(SelectStatement query) =>
        ReferenceEquals(query, Query) ? this : new ArraySubqueryExpression(query);
}

/// <summary><c>operand[index]</c> or a slice <c>operand[lower:upper]</c> (either bound may be missing).</summary>
internal sealed class SubscriptExpression(SqlExpression operand, SqlExpression? lower, SqlExpression? upper, bool slice) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    /// <summary>The index, or a slice's lower bound.</summary>
    public SqlExpression? Lower { get; } = lower;

    public SqlExpression? Upper { get; } = upper;

    public bool Slice { get; } = slice;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitSubscript(this);

    public SubscriptExpression Update(SqlExpression operand, SqlExpression? lower, SqlExpression? upper) =>
        ReferenceEquals(operand, Operand) && ReferenceEquals(lower, Lower) && ReferenceEquals(upper, Upper)
            ? this
            : new SubscriptExpression(operand, lower, upper, Slice);
}

/// <summary><c>(operand).field</c> or <c>(operand).*</c>.</summary>
internal sealed class FieldSelectionExpression(SqlExpression operand, string? field) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    /// <summary>The field, or <see langword="null"/> for <c>.*</c>.</summary>
    public string? Field { get; } = field;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitFieldSelection(this);

    public FieldSelectionExpression Update(SqlExpression operand) =>
        ReferenceEquals(operand, Operand) ? this : new FieldSelectionExpression(operand, Field);
}

/// <summary><c>ROW(a, b)</c> or <c>(a, b)</c>.</summary>
internal sealed class RowExpression(IReadOnlyList<SqlExpression> items, bool explicitRow) : SqlExpression
{
    public IReadOnlyList<SqlExpression> Items { get; } = items;

    /// <summary>Whether it was written with the ROW keyword (required for fewer than two items).</summary>
    public bool ExplicitRow { get; } = explicitRow;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitRow(this);

    public RowExpression Update(IReadOnlyList<SqlExpression> items) =>
        ReferenceEquals(items, Items) ? this : new RowExpression(items, ExplicitRow);
}

/// <summary><c>operand COLLATE [schema.]collation</c>.</summary>
internal sealed class CollateExpression(SqlExpression operand, string? schema, string collation) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    public string? Schema { get; } = schema;

    public string Collation { get; } = collation;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitCollate(this);

    public CollateExpression Update(SqlExpression operand) =>
        ReferenceEquals(operand, Operand) ? this : new CollateExpression(operand, Schema, Collation);
}

/// <summary><c>operand AT TIME ZONE zone</c>.</summary>
internal sealed class AtTimeZoneExpression(SqlExpression operand, SqlExpression zone) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    public SqlExpression Zone { get; } = zone;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitAtTimeZone(this);

    public AtTimeZoneExpression Update(SqlExpression operand, SqlExpression zone) =>
        ReferenceEquals(operand, Operand) && ReferenceEquals(zone, Zone) ? this : new AtTimeZoneExpression(operand, zone);
}

/// <summary>What an <see cref="BooleanTestExpression"/> tests.</summary>
internal enum BooleanTest
{
    True,
    False,
    Unknown,
}

/// <summary><c>operand IS [NOT] TRUE | FALSE | UNKNOWN</c>.</summary>
internal sealed class BooleanTestExpression(SqlExpression operand, BooleanTest test, bool negated) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    public BooleanTest Test { get; } = test;

    public bool Negated { get; } = negated;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitBooleanTest(this);

    public BooleanTestExpression Update(SqlExpression operand) =>
        ReferenceEquals(operand, Operand) ? this : new BooleanTestExpression(operand, Test, Negated);
}

/// <summary><c>left operator ANY | ALL (array or sub-query)</c> (<c>SOME</c> is ANY).</summary>
internal sealed class QuantifiedExpression(SqlExpression left, string @operator, bool all, SqlExpression? array, SelectStatement? query) : SqlExpression
{
    public SqlExpression Left { get; } = left;

    public string Operator { get; } = @operator;

    /// <summary>ALL when true, ANY when false.</summary>
    public bool All { get; } = all;

    /// <summary>The array operand, unless it is a sub-query.</summary>
    public SqlExpression? Array { get; } = array;

    public SelectStatement? Query { get; } = query;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitQuantified(this);

    public QuantifiedExpression Update(SqlExpression left, SqlExpression? array, SelectStatement? query) =>
        ReferenceEquals(left, Left) && ReferenceEquals(array, Array) && ReferenceEquals(query, Query)
            ? this
            : new QuantifiedExpression(left, Operator, All, array, query);
}

/// <summary><c>operand [NOT] IN (a, b, ...)</c> with expressions written in the text.</summary>
internal sealed class InValuesExpression(SqlExpression operand, IReadOnlyList<SqlExpression> values, bool negated) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    public IReadOnlyList<SqlExpression> Values { get; } = values;

    public bool Negated { get; } = negated;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitInValues(this);

    public InValuesExpression Update(SqlExpression operand, IReadOnlyList<SqlExpression> values) =>
        ReferenceEquals(operand, Operand) && ReferenceEquals(values, Values) ? this : new InValuesExpression(operand, values, Negated);
}

/// <summary><c>operand [NOT] SIMILAR TO pattern [ESCAPE escape]</c>, and LIKE / ILIKE with an ESCAPE that is not one literal character.</summary>
internal sealed class PatternMatchExpression(SqlExpression operand, string @operator, SqlExpression pattern, SqlExpression? escape, bool negated) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    /// <summary><c>LIKE</c>, <c>ILIKE</c> or <c>SIMILAR TO</c>.</summary>
    public string Operator { get; } = @operator;

    public SqlExpression Pattern { get; } = pattern;

    public SqlExpression? Escape { get; } = escape;

    public bool Negated { get; } = negated;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitPatternMatch(this);

    public PatternMatchExpression Update(SqlExpression operand, SqlExpression pattern, SqlExpression? escape) =>
        ReferenceEquals(operand, Operand) && ReferenceEquals(pattern, Pattern) && ReferenceEquals(escape, Escape)
            ? this
            : new PatternMatchExpression(operand, Operator, pattern, escape, Negated);
}

/// <summary>How a <see cref="GroupingSetExpression"/> groups its items.</summary>
internal enum GroupingSetKind
{
    /// <summary>The empty grouping set <c>()</c>: one group of all rows.</summary>
    Empty,

    /// <summary><c>ROLLUP (a, b)</c>: the sets (a, b), (a) and ().</summary>
    Rollup,

    /// <summary><c>CUBE (a, b)</c>: every subset of the items.</summary>
    Cube,

    /// <summary><c>GROUPING SETS (...)</c>: each item is one grouping set (or a nested ROLLUP, CUBE or GROUPING SETS).</summary>
    Sets,
}

/// <summary>
/// A grouping element of GROUP BY other than a plain expression: <c>ROLLUP (...)</c>, <c>CUBE (...)</c>,
/// <c>GROUPING SETS (...)</c> or <c>()</c>. A parenthesised list <c>(a, b)</c> among the items is a
/// <see cref="RowExpression"/>, which PostgreSQL reads there as one set of columns.
/// </summary>
internal sealed class GroupingSetExpression(GroupingSetKind kind, IReadOnlyList<SqlExpression> items) : SqlExpression
{
    public GroupingSetKind Kind { get; } = kind;

    public IReadOnlyList<SqlExpression> Items { get; } = items;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitGroupingSet(this);

    public GroupingSetExpression Update(IReadOnlyList<SqlExpression> items) =>
        ReferenceEquals(items, Items) ? this : new GroupingSetExpression(Kind, items);
}
