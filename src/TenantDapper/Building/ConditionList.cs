using TenantDapper.Syntax;

namespace TenantDapper.Building;

/// <summary>
/// The conditions of a WHERE, HAVING or ON, in the order they were added. As in SqlKata, <c>OrWhere</c>
/// adds no brackets: <c>A OR B AND C</c> means <c>A OR (B AND C)</c>; only nested groups bracket.
/// </summary>
internal sealed class ConditionList
{
    private readonly List<Condition> _items;

    public ConditionList() => _items = [];

    private ConditionList(List<Condition> items) => _items = items;

    public int Count => _items.Count;

    public void Add(Condition condition) => _items.Add(condition);

    public void Clear() => _items.Clear();

    public void AddRange(ConditionList other) => _items.AddRange(other._items);

    public ConditionList DeepClone()
    {
        NestingGuard.EnsureStack();
        var items = new List<Condition>(_items.Count);
        foreach (var item in _items)
        {
            items.Add(item.DeepClone());
        }

        return new ConditionList(items);
    }

    /// <summary>The tree of the list; <see langword="null"/> when it is empty.</summary>
    public SqlExpression? ToExpression()
    {
        NestingGuard.EnsureStack();
        if (_items.Count == 0)
        {
            return null;
        }

        if (_items.Count == 1)
        {
            return Build(_items[0]);
        }

        if (!HasOr())
        {
            var operands = new SqlExpression[_items.Count];
            for (var i = 0; i < operands.Length; i++)
            {
                operands[i] = Build(_items[i]);
            }

            return new AndExpression(operands);
        }

        List<SqlExpression>? alternatives = null;
        var conjuncts = new List<SqlExpression>(_items.Count);
        foreach (var item in _items)
        {
            if (item.Connective == Connective.Or && conjuncts.Count > 0)
            {
                (alternatives ??= []).Add(Conjunction(conjuncts));
                conjuncts = [];
            }

            conjuncts.Add(Build(item));
        }

        if (alternatives is null)
        {
            return Conjunction(conjuncts);
        }

        alternatives.Add(Conjunction(conjuncts));
        return new OrExpression(alternatives.ToArray());
    }

    private bool HasOr()
    {
        for (var i = 1; i < _items.Count; i++)
        {
            if (_items[i].Connective == Connective.Or)
            {
                return true;
            }
        }

        return false;
    }

    private static SqlExpression Conjunction(List<SqlExpression> conjuncts) =>
        conjuncts.Count == 1 ? conjuncts[0] : new AndExpression(conjuncts.ToArray());

    private static SqlExpression Build(Condition condition)
    {
        var expression = condition.ToExpression();
        return condition.Negated && !condition.NegatesItself ? new NotExpression(expression) : expression;
    }
}
