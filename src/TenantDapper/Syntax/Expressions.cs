namespace TenantDapper.Syntax;

/// <summary><c>[qualifier.]name</c>; the qualifier is a table alias, a table or <c>schema.table</c>.</summary>
internal sealed class ColumnExpression(TableQualifier? qualifier, string name) : SqlExpression
{
    public TableQualifier? Qualifier { get; } = qualifier;

    public string Name { get; } = name;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitColumn(this);
}

/// <summary><c>*</c> or <c>qualifier.*</c>.</summary>
internal sealed class AllColumnsExpression(TableQualifier? qualifier) : SqlExpression
{
    public static AllColumnsExpression Unqualified { get; } = new(null);

    public TableQualifier? Qualifier { get; } = qualifier;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitAllColumns(this);
}

/// <summary>A value sent as a parameter; the compiler names parameters in the order it writes them.</summary>
internal sealed class ParameterExpression(object? value) : SqlExpression
{
    public object? Value { get; } = value;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitParameter(this);
}

/// <summary>
/// The current tenant as a parameter (<c>@tenant</c>): one value, or an array for several tenants
/// (<c>= ANY(@tenant)</c>). Its value is bound when the statement is compiled for a captured tenant,
/// never written into the SQL text, so one text serves every tenant.
/// </summary>
internal sealed class TenantParameterExpression : SqlExpression
{
    /// <summary>The parameter's name without <c>@</c>, reserved for the tenant in every statement the library sends.</summary>
    public const string Name = "tenant";

    public static TenantParameterExpression Instance { get; } = new();

    private TenantParameterExpression()
    {
    }

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitTenantParameter(this);
}

/// <summary><c>TRUE</c> or <c>FALSE</c>.</summary>
internal sealed class BooleanLiteral : SqlExpression
{
    public static BooleanLiteral True { get; } = new(true);

    public static BooleanLiteral False { get; } = new(false);

    private BooleanLiteral(bool value) => Value = value;

    public bool Value { get; }

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitBooleanLiteral(this);
}

/// <summary>
/// A raw fragment kept as the pieces its tokens made (see <see cref="RawPiece"/>): text, <c>?</c> bindings and
/// <c>[x]</c> / <c>{x}</c> names. Placeholders and bindings were matched when it was built.
/// </summary>
internal sealed class RawExpression(IReadOnlyList<RawPiece> pieces, IReadOnlyList<object?> bindings) : SqlExpression
{
    public IReadOnlyList<RawPiece> Pieces { get; } = pieces;

    /// <summary>The values of the <see cref="RawPieceKind.Binding"/> pieces, in order.</summary>
    public IReadOnlyList<object?> Bindings { get; } = bindings;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitRaw(this);
}

/// <summary>A scalar sub-query: <c>(SELECT ...)</c>.</summary>
internal sealed class SubqueryExpression(SelectStatement query) : SqlExpression
{
    public SelectStatement Query { get; } = query;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitSubquery(this);

    public SubqueryExpression Update(SelectStatement query) =>
        ReferenceEquals(query, Query) ? this : new SubqueryExpression(query);
}

/// <summary><c>left operator right</c> for a whitelisted comparison or arithmetic operator (see <see cref="SqlOperators"/>).</summary>
internal sealed class BinaryExpression(SqlExpression left, string @operator, SqlExpression right) : SqlExpression
{
    public SqlExpression Left { get; } = left;

    /// <summary>The operator as PostgreSQL spells it, e.g. <c>=</c>, <c>&lt;&gt;</c>, <c>ILIKE</c>, <c>+</c>.</summary>
    public string Operator { get; } = @operator;

    public SqlExpression Right { get; } = right;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitBinary(this);

    public BinaryExpression Update(SqlExpression left, SqlExpression right) =>
        ReferenceEquals(left, Left) && ReferenceEquals(right, Right) ? this : new BinaryExpression(left, Operator, right);
}

/// <summary><c>a AND b AND ...</c> (two or more operands).</summary>
internal sealed class AndExpression(IReadOnlyList<SqlExpression> operands) : SqlExpression
{
    public IReadOnlyList<SqlExpression> Operands { get; } = operands;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitAnd(this);

    public AndExpression Update(IReadOnlyList<SqlExpression> operands) =>
        ReferenceEquals(operands, Operands) ? this : new AndExpression(operands);
}

