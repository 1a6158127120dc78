using TenantDapper.Syntax;

namespace TenantDapper.Parsing;

/// <summary>
/// A raw set-operation tail (CombineRaw, <c>"UNION ALL SELECT ... [ORDER BY ...] [LIMIT ...]"</c>) parsed into its arms and the
/// clauses after the last arm, to be appended after a query the builder wrote: arm after arm in the order of the text, as
/// SqlKata appends the raw text after the query, so PostgreSQL reads the result as it reads SqlKata's.
/// </summary>
internal sealed class SetOperationTail
{
    /// <summary>Where the head goes in <see cref="Modifiers"/> until it is appended; never written.</summary>
    internal static readonly QueryExpression Head = new ValuesQuery([]);

    public SetOperationTail(IReadOnlyList<(SetOperator Operator, bool All, SelectStatement Arm)> arms, OrderedQuery? modifiers)
    {
        Arms = arms;
        Modifiers = modifiers;
    }

    /// <summary>The arms, in the order of the text.</summary>
    public IReadOnlyList<(SetOperator Operator, bool All, SelectStatement Arm)> Arms { get; }

    /// <summary>ORDER BY, LIMIT, OFFSET or locking after the last arm (they apply to the whole set operation), around <see cref="Head"/>.</summary>
    public OrderedQuery? Modifiers { get; }

    /// <summary>The set operation of <paramref name="head"/> followed by the arms, with the trailing clauses around it.</summary>
    public QueryExpression AppendTo(QueryExpression head)
    {
        var body = head;
        foreach (var (@operator, all, arm) in Arms)
        {
            body = new SetOperation(body, @operator, all, arm);
        }

        return Modifiers is { } m ? new OrderedQuery(body, m.OrderBy, m.Limit, m.Offset, m.WithTies, m.Locking) : body;
    }
}
