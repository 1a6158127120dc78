using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <summary>
/// The conditions shared by <see cref="Query"/> (its WHERE) and <see cref="Join"/> (its ON), as in SqlKata.
/// Every method adds to this builder and returns it, so conditions can be added one by one (<c>if (x) q.Where(...)</c>).
/// </summary>
/// <typeparam name="TQuery">The concrete builder the methods return.</typeparam>
public abstract partial class BaseQuery<TQuery>
    where TQuery : BaseQuery<TQuery>
{
    private protected BaseQuery()
    {
    }

    internal ConditionList Wheres { get; private protected set; } = new();

    /// <summary>Applies <paramref name="whenTrue"/> when <paramref name="condition"/> holds, else <paramref name="whenFalse"/> (if any).</summary>
    public TQuery When(bool condition, Func<TQuery, TQuery> whenTrue, Func<TQuery, TQuery>? whenFalse = null)
    {
        ArgumentNullException.ThrowIfNull(whenTrue);
        return condition ? whenTrue(Self) : whenFalse?.Invoke(Self) ?? Self;
    }

    /// <summary>A new, empty builder of the same kind, for nested condition groups.</summary>
    private protected abstract TQuery NewChild();

    private protected TQuery Self => (TQuery)this;

    private protected static string Operator(string op) =>
        SqlOperators.Normalize(op) ?? throw new InvalidOperatorException(op, SqlOperators.Names);

    private protected TQuery AddWhere(Condition condition)
    {
        Wheres.Add(condition);
        return Self;
    }

    private protected TQuery AddComparison(Connective connective, bool negated, string column, string op, object? value)
    {
        var col = Names.Column(column);
        var sqlOperator = Operator(op);
        if (value is null)
        {
            // SqlKata's rule: "= null" is IS NULL, any other operator with null is IS NOT NULL.
            return AddWhere(new NullCondition(connective, negated ^ (sqlOperator != "="), col));
        }

        return AddWhere(new ComparisonCondition(connective, negated, col, sqlOperator, value is Query query ? query.Clone() : value));
    }

    private protected TQuery AddGroup(Connective connective, bool negated, Func<TQuery, TQuery> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var child = callback(NewChild());
        return AddWhere(new GroupCondition(connective, negated, child.Wheres));
    }

    private protected TQuery AddObject(Connective connective, bool negated, object constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        if (constraints is string || constraints.GetType().IsPrimitive)
        {
            throw new ArgumentException("Where(object) takes an object whose properties are column = value pairs; for one column use Where(column, value).", nameof(constraints));
        }

        var conditions = new ConditionList();
        foreach (var (column, value) in ObjectColumns.Read(constraints))
        {
            var col = Names.Column(column);
            conditions.Add(value is null ? new NullCondition(Connective.And, false, col) : new ComparisonCondition(Connective.And, false, col, "=", value));
        }

        return conditions.Count == 0 ? Self : AddWhere(new GroupCondition(connective, negated, conditions));
    }

    private protected TQuery AddIn<T>(Connective connective, bool negated, string column, IEnumerable<T> values) =>
        AddWhere(new InListCondition(connective, negated, Names.Column(column), ValueList.ToArray(values)));

    private protected TQuery AddLike(Connective connective, bool negated, string column, object value, bool caseSensitive, string? escapeCharacter, string prefix, string suffix)
    {
        ArgumentNullException.ThrowIfNull(value);
        char? escape = escapeCharacter switch
        {
            null => null,
            { Length: 1 } => escapeCharacter[0],
            _ => throw new ArgumentException("The escape character must be exactly one character, e.g. \"\\\\\".", nameof(escapeCharacter)),
        };
        var pattern = prefix + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) + suffix;
        return AddWhere(new LikeCondition(connective, negated, Names.Column(column), pattern, caseSensitive, escape));
    }

    private protected static Query Built(Func<Query, Query> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return callback(new Query());
    }
}