/// <summary><c>a OR b OR ...</c> (two or more operands).</summary>
internal sealed class OrExpression(IReadOnlyList<SqlExpression> operands) : SqlExpression
{
    public IReadOnlyList<SqlExpression> Operands { get; } = operands;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitOr(this);

    public OrExpression Update(IReadOnlyList<SqlExpression> operands) =>
        ReferenceEquals(operands, Operands) ? this : new OrExpression(operands);
}

/// <summary><c>NOT (operand)</c>.</summary>
internal sealed class NotExpression(SqlExpression operand) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitNot(this);

    public NotExpression Update(SqlExpression operand) =>
        ReferenceEquals(operand, Operand) ? this : new NotExpression(operand);
}

/// <summary><c>operand IS [NOT] NULL</c>.</summary>
internal sealed class IsNullExpression(SqlExpression operand, bool negated) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    public bool Negated { get; } = negated;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitIsNull(this);

    public IsNullExpression Update(SqlExpression operand) =>
        ReferenceEquals(operand, Operand) ? this : new IsNullExpression(operand, Negated);
}

/// <summary>
/// <c>operand IN (values)</c> written as <c>operand = ANY(@p)</c> (or <c>operand &lt;&gt; ALL(@p)</c> when
/// negated) with the whole list as one array parameter, so the text does not change with the list's length.
/// </summary>
internal sealed class InListExpression(SqlExpression operand, ParameterExpression values, bool negated) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    /// <summary>The list as one parameter whose value is an array (or a list) of the values.</summary>
    public ParameterExpression Values { get; } = values;

    public bool Negated { get; } = negated;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitInList(this);

    public InListExpression Update(SqlExpression operand) =>
        ReferenceEquals(operand, Operand) ? this : new InListExpression(operand, Values, Negated);
}

/// <summary><c>operand [NOT] IN (SELECT ...)</c>.</summary>
internal sealed class InSubqueryExpression(SqlExpression operand, SelectStatement query, bool negated) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    public SelectStatement Query { get; } = query;

    public bool Negated { get; } = negated;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitInSubquery(this);

    public InSubqueryExpression Update(SqlExpression operand, SelectStatement query) =>
        ReferenceEquals(operand, Operand) && ReferenceEquals(query, Query) ? this : new InSubqueryExpression(operand, query, Negated);
}

/// <summary><c>[NOT] EXISTS (SELECT ...)</c>.</summary>
internal sealed class ExistsExpression(SelectStatement query, bool negated) : SqlExpression
{
    public SelectStatement Query { get; } = query;

    public bool Negated { get; } = negated;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitExists(this);

    public ExistsExpression Update(SelectStatement query) =>
        ReferenceEquals(query, Query) ? this : new ExistsExpression(query, Negated);
}

/// <summary><c>operand [NOT] BETWEEN [SYMMETRIC] low AND high</c>.</summary>
internal sealed class BetweenExpression(SqlExpression operand, SqlExpression low, SqlExpression high, bool negated, bool symmetric = false) : SqlExpression
{
    public bool Symmetric { get; } = symmetric;

    public SqlExpression Operand { get; } = operand;

    public SqlExpression Low { get; } = low;

    public SqlExpression High { get; } = high;

    public bool Negated { get; } = negated;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitBetween(this);

    public BetweenExpression Update(SqlExpression operand, SqlExpression low, SqlExpression high) =>
        ReferenceEquals(operand, Operand) && ReferenceEquals(low, Low) && ReferenceEquals(high, High)
            ? this
            : new BetweenExpression(operand, low, high, Negated, Symmetric);
}

/// <summary><c>operand [NOT] LIKE|ILIKE pattern [ESCAPE 'c']</c>.</summary>
internal sealed class LikeExpression(SqlExpression operand, SqlExpression pattern, bool caseSensitive, bool negated, char? escapeCharacter) : SqlExpression
{
    public SqlExpression Operand { get; } = operand;

    public SqlExpression Pattern { get; } = pattern;

    /// <summary>LIKE when true, ILIKE when false (SqlKata's default).</summary>
    public bool CaseSensitive { get; } = caseSensitive;

    public bool Negated { get; } = negated;

    public char? EscapeCharacter { get; } = escapeCharacter;

    public override SqlNode Accept(SqlVisitor visitor) => visitor.VisitLike(this);

    public LikeExpression Update(SqlExpression operand, SqlExpression pattern) =>
        ReferenceEquals(operand, Operand) && ReferenceEquals(pattern, Pattern)
            ? this
            : new LikeExpression(operand, pattern, CaseSensitive, Negated, EscapeCharacter);
}
