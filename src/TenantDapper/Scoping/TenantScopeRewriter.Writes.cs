using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>INSERT, UPDATE and DELETE: the target gets the tenant, supplied tenant values are checked, and every table they read is scoped.</summary>
internal sealed partial class TenantScopeRewriter
{
    public override SqlNode VisitInsertStatement(InsertStatement node)
    {
        var saved = _ctes;
        _block = ++_blocks;
        var with = ScopeWith(node.With);
        var target = ResolveTarget(node.Target);
        var columns = node.Columns;
        var rows = node.Rows is null ? null : VisitRows(node.Rows);
        var source = node.Source is null ? null : VisitQuery(node.Source);
        if (target is { } t)
        {
            var column = t.Table.TenantColumn;
            if (columns.Count == 0 || (rows is null && source is null))
            {
                throw new UnscopableSqlException(
                    $"INSERT INTO '{t.Table.Name}' names no columns, so the tenant rewriter cannot tell where tenant column '{column}' goes. Name the columns you insert (TenantDapper adds '{column}' itself).");
            }

            var index = IndexOf(columns, column);
            if (index < 0)
            {
                columns = [.. columns, column];
                if (rows is not null)
                {
                    rows = [.. rows.Select(row => (IReadOnlyList<SqlExpression>)[.. row, TenantParameterExpression.Instance])];
                    if (_notes is not null)
                    {
                        Note(t.Reference, $"{column} = @tenant added to every row", "INSERT VALUES");
                    }
                }
                else
                {
                    source = AppendTenantColumn(source!);
                    if (_notes is not null)
                    {
                        Note(t.Reference, $"{column} = @tenant added to the selected rows", "INSERT SELECT");
                    }
                }
            }
            else if (rows is not null)
            {
                rows = [.. rows.Select(row => CheckSuppliedRow(row, index, t))];
                if (_notes is not null)
                {
                    Note(t.Reference, $"supplied {column} checked equal to @tenant in every row", "INSERT VALUES");
                }
            }
            else
            {
                source = CheckSuppliedSource(source!, index, t);
                if (_notes is not null)
                {
                    Note(t.Reference, $"supplied {column} checked equal to @tenant", "INSERT SELECT");
                }
            }
        }

        var onConflict = node.OnConflict is null ? null : ScopeOnConflict(node.OnConflict, target);
        var returning = VisitList(node.Returning);
        _ctes = saved;
        return node.Update(with, columns, rows, source, onConflict, returning);
    }

    public override SqlNode VisitUpdateStatement(UpdateStatement node)
    {
        var saved = _ctes;
        _block = ++_blocks;
        var with = ScopeWith(node.With);
        var target = ResolveTarget(node.Target);
        var where = new PredicateSink(node.Where, "WHERE");
        if (target is { } t)
        {
            AddTenantPredicate(where, t);
        }

        var from = ScopeFromList(node.From, where, target);
        var set = ScopeAssignments(node.Set, target, node.Target.Qualifier, fromExcluded: false);
        var visitedWhere = VisitOptional(node.Where);
        var returning = VisitList(node.Returning);
        _ctes = saved;
        return node.Update(with, set, from, where.Combine(visitedWhere), returning);
    }

    public override SqlNode VisitDeleteStatement(DeleteStatement node)
    {
        var saved = _ctes;
        _block = ++_blocks;
        var with = ScopeWith(node.With);
        var target = ResolveTarget(node.Target);
        var where = new PredicateSink(node.Where, "WHERE");
        if (target is { } t)
        {
            AddTenantPredicate(where, t);
        }

        var @using = ScopeFromList(node.Using, where, target);
        var visitedWhere = VisitOptional(node.Where);
        var returning = VisitList(node.Returning);
        _ctes = saved;
        return node.Update(with, @using, where.Combine(visitedWhere), returning);
    }

