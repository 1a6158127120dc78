namespace TenantDapper.Syntax;

/// <summary>
/// Walks the SQL tree and rebuilds it. Every method visits the node's children and returns the node
/// itself when no child changed; a derived visitor overrides only the nodes it cares about. Lists are
/// copied only from the first element that changed, so a pass that changes nothing allocates nothing.
/// </summary>
internal abstract class SqlVisitor
{
    public SqlStatement VisitStatement(SqlStatement statement) => (SqlStatement)statement.Accept(this);

    public SelectStatement VisitQuery(SelectStatement query)
    {
        NestingGuard.EnsureStack();
        return (SelectStatement)query.Accept(this);
    }

    public QueryExpression VisitQueryExpression(QueryExpression body)
    {
        NestingGuard.EnsureStack();
        return (QueryExpression)body.Accept(this);
    }

    public TableSource VisitTableSource(TableSource source)
    {
        NestingGuard.EnsureStack();
        return (TableSource)source.Accept(this);
    }

    public SqlExpression VisitExpression(SqlExpression expression)
    {
        NestingGuard.EnsureStack();
        return (SqlExpression)expression.Accept(this);
    }

    public SqlExpression? VisitOptional(SqlExpression? expression) => expression is null ? null : VisitExpression(expression);

    public virtual SqlNode VisitSelectStatement(SelectStatement node) =>
        node.Update(VisitList(node.With), VisitQueryExpression(node.Body));

    public virtual SqlNode VisitCommonTableExpression(CommonTableExpression node) =>
        node.Update(
            node.Query is null ? null : VisitQuery(node.Query),
            node.Raw is null ? null : (RawExpression)VisitExpression(node.Raw),
            node.Write is null ? null : VisitStatement(node.Write));

    public virtual SqlNode VisitSelectBlock(SelectBlock node) =>
        node.Update(
            VisitList(node.DistinctOn),
            VisitList(node.Columns),
            VisitList(node.From),
            VisitOptional(node.Where),
            VisitList(node.GroupBy),
            VisitOptional(node.Having),
            VisitList(node.Windows),
            VisitList(node.OrderBy),
            VisitOptional(node.Limit),
            VisitOptional(node.Offset));

    public virtual SqlNode VisitValuesQuery(ValuesQuery node) => node.Update(VisitRows(node.Rows));

    public virtual SqlNode VisitOrderedQuery(OrderedQuery node) =>
        node.Update(VisitQueryExpression(node.Body), VisitList(node.OrderBy), VisitOptional(node.Limit), VisitOptional(node.Offset));

    public virtual SqlNode VisitWindowDefinition(WindowDefinition node) =>
        node.Update(VisitList(node.PartitionBy), VisitList(node.OrderBy), node.Frame is null ? null : (WindowFrame)node.Frame.Accept(this));

    public virtual SqlNode VisitWindowFrame(WindowFrame node) => node.Update(VisitOptional(node.StartOffset), VisitOptional(node.EndOffset));

    public virtual SqlNode VisitSetOperation(SetOperation node) =>
        node.Update(VisitQueryExpression(node.Left), VisitQuery(node.Right));

    public virtual SqlNode VisitSelectItem(SelectItem node) => node.Update(VisitExpression(node.Expression));

    public virtual SqlNode VisitOrderItem(OrderItem node) => node.Update(VisitExpression(node.Expression));

    public virtual SqlNode VisitAssignment(Assignment node) => node.Update(VisitExpression(node.Value));

    public virtual SqlNode VisitOnConflict(OnConflictClause node) =>
        node.Update(VisitOptional(node.TargetWhere), node.Updates is null ? null : VisitList(node.Updates), VisitOptional(node.Where));

    public virtual SqlNode VisitInsertStatement(InsertStatement node) =>
        node.Update(
            VisitList(node.With),
            node.Columns,
            node.Rows is null ? null : VisitRows(node.Rows),
            node.Source is null ? null : VisitQuery(node.Source),
            node.OnConflict is null ? null : (OnConflictClause)node.OnConflict.Accept(this),
            VisitList(node.Returning));

    public virtual SqlNode VisitUpdateStatement(UpdateStatement node) =>
        node.Update(VisitList(node.With), VisitList(node.Set), VisitList(node.From), VisitOptional(node.Where), VisitList(node.Returning));

    public virtual SqlNode VisitDeleteStatement(DeleteStatement node) =>
        node.Update(VisitList(node.With), VisitList(node.Using), VisitOptional(node.Where), VisitList(node.Returning));

    public virtual SqlNode VisitTableReference(TableReference node) => node;

    public virtual SqlNode VisitDerivedTable(DerivedTable node) => node.Update(VisitQuery(node.Query));

    public virtual SqlNode VisitFunctionTable(FunctionTable node) => node.Update((FunctionCallExpression)VisitExpression(node.Function));

    public virtual SqlNode VisitRawTableSource(RawTableSource node) => node;

    public virtual SqlNode VisitJoinedTable(JoinedTable node) =>
        node.Update(VisitTableSource(node.Left), VisitTableSource(node.Right), VisitOptional(node.On));

    public virtual SqlNode VisitColumn(ColumnExpression node) => node;

    public virtual SqlNode VisitAllColumns(AllColumnsExpression node) => node;

    public virtual SqlNode VisitParameter(ParameterExpression node) => node;

    public virtual SqlNode VisitTenantParameter(TenantParameterExpression node) => node;

    public virtual SqlNode VisitBooleanLiteral(BooleanLiteral node) => node;

    public virtual SqlNode VisitRaw(RawExpression node) => node;

    public virtual SqlNode VisitSubquery(SubqueryExpression node) => node.Update(VisitQuery(node.Query));

