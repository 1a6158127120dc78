using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// Several tenants in a grouped query (GROUP BY, HAVING, or an aggregate): its select list, HAVING, WINDOW, ORDER BY
/// and DISTINCT ON see groups, not rows, and PostgreSQL lets a sub-query there name only grouped columns of the query
/// around it (42803 otherwise). Such a sub-query ties to the tenant column the query groups by; where it groups by none
/// a group may hold several tenants' rows, so there is no one tenant to tie to and the statement is refused. A
/// sub-query inside an aggregate's arguments or FILTER sees the rows again and ties to the row's tenant as before.
/// </summary>
internal sealed partial class TenantScopeRewriter
{
    /// <summary>In the grouped parts of a block, what a sub-query inside an aggregate's arguments ties to: the row's tenant.</summary>
    private Correlation? _rowContext;

    /// <summary>
    /// What the sub-queries of the grouped parts of <paramref name="block"/> tie to: <paramref name="row"/> when the block
    /// is not grouped or ties to a query around it; else the tenant column of a never-null-extended tenant table the
    /// block groups by, or a refusal when it groups by none.
    /// </summary>
    private Correlation? GroupContext(SelectBlock block, Correlation? row)
    {
        if (!_several || row?.Tenant is not { } tenant || !ReferenceEquals(row.Level, _level) || !IsGrouped(block))
        {
            return row;
        }

        var occurrences = new List<TenantOccurrence>();
        foreach (var item in block.From)
        {
            CollectPreserved(item, occurrences);
        }

        foreach (var expression in block.GroupBy)
        {
            if (expression is not ColumnExpression column)
            {
                continue;
            }

            var matches = occurrences.FindAll(o => column.Name == o.Table.TenantColumn && (column.Qualifier is null || column.Qualifier.Equals(o.Qualifier)));
            if (matches.Count == 1 || (matches.Count > 0 && column.Qualifier is not null))
            {
                return Correlation.Of(matches[0], _level!);
            }
        }

        return Correlation.Ungrouped(tenant, _level!);
    }

    /// <summary>Whether the block's select list, HAVING and ORDER BY see groups: it has GROUP BY or HAVING, or an aggregate of its own there.</summary>
    private static bool IsGrouped(SelectBlock block)
    {
        if (block.GroupBy.Count > 0 || block.Having is not null)
        {
            return true;
        }

        var finder = new AggregateFinder();
        foreach (var item in block.Columns)
        {
            finder.VisitSelectItem(item);
        }

        foreach (var item in block.OrderBy)
        {
            finder.VisitOrderItem(item);
        }

        return finder.Found;
    }

    // A call with FILTER, WITHIN GROUP or an ORDER BY in its parentheses is an aggregate whatever its name.
    private static bool IsAggregate(FunctionCallExpression call) =>
        call.Over is null
        && (call.Filter is not null || call.WithinGroup || call.OrderBy.Count > 0 || BuiltInAggregates.Contains(call.Schema, call.Name));

    /// <summary>Every tenant table of <paramref name="source"/> whose rows are never null-extended inside it.</summary>
    private void CollectPreserved(TableSource source, List<TenantOccurrence> occurrences)
    {
        switch (source)
        {
            case TableReference table when PreservedTenant(table) is { } occurrence:
                occurrences.Add(occurrence);
                break;
            case JoinedTable { Kind: JoinKind.Inner or JoinKind.Cross } join:
                CollectPreserved(join.Left, occurrences);
                CollectPreserved(join.Right, occurrences);
                break;
            case JoinedTable { Kind: JoinKind.Left } join:
                CollectPreserved(join.Left, occurrences);
                break;
            case JoinedTable { Kind: JoinKind.Right } join:
                CollectPreserved(join.Right, occurrences);
                break;
        }
    }

    /// <summary>The refusal for a sub-query that would tie to the tenant of a group that may hold several tenants.</summary>
    private static UnscopableSqlException UngroupedTenant(TenantOccurrence occurrence, RowTenantExpression tenant) => new(
        $"With several tenants in scope, a sub-query in the select list, HAVING or ORDER BY of a grouped query reads tenant table '{occurrence.Table.Name}' and must be tied to the tenant of each group, " +
        $"but the query does not group by a tenant column, so a group may hold several tenants' rows (and PostgreSQL allows only grouped columns there). Add the tenant column ({(tenant.Single is { } single ? $"{single.Qualifier}.{single.Table.TenantColumn}" : "the tenant of " + tenant.Display)}) to GROUP BY, or read one tenant at a time (CurrentTenant.Use).");

    /// <summary>Finds an aggregate call of a block's own level: it does not look into sub-queries, whose aggregates are theirs.</summary>
    private sealed class AggregateFinder : SqlVisitor
    {
        public bool Found { get; private set; }

        public override SqlNode VisitSelectStatement(SelectStatement node) => node;

        public override SqlNode VisitFunctionCall(FunctionCallExpression node)
        {
            Found |= IsAggregate(node);
            return base.VisitFunctionCall(node);
        }
    }
}
