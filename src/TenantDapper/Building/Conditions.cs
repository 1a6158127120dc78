using TenantDapper.Syntax;

namespace TenantDapper.Building;

/// <summary>How a condition joins the conditions before it.</summary>
internal enum Connective
{
    And,
    Or,
}

/// <summary>
/// One condition of a WHERE, HAVING or join ON list, as the builder recorded it. Columns are parsed and
/// validated when the condition is added; <see cref="ToExpression"/> builds its part of the SQL tree. A condition
/// without values or sub-queries keeps its (immutable) node, so every snapshot shares it.
/// </summary>
internal abstract class Condition(Connective connective, bool negated)
{
    public Connective Connective { get; } = connective;

    public bool Negated { get; } = negated;

    /// <summary>The condition without its negation; <see cref="ConditionList"/> adds the NOT.</summary>
    public abstract SqlExpression ToExpression();

    /// <summary>Whether the node from <see cref="ToExpression"/> already carries the negation (IS NOT NULL, NOT IN, ...).</summary>
    public virtual bool NegatesItself => false;

    /// <summary>A copy that shares nothing mutable with this one (sub-queries are cloned).</summary>
    public virtual Condition DeepClone() => this;

    protected static SqlExpression Operand(object? value) =>
        value is Query query ? new SubqueryExpression(query.ToSelectStatement()) : VariableScope.Parameter(value);
}

/// <summary><c>column op value</c> or <c>column op (sub-query)</c>.</summary>
internal sealed class ComparisonCondition(Connective connective, bool negated, ColumnExpression column, string @operator, object? value)
    : Condition(connective, negated)
{
    public override SqlExpression ToExpression() => new BinaryExpression(column, @operator, Operand(value));

    public override Condition DeepClone() =>
        value is Query query ? new ComparisonCondition(Connective, Negated, column, @operator, query.Clone()) : this;
}

/// <summary><c>column IS [NOT] NULL</c>.</summary>
internal sealed class NullCondition(Connective connective, bool negated, ColumnExpression column) : Condition(connective, negated)
{
    public override bool NegatesItself => true;

    private IsNullExpression? _node;

    public override SqlExpression ToExpression() => _node ??= new IsNullExpression(column, Negated);
}

/// <summary><c>column = true|false</c>.</summary>
internal sealed class BooleanCondition(Connective connective, bool negated, ColumnExpression column, bool value) : Condition(connective, negated)
{
    private BinaryExpression? _node;

    public override SqlExpression ToExpression() => _node ??= new BinaryExpression(column, "=", value ? BooleanLiteral.True : BooleanLiteral.False);
}

/// <summary>
/// <c>column = ANY(@list)</c> / <c>column &lt;&gt; ALL(@list)</c> with the list as one typed array. A list holding a
/// <see cref="Variable"/> is kept as given (<paramref name="items"/>) and typed when the variables are known.
/// </summary>
internal sealed class InListCondition(Connective connective, bool negated, ColumnExpression column, Array? values, object?[]? items = null)
    : Condition(connective, negated)
{
    public override bool NegatesItself => true;

    public override SqlExpression ToExpression() =>
        new InListExpression(column, new ParameterExpression(values ?? ValueList.ToArray(Array.ConvertAll(items!, VariableScope.Resolve))), Negated);
}

/// <summary><c>column [NOT] IN (sub-query)</c>.</summary>
internal sealed class InQueryCondition(Connective connective, bool negated, ColumnExpression column, Query query) : Condition(connective, negated)
{
    public override bool NegatesItself => true;

    public override SqlExpression ToExpression() => new InSubqueryExpression(column, query.ToSelectStatement(), Negated);

    public override Condition DeepClone() => new InQueryCondition(Connective, Negated, column, query.Clone());
}

/// <summary><c>column [NOT] BETWEEN low AND high</c>.</summary>
internal sealed class BetweenCondition(Connective connective, bool negated, ColumnExpression column, object? low, object? high) : Condition(connective, negated)
{
    public override bool NegatesItself => true;

    public override SqlExpression ToExpression() =>
        new BetweenExpression(column, VariableScope.Parameter(low), VariableScope.Parameter(high), Negated);
}

