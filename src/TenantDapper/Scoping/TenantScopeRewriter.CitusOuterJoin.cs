using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// The Citus 13.2 coordinator crash with row-level security: a statement whose outer join has a recurring relation (a
/// reference or global table, a VALUES list, a function, a CTE or derived table of those) on its preserved side and a
/// tenant table, filtered by its policy, on its nullable side kills the coordinator backend (signal 11) unless Citus
/// routes it to one shard. With row-level security on a Citus coordinator such a join is refused before anything is
/// sent, unless exactly one tenant is set and the join is LEFT or RIGHT (then the tenant predicate in its ON routes it).
/// </summary>
internal sealed partial class TenantScopeRewriter
{
    /// <summary>What every message of this refusal says (an oracle run on Citus counts these refusals as expected).</summary>
    internal const string CitusCrashRefusal = "crashes the Citus 13.2 coordinator";

    private void CheckCitusOuterJoin(JoinedTable join)
    {
        if (!_citusRowLevelSecurity || join.Kind is JoinKind.Inner or JoinKind.Cross)
        {
            return;
        }

        var single = _state is { IsBypass: false, Tenants.Count: 1 };
        if (join.Kind != JoinKind.Full && single)
        {
            return;
        }

        var crashes = join.Kind switch
        {
            JoinKind.Left => Crashes(join.Left, join.Right),
            JoinKind.Right => Crashes(join.Right, join.Left),
            _ => Crashes(join.Left, join.Right) || Crashes(join.Right, join.Left),
        };
        if (crashes)
        {
            throw new UnscopableSqlException(join.Kind == JoinKind.Full
                ? "A FULL JOIN between a reference (or other shared) relation and a tenant table crashes the Citus 13.2 coordinator (signal 11, every session dropped) when row-level security filters the tenant table, so it was refused and nothing was sent. Write it as a LEFT JOIN with the tenant table on the preserved side, UNION the two outer joins, or run it inside CurrentTenant.Bypass(\"reason\") as a role that bypasses row-level security."
                : "An outer join with a reference (or other shared) relation on its preserved side and a tenant table on its nullable side crashes the Citus 13.2 coordinator (signal 11, every session dropped) when row-level security filters the tenant table and several tenants are set, so it was refused and nothing was sent. Put the tenant table on the preserved side (tenant LEFT JOIN reference), or read one tenant per statement (CurrentTenant.Use).");
        }

        bool Crashes(TableSource preserved, TableSource nullable)
        {
            var kept = OuterJoinSide.Of(this, preserved);
            return kept.Shared && !kept.Tenant && OuterJoinSide.Of(this, nullable).Tenant;
        }
    }

    /// <summary>What one side of an outer join reads: tenant tables (or what cannot be seen into), and shared (recurring) relations.</summary>
    private sealed class OuterJoinSide : SqlVisitor
    {
        private readonly TenantScopeRewriter _rewriter;
        private readonly List<string> _innerCtes = [];

        private OuterJoinSide(TenantScopeRewriter rewriter) => _rewriter = rewriter;

        /// <summary>Whether the side reads a tenant table, or something the check cannot see into.</summary>
        public bool Tenant { get; private set; }

        /// <summary>Whether the side reads a relation that is the same on every node (Citus calls it recurring).</summary>
        public bool Shared { get; private set; }

        public static OuterJoinSide Of(TenantScopeRewriter rewriter, TableSource source)
        {
            var side = new OuterJoinSide(rewriter);
            source.Accept(side);
            return side;
        }

        public override SqlNode VisitSelectStatement(SelectStatement node)
        {
            var depth = _innerCtes.Count;
            foreach (var cte in node.With)
            {
                _innerCtes.Add(cte.Name);
            }

            base.VisitSelectStatement(node);
            _innerCtes.RemoveRange(depth, _innerCtes.Count - depth);
            return node;
        }

        public override SqlNode VisitCommonTableExpression(CommonTableExpression node)
        {
            if (node.Query is null)
            {
                Tenant = true;
                return node;
            }

            return base.VisitCommonTableExpression(node);
        }

        public override SqlNode VisitTableReference(TableReference node)
        {
            if (node.Schema is null && _innerCtes.Contains(node.Name))
            {
                // Its body was visited with the WITH it belongs to.
                return node;
            }

            if (node.Schema is null && _rewriter._ctes?.Find(node.Name) is { } cte)
            {
                Tenant |= cte.TouchesTenants;
                Shared |= !cte.TouchesTenants;
                return node;
            }

            var role = _rewriter._model.GetRole(new TableName(node.Schema, node.Name));
            Tenant |= role == TableRole.Tenant;
            Shared |= role != TableRole.Tenant;
            return node;
        }

        public override SqlNode VisitValuesQuery(ValuesQuery node)
        {
            Shared = true;
            return base.VisitValuesQuery(node);
        }

        public override SqlNode VisitFunctionTable(FunctionTable node)
        {
            Shared = true;
            return base.VisitFunctionTable(node);
        }

        public override SqlNode VisitRawTableSource(RawTableSource node)
        {
            Tenant = true;
            return node;
        }
    }
}
