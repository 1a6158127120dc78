using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// The tenant predicates gathered for one clause (a WHERE, or one join's ON) and the clause the caller
/// wrote there. The gathered predicates are written first and the caller's condition after them as one
/// operand (the writer brackets a raw operand), so a raw fragment in the caller's condition cannot absorb
/// them (an unbalanced comment makes the text invalid instead of commenting them out).
/// </summary>
internal sealed class PredicateSink(SqlExpression? existing, string placement, bool besideRowsWithoutTenant = false)
{
    private List<SqlExpression>? _added;

    /// <summary>Where the predicates go, for the explain account, e.g. <c>WHERE</c> or <c>LEFT JOIN ON</c>.</summary>
    public string Placement { get; } = placement;

    /// <summary>
    /// Whether the clause is the ON of an outer join whose preserved side is a table with no tenant column (a reference
    /// or global table): <c>countries c LEFT JOIN managers m ON ...</c>.
    /// </summary>
    public bool BesideRowsWithoutTenant { get; } = besideRowsWithoutTenant;

    public void Add(SqlExpression predicate) => (_added ??= []).Add(predicate);

    /// <summary>Whether <c>qualifier.column = @tenant</c> (or <c>= ANY(@tenant)</c>) is already a conjunct of the clause.</summary>
    public bool HasTenantPredicate(TableQualifier qualifier, string column)
    {
        if (AnyTenantConjunct(existing, qualifier, column))
        {
            return true;
        }

        if (_added is not null)
        {
            foreach (var predicate in _added)
            {
                if (IsTenantPredicate(predicate, qualifier, column))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether <c>a.x = b.y</c> (either way round) is already a conjunct of the clause.</summary>
    public bool HasEquality(TableQualifier leftQualifier, string leftColumn, TableQualifier rightQualifier, string rightColumn)
    {
        var found = HasEquality(existing, leftQualifier, leftColumn, rightQualifier, rightColumn);
        if (_added is not null)
        {
            foreach (var predicate in _added)
            {
                found |= HasEquality(predicate, leftQualifier, leftColumn, rightQualifier, rightColumn);
            }
        }

        return found;
    }

    /// <summary>The clause with the gathered predicates first; <paramref name="visitedExisting"/> itself when none were gathered.</summary>
    public SqlExpression? Combine(SqlExpression? visitedExisting)
    {
        if (_added is null)
        {
            return visitedExisting;
        }

        if (visitedExisting is null)
        {
            return _added.Count == 1 ? _added[0] : new AndExpression([.. _added]);
        }

        var operands = new SqlExpression[_added.Count + 1];
        _added.CopyTo(operands);
        operands[^1] = visitedExisting;
        return new AndExpression(operands);
    }

    private static bool HasEquality(SqlExpression? expression, TableQualifier leftQualifier, string leftColumn, TableQualifier rightQualifier, string rightColumn)
    {
        switch (expression)
        {
            case AndExpression all:
                var found = false;
                for (var i = 0; i < all.Operands.Count; i++)
                {
                    found |= HasEquality(all.Operands[i], leftQualifier, leftColumn, rightQualifier, rightColumn);
                }

                return found;
            case BinaryExpression { Operator: "=", Left: ColumnExpression a, Right: ColumnExpression b }:
                return (IsColumn(a, leftQualifier, leftColumn) && IsColumn(b, rightQualifier, rightColumn))
                    || (IsColumn(b, leftQualifier, leftColumn) && IsColumn(a, rightQualifier, rightColumn));
            default:
                return false;
        }
    }

    private static bool AnyTenantConjunct(SqlExpression? expression, TableQualifier qualifier, string column)
    {
        switch (expression)
        {
            case null:
                return false;
            case AndExpression all:
                for (var i = 0; i < all.Operands.Count; i++)
                {
                    if (AnyTenantConjunct(all.Operands[i], qualifier, column))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return IsTenantPredicate(expression, qualifier, column);
        }
    }

    private static bool IsTenantPredicate(SqlExpression expression, TableQualifier qualifier, string column) => expression switch
    {
        BinaryExpression { Operator: "=", Left: ColumnExpression c, Right: TenantParameterExpression } => IsColumn(c, qualifier, column),
        BinaryExpression { Operator: "=", Left: TenantParameterExpression, Right: ColumnExpression c } => IsColumn(c, qualifier, column),
        QuantifiedExpression { Operator: "=", All: false, Left: ColumnExpression c, Array: TenantParameterExpression } => IsColumn(c, qualifier, column),
        _ => false,
    };

    private static bool IsColumn(ColumnExpression column, TableQualifier qualifier, string name) =>
        string.Equals(column.Name, name, StringComparison.Ordinal) && qualifier.Equals(column.Qualifier);
}
