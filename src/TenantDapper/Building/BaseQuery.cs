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

    private bool _orNext;
    private bool _notNext;

    internal ConditionList Wheres { get; private protected set; } = new();

    /// <summary>Joins the next condition with OR instead of AND, as SqlKata's flag does: <c>q.Where("a", 1).Or().Where("b", 2)</c>.</summary>
    public TQuery Or()
    {
        _orNext = true;
        return Self;
    }

    /// <summary>Negates the next condition (when <paramref name="flag"/> is true), as SqlKata's flag does: <c>q.Not().Where("a", 1)</c>.</summary>
    /// <param name="flag">Whether the next condition is negated.</param>
    public TQuery Not(bool flag = true)
    {
        _notNext = flag;
        return Self;
    }

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

    /// <summary>The connective of the condition being added: OR when asked for here or by <see cref="Or"/>; clears the flag.</summary>
    private protected Connective Joined(Connective connective)
    {
        var result = _orNext ? Connective.Or : connective;
        _orNext = false;
        return result;
    }

    /// <summary>Whether the condition being added is negated, here or by <see cref="Not"/>; clears the flag.</summary>
    private protected bool Negating(bool negated)
    {
        var result = negated || _notNext;
        _notNext = false;
        return result;
    }

    /// <summary>Hands the pending <see cref="Or"/> / <see cref="Not"/> flags to <paramref name="other"/> (a scratch builder whose conditions move here).</summary>
    private protected void PassFlagsTo<TOther>(BaseQuery<TOther> other)
        where TOther : BaseQuery<TOther>
    {
        other._orNext = _orNext;
        other._notNext = _notNext;
        _orNext = false;
        _notNext = false;
    }

    private protected TQuery AddComparison(Connective connective, bool negated, string column, string op, object? value)
    {
        connective = Joined(connective);
        negated = Negating(negated);
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
        connective = Joined(connective);
        negated = Negating(negated);
        var child = callback(NewChild());

        // As in SqlKata, an empty group adds nothing, so a callback may add its conditions conditionally.
        return child is null || child.Wheres.Count == 0 ? Self : AddWhere(new GroupCondition(connective, negated, child.Wheres, (child as Query)?.Variables));
    }

    private protected TQuery AddObject(Connective connective, bool negated, object constraints)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        connective = Joined(connective);
        negated = Negating(negated);
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

    private protected TQuery AddIn<T>(Connective connective, bool negated, string column, IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        connective = Joined(connective);
        negated = Negating(negated);
        var col = Names.Column(column);

        // A Variable's value is known only when the query is compiled; the list is typed then.
        if ((typeof(T) == typeof(object) || typeof(T) == typeof(Variable)) && values is IEnumerable<object?> items && items.Any(v => v is Variable))
        {
            return AddWhere(new InListCondition(connective, negated, col, null, items.ToArray()));
        }

        return AddWhere(new InListCondition(connective, negated, col, ValueList.ToArray(values)));
    }

    private protected TQuery AddLike(Connective connective, bool negated, string column, object value, bool caseSensitive, string? escapeCharacter, string prefix, string suffix)
    {
        ArgumentNullException.ThrowIfNull(value);
        connective = Joined(connective);
        negated = Negating(negated);
        char? escape = escapeCharacter switch
        {
            null => null,
            { Length: 1 } => escapeCharacter[0],
            _ => throw new ArgumentException("The escape character must be exactly one character, e.g. \"\\\\\".", nameof(escapeCharacter)),
        };
        return AddWhere(new LikeCondition(connective, negated, Names.Column(column), prefix, value, suffix, caseSensitive, escape));
    }

    private protected static Query Built(Func<Query, Query> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return callback(new Query());
    }
}
