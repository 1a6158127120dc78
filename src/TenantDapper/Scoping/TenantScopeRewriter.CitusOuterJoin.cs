using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// The Citus 13.2 coordinator crash with row-level security: a statement whose outer join has a recurring relation (a
/// reference or global table, a VALUES list, a function, a CTE or derived table of those) on its preserved side and a
/// tenant table, filtered by its policy, on its nullable side kills the coordinator backend (signal 11) unless Citus
/// routes it to one shard, and so did a FULL JOIN between tenant tables alone and a shared outer join inside a
/// correlated sub-query. With row-level security on a Citus coordinator, in a statement that reads tenant tables (the
/// rewriter runs for no other), every FULL JOIN is refused before anything is sent, and every LEFT or RIGHT join whose
/// preserved side is shared, unless exactly one tenant is set, its nullable side reads a tenant table, and it is in
/// the statement's only SELECT block (then the tenant predicate in its ON routes the statement to one shard). Every
/// crash of the oracles' run read a global table (kept on the coordinator) as well, with or without an outer join, so a
/// statement that reads tenant tables and a global table is refused too (<see cref="CheckCitusLocalTable"/>).
/// </summary>
internal sealed partial class TenantScopeRewriter
{
    /// <summary>What every message of this refusal says (an oracle run on Citus counts these refusals as expected).</summary>
    internal const string CitusCrashRefusal = "crashes the Citus 13.2 coordinator";

    private bool _readsGlobal;
    private bool _writesTenant;

    /// <summary>
    /// After the statement was scoped: refuses a statement that reads tenant tables and a global table, which Citus keeps
    /// on the coordinator and joins as an intermediate result (a recurring relation). Every crash of the oracle run with
    /// row-level security on Citus 13.2 read such a table (audit_log), with or without an outer join: in a correlated
    /// sub-query, a comma join, an EXCEPT branch, an INNER JOIN after a LEFT JOIN.
    /// </summary>
    public void CheckCitusLocalTable()
    {
        if (_citusRowLevelSecurity && _readsGlobal && (_tenantReads > 0 || _writesTenant))
        {
            throw new UnscopableSqlException(
                "A statement that reads tenant tables and a table the model declares neither as a tenant nor as a reference table (Citus keeps such a table on the coordinator) crashes the Citus 13.2 coordinator (signal 11, every session dropped) when row-level security filters the tenant tables, so it was refused and nothing was sent. If the table is a Citus reference table, declare it with TenantModelBuilder.ReferenceTable; otherwise read it in a statement of its own.");
        }
    }

    private void CheckCitusOuterJoin(JoinedTable join)
    {
        if (!_citusRowLevelSecurity || join.Kind is JoinKind.Inner or JoinKind.Cross)
        {
            return;
        }

        if (join.Kind == JoinKind.Full)
        {
            // A FULL JOIN's tenant tables become filtered derived tables: Citus 13.2 crashed on one between tenant tables
            // alone too (in an EXISTS, one tenant), so every FULL JOIN of a statement that reads tenant tables is refused.
            throw new UnscopableSqlException(
                "A FULL JOIN in a statement that reads tenant tables crashes the Citus 13.2 coordinator (signal 11, every session dropped) when row-level security filters them, so it was refused and nothing was sent. Write it as a LEFT JOIN with the tenant table on the preserved side (UNION ALL the rows only the other side has), or as an INNER JOIN.");
        }

        var left = OuterJoinSide.Of(this, join.Left);
        var right = OuterJoinSide.Of(this, join.Right);
        var (preserved, nullable) = join.Kind == JoinKind.Left ? (left, right) : (right, left);
        if (!preserved.Shared || preserved.Tenant)
        {
            return;
        }

        // Measured to run: one tenant, a tenant table on the nullable side, whose tenant predicate in the ON routes the
        // join to one shard, in the statement's one SELECT block. Citus 13.2 crashed on that join as a branch of an
        // EXCEPT, and on a shared outer join without a tenant table inside a correlated sub-query of one tenant's
        // statement, so any other shared preserved side is refused.
        if (nullable.Tenant && _state is { IsBypass: false, Tenants.Count: 1 } && _singleBlockSelect && _level is { Parent: null })
        {
            return;
        }

        throw new UnscopableSqlException(
            "An outer join with a reference (or other shared) relation on its preserved side, in a statement that reads tenant tables, crashes the Citus 13.2 coordinator (signal 11, every session dropped) when row-level security filters them, unless one tenant is set and it is a tenant table on the nullable side in the statement's only SELECT block (no WITH, UNION or sub-query); it was refused and nothing was sent. Put the tenant table on the preserved side (tenant LEFT JOIN reference), read one tenant per statement (CurrentTenant.Use), or move the shared join out of the statement.");
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
