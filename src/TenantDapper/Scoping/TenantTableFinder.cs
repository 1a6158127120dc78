using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// Decides, without allocating, whether a statement needs the rewriter: whether it touches a tenant
/// table, or holds something the rewriter must refuse (a raw FROM/JOIN not marked scoped, a raw CTE
/// body). It resolves CTE names like the rewriter does, so that a strict model does not mistake a CTE
/// for an unregistered table; a table that merely shares a CTE's name elsewhere still counts.
/// One instance per thread is reused, with its name stack.
/// </summary>
internal sealed class TenantTableFinder : SqlVisitor
{
    [ThreadStatic]
    private static TenantTableFinder? _cached;

    private readonly List<string> _cteNames = new(4);
    private TenantModel _model = null!;
    private bool _found;

    private TenantTableFinder()
    {
    }

    /// <summary>Whether <paramref name="statement"/> needs the rewriter.</summary>
    /// <exception cref="UnregisteredTableException">The model is strict and the statement touches an unregistered table.</exception>
    public static bool NeedsScoping(SqlStatement statement, TenantModel model)
    {
        var finder = _cached ?? new TenantTableFinder();
        _cached = null;
        try
        {
            finder._model = model;
            finder.VisitStatement(statement);
            return finder._found;
        }
        finally
        {
            finder._found = false;
            finder._cteNames.Clear();
            finder._model = null!;
            _cached = finder;
        }
    }

    public override SqlNode VisitSelectStatement(SelectStatement node)
    {
        var depth = EnterWith(node.With);
        var result = base.VisitSelectStatement(node);
        LeaveWith(depth);
        return result;
    }

    public override SqlNode VisitInsertStatement(InsertStatement node)
    {
        var depth = EnterWith(node.With);
        VisitTarget(node.Target);
        var result = base.VisitInsertStatement(node);
        LeaveWith(depth);
        return result;
    }

    public override SqlNode VisitUpdateStatement(UpdateStatement node)
    {
        var depth = EnterWith(node.With);
        VisitTarget(node.Target);
        var result = base.VisitUpdateStatement(node);
        LeaveWith(depth);
        return result;
    }

    public override SqlNode VisitDeleteStatement(DeleteStatement node)
    {
        var depth = EnterWith(node.With);
        VisitTarget(node.Target);
        var result = base.VisitDeleteStatement(node);
        LeaveWith(depth);
        return result;
    }

    // Bodies are visited by EnterWith, each seeing only the CTEs before it.
    public override SqlNode VisitCommonTableExpression(CommonTableExpression node) => node;

    public override SqlNode VisitTableReference(TableReference node)
    {
        if (_found || (node.Schema is null && _cteNames.Contains(node.Name)))
        {
            return node;
        }

        _found = _model.GetRole(new TableName(node.Schema, node.Name)) == TableRole.Tenant;
        return node;
    }

    public override SqlNode VisitRawTableSource(RawTableSource node)
    {
        _found |= !node.MarkedScoped;
        return node;
    }

    // A function, operator or type that is neither built in nor declared safe must reach the rewriter, which refuses it.
    public override SqlNode VisitFunctionCall(FunctionCallExpression node)
    {
        _found |= !ServerCode.IsTrusted(node, _model);
        return _found ? node : base.VisitFunctionCall(node);
    }

    public override SqlNode VisitBinary(BinaryExpression node)
    {
        _found |= !ServerCode.IsTrustedOperator(node.Operator, prefix: false, _model);
        return _found ? node : base.VisitBinary(node);
    }

    public override SqlNode VisitUnary(UnaryExpression node)
    {
        _found |= !ServerCode.IsTrustedOperator(node.Operator, prefix: true, _model);
        return _found ? node : base.VisitUnary(node);
    }

    public override SqlNode VisitQuantified(QuantifiedExpression node)
    {
        _found |= !ServerCode.IsTrustedOperator(node.Operator, prefix: false, _model);
        return _found ? node : base.VisitQuantified(node);
    }

    public override SqlNode VisitCast(CastExpression node)
    {
        _found |= !ServerCode.IsTrusted(node.Type, _model);
        return _found ? node : base.VisitCast(node);
    }

    public override SqlNode VisitFunctionTable(FunctionTable node)
    {
        _found |= !ServerCode.AreTrusted(node.ColumnDefinitions, _model);
        return _found ? node : base.VisitFunctionTable(node);
    }

    private void VisitTarget(TableReference target)
    {
        if (!_found)
        {
            _found = _model.GetRole(new TableName(target.Schema, target.Name)) == TableRole.Tenant;
        }
    }

    private int EnterWith(IReadOnlyList<CommonTableExpression> with)
    {
        var depth = _cteNames.Count;
        var recursive = with.Count > 0 && with[0].Recursive;
        if (recursive)
        {
            foreach (var cte in with)
            {
                _cteNames.Add(cte.Name);
            }
        }

        for (var i = 0; i < with.Count; i++)
        {
            var cte = with[i];
            if (cte.Write is not null)
            {
                if (!_found)
                {
                    VisitStatement(cte.Write);
                }
            }
            else if (cte.Query is null)
            {
                _found = true;
            }
            else if (!_found)
            {
                VisitQuery(cte.Query);
            }

            if (!recursive)
            {
                _cteNames.Add(cte.Name);
            }
        }

        return depth;
    }

    private void LeaveWith(int depth) => _cteNames.RemoveRange(depth, _cteNames.Count - depth);
}