    private static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], column, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(SqlExpression value) => value switch
    {
        ParameterExpression { Value: null } => "NULL",
        ParameterExpression p => $"the value {p.Value}",
        ColumnExpression => "a column",
        SubqueryExpression => "a sub-query",
        RawExpression => "a raw expression",
        _ => "an expression",
    };

    /// <summary>The target of a write, when it is a tenant table (the tenant is required then).</summary>
    private TenantOccurrence? ResolveTarget(TableReference target)
    {
        var name = new TableName(target.Schema, target.Name);
        var role = _model.GetRole(name);
        _readsGlobal |= role == TableRole.Global;
        _writesTenant |= role == TableRole.Tenant;
        if (role != TableRole.Tenant || !_model.TryGetTenantTable(name, out var tenant))
        {
            Note(target, role == TableRole.Reference ? "reference table: not scoped" : "global table: not scoped", null);
            return null;
        }

        RequireTenant(tenant);
        return new TenantOccurrence(target.Qualifier, tenant, target);
    }

    /// <summary>
    /// A value supplied for the tenant column must be the current tenant as a parameter; it becomes <c>@tenant</c> so that
    /// one text serves every tenant. A caller's parameter or a constant in SQL text is recorded in <see cref="SuppliedTenants"/>
    /// for the check at execution.
    /// </summary>
    private SqlExpression CheckSuppliedValue(SqlExpression value, TenantOccurrence target)
    {
        switch (value)
        {
            case TenantParameterExpression:
                return value;
            case ParameterExpression parameter when TenantBinding.IsTenant(parameter.Value, _tenantValue!):
                return TenantParameterExpression.Instance;
            case ParameterReferenceExpression or LiteralExpression { Kind: not LiteralKind.Null }:
                // SQL text: the value is bound per execution (or a constant); it is checked then, and the text
                // sends @tenant in its place, so the scoped text is the same for every tenant.
                (_supplied ??= []).Add(new SuppliedTenant(target.Table.Name, target.Table.TenantColumn, value));
                return TenantParameterExpression.Instance;
            default:
                throw new TenantMismatchException(target.Table.Name, target.Table.TenantColumn, Describe(value));
        }
    }

    private IReadOnlyList<SqlExpression> CheckSuppliedRow(IReadOnlyList<SqlExpression> row, int index, TenantOccurrence target)
    {
        var value = CheckSuppliedValue(row[index], target);
        if (ReferenceEquals(value, row[index]))
        {
            return row;
        }

        var copy = row.ToArray();
        copy[index] = value;
        return copy;
    }

    private SelectStatement CheckSuppliedSource(SelectStatement source, int index, TenantOccurrence target)
    {
        // Only a plain SELECT whose list is explicit up to the tenant column can be checked.
        if (source.Body is not SelectBlock block || block.Columns.Count <= index
            || block.Columns.Take(index + 1).Any(c => c.Expression is AllColumnsExpression))
        {
            throw new TenantMismatchException(target.Table.Name, target.Table.TenantColumn, "a value the rewriter cannot check (INSERT ... SELECT with * or a set operation)");
        }

        var item = block.Columns[index];
        var value = CheckSuppliedValue(item.Expression, target);
        if (ReferenceEquals(value, item.Expression))
        {
            return source;
        }

        var columns = block.Columns.ToArray();
        columns[index] = item.Update(value);
        return new SelectStatement(source.With, WithColumns(block, columns));
    }

    /// <summary>INSERT ... SELECT without the tenant column: the SELECT gets <c>@tenant</c> as its last column.</summary>
    private static SelectStatement AppendTenantColumn(SelectStatement source)
    {
        var tenant = new SelectItem(TenantParameterExpression.Instance, null);
        if (source.Body is SelectBlock { Columns.Count: > 0 } block)
        {
            return new SelectStatement(source.With, WithColumns(block, [.. block.Columns, tenant]));
        }

        // SELECT * or a set operation: select its rows and the tenant from it as a derived table.
        var wrapper = new SelectBlock(
            distinct: false,
            columns: [new SelectItem(new AllColumnsExpression(TableQualifier.Of(DerivedSourceAlias)), null), tenant],
            from: [new DerivedTable(source, DerivedSourceAlias)],
            where: null,
            groupBy: [],
            having: null,
            orderBy: [],
            limit: null,
            offset: null);
        return new SelectStatement([], wrapper);
    }

    private static SelectBlock WithColumns(SelectBlock block, IReadOnlyList<SelectItem> columns) => block.WithColumns(columns);

    /// <summary>
    /// Assignments of an UPDATE or ON CONFLICT DO UPDATE: the tenant column may only be set to the current tenant,
    /// and such a SET is left out, for the rows it can reach already hold the tenant (Citus refuses any
    /// parameterised change of the distribution column). When nothing else is set, the column is set to itself.
    /// </summary>
    /// <param name="assignments">The caller's assignments.</param>
    /// <param name="target">The write's target, when it is a tenant table.</param>
    /// <param name="self">How the target is qualified in the assignments' values.</param>
    /// <param name="fromExcluded">Whether <c>excluded.tenant_col</c> is a value (ON CONFLICT: the inserted row, whose tenant was checked).</param>
    private IReadOnlyList<Assignment> ScopeAssignments(IReadOnlyList<Assignment> assignments, TenantOccurrence? target, TableQualifier? self, bool fromExcluded)
    {
        var visited = VisitList(assignments);
        if (target is not { } t)
        {
            return visited;
        }

        var column = t.Table.TenantColumn;
        List<Assignment>? kept = null;
        for (var i = 0; i < visited.Count; i++)
        {
            var assignment = visited[i];
            if (!assignment.Columns.Contains(column, StringComparer.Ordinal))
            {
                kept?.Add(assignment);
                continue;
            }

            if (assignment.FromRow)
            {
                throw new TenantMismatchException(t.Table.Name, column,
                    "a value from a sub-query's row ((columns) = (SELECT ...)), which the rewriter cannot check; set the other columns that way and leave the tenant column out");
            }

            if (!(fromExcluded && IsExcluded(assignment.Value, column)))
            {
                CheckSuppliedValue(assignment.Value, t);
            }

            kept ??= [.. visited.Take(i)];
            if (_notes is not null)
            {
                Note(t.Reference, $"SET {column} checked equal to @tenant and left out (no change)", "SET");
            }
        }

        if (kept is null)
        {
            return visited;
        }

        return kept.Count > 0 ? kept : [new Assignment(column, new ColumnExpression(self, column))];
    }

    private static bool IsExcluded(SqlExpression value, string column) =>
        value is ColumnExpression { Qualifier: { Schema: null, Name: "excluded" } } c && string.Equals(c.Name, column, StringComparison.Ordinal);

    private OnConflictClause ScopeOnConflict(OnConflictClause clause, TenantOccurrence? target)
    {
        // Inside ON CONFLICT the target is named by its alias or its bare name.
        var self = target is { } occurrence ? TableQualifier.Of(occurrence.Reference.ExposedName) : null;
        var targetWhere = VisitOptional(clause.TargetWhere);
        var updates = clause.Updates is null ? null : ScopeAssignments(clause.Updates, target, self, fromExcluded: true);
        var where = VisitOptional(clause.Where);
        if (target is { } t && clause.Updates is not null && !clause.TargetColumns.Contains(t.Table.TenantColumn, StringComparer.Ordinal))
        {
            // A conflict with another tenant's row must change nothing: the existing row is the target's. A conflict target that
            // holds the tenant column (as Citus requires) only meets rows of the inserted row's tenant, the current one, so the
            // guard is left out there: Citus 13.2 sends an INSERT ... SELECT's DO UPDATE WHERE to the workers without its
            // parameters (bind message supplies 0 parameters).
            var sink = new PredicateSink(clause.Where, "ON CONFLICT DO UPDATE WHERE");
            AddTenantPredicate(sink, t with { Qualifier = self! });
            where = sink.Combine(where);
        }

        return clause.Update(targetWhere, updates, where);
    }
}