    public virtual SqlNode VisitBinary(BinaryExpression node) => node.Update(VisitExpression(node.Left), VisitExpression(node.Right));

    public virtual SqlNode VisitAnd(AndExpression node) => node.Update(VisitList(node.Operands));

    public virtual SqlNode VisitOr(OrExpression node) => node.Update(VisitList(node.Operands));

    public virtual SqlNode VisitNot(NotExpression node) => node.Update(VisitExpression(node.Operand));

    public virtual SqlNode VisitIsNull(IsNullExpression node) => node.Update(VisitExpression(node.Operand));

    public virtual SqlNode VisitInList(InListExpression node) => node.Update(VisitExpression(node.Operand));

    public virtual SqlNode VisitInSubquery(InSubqueryExpression node) =>
        node.Update(VisitExpression(node.Operand), VisitQuery(node.Query));

    public virtual SqlNode VisitExists(ExistsExpression node) => node.Update(VisitQuery(node.Query));

    public virtual SqlNode VisitBetween(BetweenExpression node) =>
        node.Update(VisitExpression(node.Operand), VisitExpression(node.Low), VisitExpression(node.High));

    public virtual SqlNode VisitLike(LikeExpression node) => node.Update(VisitExpression(node.Operand), VisitExpression(node.Pattern));

    public virtual SqlNode VisitLiteral(LiteralExpression node) => node;

    public virtual SqlNode VisitParameterReference(ParameterReferenceExpression node) => node;

    public virtual SqlNode VisitDefaultValue(DefaultValueExpression node) => node;

    public virtual SqlNode VisitKeywordValue(KeywordValueExpression node) => node;

    public virtual SqlNode VisitUnary(UnaryExpression node) => node.Update(VisitExpression(node.Operand));

    public virtual SqlNode VisitCast(CastExpression node) => node.Update(VisitExpression(node.Operand));

    public virtual SqlNode VisitCaseWhen(CaseWhen node) => node.Update(VisitExpression(node.When), VisitExpression(node.Then));

    public virtual SqlNode VisitCase(CaseExpression node) =>
        node.Update(VisitOptional(node.Operand), VisitList(node.Whens), VisitOptional(node.Else));

    public virtual SqlNode VisitFunctionCall(FunctionCallExpression node) =>
        node.Update(
            VisitList(node.Arguments),
            VisitList(node.OrderBy),
            VisitOptional(node.Filter),
            node.Over is null ? null : (WindowDefinition)node.Over.Accept(this));

    public virtual SqlNode VisitNamedArgument(NamedArgumentExpression node) => node.Update(VisitExpression(node.Value));

    public virtual SqlNode VisitArray(ArrayExpression node) => node.Update(VisitList(node.Elements));

    public virtual SqlNode VisitArraySubquery(ArraySubqueryExpression node) => node.Update(VisitQuery(node.Query));

    public virtual SqlNode VisitSubscript(SubscriptExpression node) =>
        node.Update(VisitExpression(node.Operand), VisitOptional(node.Lower), VisitOptional(node.Upper));

    public virtual SqlNode VisitFieldSelection(FieldSelectionExpression node) => node.Update(VisitExpression(node.Operand));

    public virtual SqlNode VisitRow(RowExpression node) => node.Update(VisitList(node.Items));

    public virtual SqlNode VisitGroupingSet(GroupingSetExpression node) => node.Update(VisitList(node.Items));

    public virtual SqlNode VisitCollate(CollateExpression node) => node.Update(VisitExpression(node.Operand));

    public virtual SqlNode VisitAtTimeZone(AtTimeZoneExpression node) => node.Update(VisitExpression(node.Operand), VisitExpression(node.Zone));

    public virtual SqlNode VisitBooleanTest(BooleanTestExpression node) => node.Update(VisitExpression(node.Operand));

    public virtual SqlNode VisitQuantified(QuantifiedExpression node) =>
        node.Update(VisitExpression(node.Left), VisitOptional(node.Array), node.Query is null ? null : VisitQuery(node.Query));

    public virtual SqlNode VisitInValues(InValuesExpression node) => node.Update(VisitExpression(node.Operand), VisitList(node.Values));

    public virtual SqlNode VisitPatternMatch(PatternMatchExpression node) =>
        node.Update(VisitExpression(node.Operand), VisitExpression(node.Pattern), VisitOptional(node.Escape));

    /// <summary>Visits each element; returns <paramref name="list"/> itself unless an element changed.</summary>
    protected IReadOnlyList<T> VisitList<T>(IReadOnlyList<T> list)
        where T : SqlNode
    {
        T[]? changed = null;
        for (var i = 0; i < list.Count; i++)
        {
            var item = list[i];
            var visited = (T)item.Accept(this);
            if (changed is null && !ReferenceEquals(visited, item))
            {
                changed = new T[list.Count];
                for (var j = 0; j < i; j++)
                {
                    changed[j] = list[j];
                }
            }

            if (changed is not null)
            {
                changed[i] = visited;
            }
        }

        return changed ?? list;
    }

    /// <summary>Visits each VALUES row; returns <paramref name="rows"/> itself unless a row changed.</summary>
    protected IReadOnlyList<IReadOnlyList<SqlExpression>> VisitRows(IReadOnlyList<IReadOnlyList<SqlExpression>> rows)
    {
        IReadOnlyList<SqlExpression>[]? changed = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var visited = VisitList(rows[i]);
            if (changed is null && !ReferenceEquals(visited, rows[i]))
            {
                changed = new IReadOnlyList<SqlExpression>[rows.Count];
                for (var j = 0; j < i; j++)
                {
                    changed[j] = rows[j];
                }
            }

            if (changed is not null)
            {
                changed[i] = visited;
            }
        }

        return changed ?? rows;
    }
}