/// <summary>
/// <c>column [NOT] LIKE|ILIKE @pattern [ESCAPE 'c']</c>: the value as text between the wildcards <paramref name="prefix"/>
/// and <paramref name="suffix"/>; a <see cref="Variable"/> is read when the query is compiled.
/// </summary>
internal sealed class LikeCondition(Connective connective, bool negated, ColumnExpression column, string prefix, object value, string suffix, bool caseSensitive, char? escapeCharacter)
    : Condition(connective, negated)
{
    private readonly string? _pattern = value is Variable ? null : Pattern(prefix, value, suffix);

    public override bool NegatesItself => true;

    public override SqlExpression ToExpression() =>
        new LikeExpression(column, new ParameterExpression(_pattern ?? Pattern(prefix, VariableScope.Resolve(value), suffix)), caseSensitive, Negated, escapeCharacter);

    private static string Pattern(string prefix, object? value, string suffix) =>
        prefix + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) + suffix;
}

/// <summary><c>first op second</c> between two columns (also a join's <c>On</c>).</summary>
internal sealed class ColumnsCondition(Connective connective, bool negated, ColumnExpression first, string @operator, ColumnExpression second)
    : Condition(connective, negated)
{
    private BinaryExpression? _node;

    public override SqlExpression ToExpression() => _node ??= new BinaryExpression(first, @operator, second);
}

/// <summary><c>[NOT] EXISTS (sub-query)</c>.</summary>
internal sealed class ExistsCondition(Connective connective, bool negated, Query query) : Condition(connective, negated)
{
    public override bool NegatesItself => true;

    public override SqlExpression ToExpression() => new ExistsExpression(query.ToSelectStatement(), Negated);

    public override Condition DeepClone() => new ExistsCondition(Connective, Negated, query.Clone());
}

/// <summary>A raw fragment with <c>?</c> bindings.</summary>
internal sealed class RawCondition(Connective connective, bool negated, SqlExpression expression) : Condition(connective, negated)
{
    public override SqlExpression ToExpression() => expression;
}

/// <summary>A bracketed group of conditions from <c>Where(q =&gt; ...)</c>, with the variables the callback defined (if any).</summary>
internal sealed class GroupCondition(Connective connective, bool negated, ConditionList conditions, IReadOnlyDictionary<string, object?>? variables = null)
    : Condition(connective, negated)
{
    public ConditionList Conditions { get; } = conditions;

    public override SqlExpression ToExpression()
    {
        using var scope = VariableScope.Enter(variables);
        return Conditions.ToExpression() ?? throw new InvalidQueryException("A nested condition group is empty. Add at least one condition inside Where(q => ...).");
    }

    public override Condition DeepClone() => new GroupCondition(Connective, Negated, Conditions.DeepClone(), variables);
}

/// <summary>
/// A date or time part of a column compared with a value: <c>column::date op @p::date</c>, <c>column::time op @p::time</c>
/// or <c>date_part('year', column) op @p</c>. The value is cast like the column, so a string such as <c>"2024-05-01"</c> works.
/// </summary>
internal sealed class DatePartCondition(Connective connective, bool negated, ColumnExpression column, DatePartKind part, string @operator, object? value)
    : Condition(connective, negated)
{
    public override SqlExpression ToExpression()
    {
        var parameter = VariableScope.Parameter(value);
        if (part.CastType is { } type)
        {
            return new BinaryExpression(new CastExpression(column, type, CastSyntax.DoubleColon), @operator, new CastExpression(parameter, type, CastSyntax.DoubleColon));
        }

        var datePart = new FunctionCallExpression(null, "date_part", [new LiteralExpression(LiteralKind.String, part.Field!), column], false, false, [], false, null, null);
        return new BinaryExpression(datePart, @operator, parameter);
    }
}

/// <summary><c>(sub-query) op value</c>: SqlKata's <c>WhereSub</c>.</summary>
internal sealed class SubqueryCondition(Connective connective, bool negated, Query query, string @operator, object? value) : Condition(connective, negated)
{
    public override SqlExpression ToExpression() => new BinaryExpression(new SubqueryExpression(query.ToSelectStatement()), @operator, Operand(value));

    public override Condition DeepClone() => new SubqueryCondition(Connective, Negated, query.Clone(), @operator, WriteValue.Copy(value));
}
