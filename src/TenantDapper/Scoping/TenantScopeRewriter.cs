using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Scoping;

/// <summary>
/// Applies the rules of <c>shared/design/scoping-rules.md</c> to one statement: every SELECT block is
/// scoped on its own; each tenant table occurrence gets <c>alias.tenant_col = @tenant</c> in WHERE when
/// its rows can never be null-extended, in the ON of the nearest outer join on whose nullable side it
/// sits otherwise, and becomes a filtered derived table under a FULL JOIN; joined tenant tables get the
/// co-location equality; CTE names are not tables. Writes are in <c>TenantScopeRewriter.Writes.cs</c>.
/// Use once per statement; it returns the caller's nodes wherever nothing changed.
/// </summary>
internal sealed partial class TenantScopeRewriter : SqlVisitor
{
    private const string DerivedSourceAlias = "tenantdapper_source";

    private readonly TenantModel _model;
    private readonly TenantState? _state;
    private readonly bool _isWrite;
    private readonly bool _citusRowLevelSecurity;
    private readonly bool _singleBlockSelect;
    private readonly List<ScopingNote>? _notes;
    private CteScope? _ctes;
    private bool _tenantCaptured;
    private bool _severalTenantsCaptured;
    private object? _tenantValue;
    private List<SuppliedTenant>? _supplied;
    private int _blocks;
    private int _block;

    /// <param name="model">The tenant model.</param>
    /// <param name="state">The captured tenant state.</param>
    /// <param name="isWrite">Whether the statement is an INSERT, UPDATE or DELETE.</param>
    /// <param name="explain">Whether to record notes for an explanation; execution skips them to save allocations.</param>
    /// <param name="citusRowLevelSecurity">Whether the statement goes to a Citus coordinator with row-level security on, where the outer joins that crash it are refused.</param>
    /// <param name="singleBlockSelect">Whether the statement is one SELECT block (no WITH, no set operation), which Citus can route to one shard as a whole.</param>
    public TenantScopeRewriter(TenantModel model, TenantState? state, bool isWrite, bool explain, bool citusRowLevelSecurity = false, bool singleBlockSelect = false)
    {
        _model = model;
        _state = state;
        _isWrite = isWrite;
        _citusRowLevelSecurity = citusRowLevelSecurity;
        _singleBlockSelect = singleBlockSelect;
        _several = state is { IsBypass: false, Tenants.Count: > 1 };
        _notes = explain ? [] : null;
    }

    /// <summary>What the rewriter did, in the order it met the tables; empty unless it was created to explain.</summary>
    public IReadOnlyList<ScopingNote> Notes => _notes ?? (IReadOnlyList<ScopingNote>)[];

    /// <summary>The value to bind to <c>@tenant</c> (one tenant, or a typed array), or <see langword="null"/> when no tenant table was met.</summary>
    public object? TenantValue => _tenantValue;

    /// <summary>Tenant values SQL text supplies whose value is known only at execution, where they must be checked; empty for builder statements.</summary>
    public IReadOnlyList<SuppliedTenant> SuppliedTenants => _supplied ?? (IReadOnlyList<SuppliedTenant>)[];

    public override SqlNode VisitSelectStatement(SelectStatement node)
    {
        var saved = _ctes;
        var with = ScopeWith(node.With);
        var body = VisitQueryExpression(node.Body);
        _ctes = saved;
        return node.Update(with, body);
    }

    public override SqlNode VisitSelectBlock(SelectBlock node)
    {
        var outerBlock = _block;
        _block = ++_blocks;
        var savedLevel = _level;
        var savedOuter = _outer;
        var savedContext = _context;
        var savedRowContext = _rowContext;
        _rowContext = null;
        node = AliasFullJoinTables(node);

        // A sub-query's tenant tables tie to the tenant table of the query around it (several tenants).
        _outer = _context;
        _level = new Level(savedLevel, ExposedNames(node.From));
        var where = new PredicateSink(node.Where, "WHERE");
        var from = ScopeFromList(node.From, where, null, out var anchor);
        ColocateFromItems(node.From, where);
        var rowContext = ContextFor(anchor, node.From);
        var groupContext = GroupContext(node, rowContext);
        _rowContext = ReferenceEquals(groupContext, rowContext) ? null : rowContext;

        // After grouping (select list, HAVING, WINDOW, ORDER BY, DISTINCT ON) sub-queries see groups; WHERE and GROUP BY see rows.
        _context = groupContext;
        var distinctOn = VisitList(node.DistinctOn);
        var columns = VisitList(node.Columns);
        _context = rowContext;
        var visitedWhere = VisitOptional(node.Where);
        var groupBy = VisitList(node.GroupBy);
        _context = groupContext;
        var having = VisitOptional(node.Having);
        var windows = VisitList(node.Windows);
        var orderBy = VisitList(node.OrderBy);
        _context = rowContext;
        var limit = VisitOptional(node.Limit);
        var offset = VisitOptional(node.Offset);
        var newWhere = where.Combine(visitedWhere);
        _block = outerBlock;
        _level = savedLevel;
        _outer = savedOuter;
        _context = savedContext;
        _rowContext = savedRowContext;
        return node.Update(distinctOn, columns, from, newWhere, groupBy, having, windows, orderBy, limit, offset);
    }

    /// <summary>
    /// A function that is not built in may read tables the rewriter cannot see (or run SQL text), so it is refused
    /// unless the tenant model declares it safe; built-ins that run SQL text or read tables by name are not on the built-in list.
    /// </summary>
    public override SqlNode VisitFunctionCall(FunctionCallExpression node)
    {
        ServerCode.Check(node, _model);
        if (_rowContext is null || !IsAggregate(node))
        {
            return base.VisitFunctionCall(node);
        }

        // An aggregate's arguments, ORDER BY and FILTER see the rows of its group.
        var saved = _context;
        _context = _rowContext;
        var visited = base.VisitFunctionCall(node);
        _context = saved;
        return visited;
    }

    // An operator, a cast and a typed literal run functions too (the operator's, a cast or input function, a domain's
    // CHECK): refused like a function unless built in or declared safe.
    public override SqlNode VisitBinary(BinaryExpression node)
    {
        ServerCode.CheckOperator(node.Operator, prefix: false, _model);
        return base.VisitBinary(node);
    }

    public override SqlNode VisitUnary(UnaryExpression node)
    {
        ServerCode.CheckOperator(node.Operator, prefix: true, _model);
        return base.VisitUnary(node);
    }

    public override SqlNode VisitQuantified(QuantifiedExpression node)
    {
        ServerCode.CheckOperator(node.Operator, prefix: false, _model);
        return base.VisitQuantified(node);
    }

    public override SqlNode VisitCast(CastExpression node)
    {
        ServerCode.Check(node.Type, _model);
        return base.VisitCast(node);
    }

    // Table sources and CTEs are scoped by ScopeFromList and ScopeWith, which know their context;
    // reaching one through the generic walk would skip scoping, so it fails closed.
    public override SqlNode VisitTableReference(TableReference node) => throw Unexpected(node);

    public override SqlNode VisitJoinedTable(JoinedTable node) => throw Unexpected(node);

    public override SqlNode VisitRawTableSource(RawTableSource node) => throw Unexpected(node);

    public override SqlNode VisitDerivedTable(DerivedTable node) => throw Unexpected(node);

    public override SqlNode VisitFunctionTable(FunctionTable node) => throw Unexpected(node);

    public override SqlNode VisitCommonTableExpression(CommonTableExpression node) => throw Unexpected(node);

    private static UnscopableSqlException Unexpected(SqlNode node) =>
        new($"The tenant rewriter met a {node.GetType().Name} where it does not expect one, so it refuses the statement rather than send it unscoped. Build the statement with the query builder; report the shape if it came from there.");

    private static string Display(TableReference table) => table.Schema is null ? table.Name : table.Schema + "." + table.Name;

    private static string JoinPlacement(JoinKind kind) => kind switch
    {
        JoinKind.Inner => "INNER JOIN ON",
        JoinKind.Left => "LEFT JOIN ON",
        JoinKind.Right => "RIGHT JOIN ON",
        JoinKind.Full => "FULL JOIN ON",
        _ => "CROSS JOIN",
    };

    private IReadOnlyList<CommonTableExpression> ScopeWith(IReadOnlyList<CommonTableExpression> with)
    {
        CommonTableExpression[]? changed = null;
        if (with.Count > 0 && with[0].Recursive)
        {
            // WITH RECURSIVE: every body sees every name of the list, its own included (PostgreSQL's rule). What a
            // body reads is not known before it is scoped, so each counts as reading tenant rows (the safe side).
            foreach (var cte in with)
            {
                _ctes = new CteScope(cte.Name, true, _context, _ctes);
            }
        }

        for (var i = 0; i < with.Count; i++)
        {
            var cte = with[i];
            if (cte.Query is null && cte.Write is null)
            {
                throw new UnscopableSqlException(
                    $"The body of CTE '{cte.Name}' is raw SQL, which the tenant rewriter cannot see into. Build the CTE from a query so that it can be scoped, or run the statement inside CurrentTenant.Bypass(\"reason\").");
            }

            // A CTE's body sees the CTEs before it, not itself: there its own name is the real table.
            // A data-modifying CTE is scoped as the write it is.
            var readsBefore = _tenantReads;
            var visited = cte.Write is not null
                ? cte.Update(null, null, VisitStatement(cte.Write))
                : cte.Update(VisitQuery(cte.Query!), null);
            if (changed is null && !ReferenceEquals(visited, cte))
            {
                changed = new CommonTableExpression[with.Count];
                for (var j = 0; j < i; j++)
                {
                    changed[j] = with[j];
                }
            }

            if (changed is not null)
            {
                changed[i] = visited;
            }

            if (!cte.Recursive)
            {
                _ctes = new CteScope(cte.Name, _tenantReads > readsBefore, _context, _ctes);
            }
        }

        return changed ?? with;
    }

    /// <summary>Scopes a FROM (or UPDATE ... FROM, DELETE ... USING) list; comma-joined tenant tables are co-located with <paramref name="anchor"/> or the first of them.</summary>
    private IReadOnlyList<TableSource> ScopeFromList(IReadOnlyList<TableSource> from, PredicateSink where, TenantOccurrence? anchor) =>
        ScopeFromList(from, where, anchor, out _);

    /// <summary>Scopes a FROM list; <paramref name="leading"/> is the tenant table the others are co-located with, if any.</summary>
    private IReadOnlyList<TableSource> ScopeFromList(IReadOnlyList<TableSource> from, PredicateSink where, TenantOccurrence? anchor, out TenantOccurrence? leading)
    {
        TableSource[]? changed = null;
        for (var i = 0; i < from.Count; i++)
        {
            var item = from[i];
            var scoped = ScopeSource(item, where, underFullJoin: false);
            if (PreservedTenant(item) is { } preserved)
            {
                if (anchor is { } first)
                {
                    AddColocation(where, preserved, first);
                }
                else
                {
                    anchor = preserved;
                }
            }

            if (changed is null && !ReferenceEquals(scoped, item))
            {
                changed = new TableSource[from.Count];
                for (var j = 0; j < i; j++)
                {
                    changed[j] = from[j];
                }
            }

            if (changed is not null)
            {
                changed[i] = scoped;
            }
        }

        leading = anchor;
        return changed ?? from;
    }

    /// <summary>Scopes one table source whose tenant predicates belong in <paramref name="sink"/>.</summary>
    private TableSource ScopeSource(TableSource source, PredicateSink sink, bool underFullJoin)
    {
        switch (source)
        {
            case TableReference table:
                if (table.Schema is null && _ctes?.Find(table.Name) is { TouchesTenants: true } cte)
                {
                    _tenantReads++;
                    CheckCteTie(cte, table);
                }

                var tenant = Classify(table, note: true);
                if (tenant is null)
                {
                    return table;
                }

                _tenantReads++;
                RequireTenant(tenant);
                var qualifier = table.Qualifier;
                if (underFullJoin)
                {
                    if (_notes is not null)
                    {
                        Note(table, TenantAction(tenant.TenantColumn), "FULL JOIN: filtered derived table");
                    }
                    return FilteredDerivedTable(table, tenant);
                }

                AddTenantPredicate(sink, new TenantOccurrence(qualifier, tenant, table));
                return table;
            case DerivedTable derived:
                // A derived table cannot see the items of its own FROM list, only the queries around it.
                var saved = _context;
                var before = _tenantReads;
                _context = _outer;
                var query = VisitQuery(derived.Query);
                _context = saved;
                if (_tenantReads > before)
                {
                    (_derivedWithTenants ??= []).Add(derived);
                }

                return derived.Update(query);
            case FunctionTable function:
                // Its arguments may hold sub-queries, scoped like any other; the function itself must be trusted, and
                // so must the types of a column definition list, into which its values are converted.
                foreach (var column in function.ColumnDefinitions)
                {
                    ServerCode.Check(column.Type, _model);
                }

                return function.Update((FunctionCallExpression)VisitExpression(function.Function));
            case RawTableSource raw:
                if (!raw.MarkedScoped)
                {
                    throw new UnscopableSqlException(
                        "A raw FROM or JOIN fragment hides its tables from the tenant rewriter, so it was refused. Build it with From/Join so that it can be scoped, or, if the fragment already filters every tenant table by the tenant, mark it with FromRawScoped/JoinRawScoped.");
                }

                _notes?.Add(new ScopingNote(_block, "(raw fragment)", null, "marked as already scoped by the caller", null));
                return raw;
            case JoinedTable join:
                return ScopeJoin(join, sink, underFullJoin);
            default:
                throw Unexpected(source);
        }
    }

    private JoinedTable ScopeJoin(JoinedTable join, PredicateSink sink, bool underFullJoin)
    {
        CheckCitusOuterJoin(join);
        var preserved = join.Kind switch
        {
            JoinKind.Left => join.Left,
            JoinKind.Right => join.Right,
            _ => null,
        };
        var own = new PredicateSink(join.On, JoinPlacement(join.Kind), preserved is TableReference table && Classify(table, note: false) is null);

        // A USING join has no ON to hold predicates: the tenant tables of its nullable side become filtered
        // derived tables (which keep their columns, so USING still merges the same ones), like under a FULL JOIN.
        var usingJoin = join.Using is not null;
        TableSource left;
        TableSource right;
        switch (join.Kind)
        {
            case JoinKind.Full:
                // A predicate in a FULL JOIN's ON filters neither side: both sides become filtered derived tables.
                left = ScopeSource(join.Left, own, underFullJoin: true);
                right = ScopeSource(join.Right, own, underFullJoin: true);
                break;
            case JoinKind.Left:
                left = ScopeSource(join.Left, sink, underFullJoin);
                right = ScopeSource(join.Right, own, underFullJoin || usingJoin);
                break;
            case JoinKind.Right:
                left = ScopeSource(join.Left, own, underFullJoin || usingJoin);
                right = ScopeSource(join.Right, sink, underFullJoin);
                break;
            default:
                left = ScopeSource(join.Left, sink, underFullJoin);
                right = ScopeSource(join.Right, sink, underFullJoin);
                break;
        }

        // Co-location: under a FULL JOIN too, where each side's tenant table is a filtered derived table named like it.
        // An outer USING join has no ON to hold it: with one tenant both sides are filtered by it, so nothing pairs
        // across tenants; with several the pairing cannot be written, so the statement is refused.
        var rightTable = PreservedTenant(join.Right);
        var leftTable = PreservedTenant(join.Left);
        if (usingJoin && join.Kind is not (JoinKind.Inner or JoinKind.Cross))
        {
            if (_several && HasTenantData(join.Left) && HasTenantData(join.Right))
            {
                throw new UnscopableSqlException(
                    "With several tenants in scope, an outer join with USING between tenant rows cannot carry the tenant-column equality that keeps one tenant's rows from pairing with another's. Write the join with ON, or read one tenant at a time (CurrentTenant.Use).");
            }
        }
        else if (rightTable is { } r && leftTable is { } l)
        {
            AddColocation(join.Kind == JoinKind.Cross || usingJoin ? sink : own, r, l);
        }
        else
        {
            ColocateRows(join.Kind == JoinKind.Cross || usingJoin ? sink : own, join.Right, join.Left);
        }

        // Sub-queries in ON see both sides' rows: they tie to one of them, else to what the block ties to.
        var saved = _context;
        _context = (RowTenant(join.Left) ?? RowTenant(join.Right)) is { } side ? new Correlation(side, _level!) : _outer ?? (HasTenantData(join) ? Correlation.Ambiguous(_level!) : null);
        var on = own.Combine(VisitOptional(join.On));
        _context = saved;
        if (usingJoin && on is not null)
        {
            throw Unexpected(join);
        }

        return join.Update(left, right, on);
    }

    /// <summary>
    /// The tenant table of <paramref name="source"/> whose rows are never null-extended inside it, if any:
    /// the partner of a co-location equality must be a real row wherever the equality is evaluated.
    /// </summary>
    private TenantOccurrence? PreservedTenant(TableSource source) => source switch
    {
        TableReference table => Classify(table, note: false) is { } tenant ? new TenantOccurrence(table.Qualifier, tenant, table) : null,
        JoinedTable { Kind: JoinKind.Inner or JoinKind.Cross } join => PreservedTenant(join.Left) ?? PreservedTenant(join.Right),
        JoinedTable { Kind: JoinKind.Left } join => PreservedTenant(join.Left),
        JoinedTable { Kind: JoinKind.Right } join => PreservedTenant(join.Right),
        _ => null,
    };

    /// <summary>The tenant table <paramref name="table"/> names, or <see langword="null"/> for a CTE, a reference or a global table.</summary>
    private TenantTable? Classify(TableReference table, bool note)
    {
        if (table.Schema is null && _ctes is not null && _ctes.Contains(table.Name))
        {
            if (note)
            {
                Note(table, "CTE, not a table: nothing added", null);
            }

            return null;
        }

        var name = new TableName(table.Schema, table.Name);
        var role = _model.GetRole(name);
        _readsGlobal |= role == TableRole.Global;
        if (role == TableRole.Tenant && _model.TryGetTenantTable(name, out var tenant))
        {
            return tenant;
        }

        if (note)
        {
            Note(table, role == TableRole.Reference ? "reference table: not scoped" : "global table: not scoped", null);
        }

        return null;
    }

    /// <summary>Captures the tenant at the first tenant table; fails closed when there is none, or several for a write.</summary>
    private void RequireTenant(TenantTable table)
    {
        if (_tenantCaptured)
        {
            return;
        }

        if (_state is null || _state.Tenants.Count == 0)
        {
            throw new TenantNotSetException(table.Name);
        }

        if (_isWrite && _state.Tenants.Count > 1)
        {
            throw new TenantWriteRequiresSingleTenantException(table.Name, _state.Tenants.Count);
        }

        _tenantValue = TenantBinding.Bind(_state.Tenants, _model.TenantKeyType);
        _tenantCaptured = true;
        _severalTenantsCaptured = _state.Tenants.Count > 1;
    }

    private string TenantAction(string column) =>
        _severalTenantsCaptured ? column + " = ANY(@tenant)" : column + " = @tenant";

    // One tenant: tenant_col = @tenant; several, bound as one array: tenant_col = ANY(@tenant).
    private SqlExpression TenantPredicate(TableQualifier qualifier, string column)
    {
        var tenantColumn = new ColumnExpression(qualifier, column);
        return _severalTenantsCaptured
            ? new QuantifiedExpression(tenantColumn, "=", all: false, TenantParameterExpression.Instance, query: null)
            : new BinaryExpression(tenantColumn, "=", TenantParameterExpression.Instance);
    }

    private void AddTenantPredicate(PredicateSink sink, TenantOccurrence occurrence)
    {
        var column = occurrence.Table.TenantColumn;
        if (sink.HasTenantPredicate(occurrence.Qualifier, column))
        {
            if (_notes is not null)
            {
                Note(occurrence.Reference, TenantAction(column) + " already present", sink.Placement);
            }
            return;
        }

        sink.Add(TenantPredicate(occurrence.Qualifier, column));
        if (_notes is not null)
        {
            Note(occurrence.Reference, TenantAction(column), sink.Placement);
        }
        TieToOuter(sink, occurrence, _level);
    }

    /// <summary>Adds <c>right.tenant_col = left.tenant_col</c> to <paramref name="sink"/> unless the clause holds it already.</summary>
    /// <param name="sink">The clause.</param>
    /// <param name="right">The tenant table being scoped.</param>
    /// <param name="left">The tenant table it pairs with.</param>
    /// <param name="leftIsOuter">Whether <paramref name="left"/> belongs to a query around the clause's own.</param>
    private void AddColocation(PredicateSink sink, TenantOccurrence right, TenantOccurrence left, bool leftIsOuter = false)
    {
        if (sink.HasEquality(right.Qualifier, right.Table.TenantColumn, left.Qualifier, left.Table.TenantColumn))
        {
            return;
        }

        SqlExpression partner = new ColumnExpression(left.Qualifier, left.Table.TenantColumn);
        if (leftIsOuter && sink.BesideRowsWithoutTenant)
        {
            // Citus 13.2 pushes "reference LEFT JOIN distributed" down to the shards by restricting the reference table's rows
            // to each shard's hash range, by the column that a bare "distributed.key = column" in the ON compares with; it
            // does not check that column's query level, so an outer query's column is taken for the reference table's column
            // at the same position: rows go missing, or hashing fails (function hashint8(text) does not exist). PostgreSQL
            // folds CASE WHEN true THEN x END back to x before planning, so plans and rows stay the same; Citus no longer
            // sees a bare column and plans the join as it did before 13.2 (the inner table read first, or pushed down whole).
            partner = new CaseExpression(null, [new CaseWhen(BooleanLiteral.True, partner)], null);
        }

        sink.Add(new BinaryExpression(new ColumnExpression(right.Qualifier, right.Table.TenantColumn), "=", partner));
        if (_notes is not null)
        {
            Note(right.Reference, $"{right.Qualifier}.{right.Table.TenantColumn} = {left.Qualifier}.{left.Table.TenantColumn}", sink.Placement);
        }
    }

    private DerivedTable FilteredDerivedTable(TableReference table, TenantTable tenant)
    {
        var bare = new TableReference(table.Schema, table.Name, null);
        var sink = new PredicateSink(null, "FULL JOIN derived table");
        sink.Add(TenantPredicate(bare.Qualifier, tenant.TenantColumn));
        TieToOuter(sink, new TenantOccurrence(bare.Qualifier, tenant, table), new Level(_level, [bare.Name]));
        var block = new SelectBlock(
            distinct: false,
            columns: [],
            from: [bare],
            where: sink.Combine(null),
            groupBy: [],
            having: null,
            orderBy: [],
            limit: null,
            offset: null);
        return new DerivedTable(new SelectStatement([], block), table.Alias ?? table.Name);
    }

    private void Note(TableReference table, string action, string? placement) =>
        _notes?.Add(new ScopingNote(_block, Display(table), table.Alias, action, placement));

    /// <summary>A tenant table occurrence: how columns are qualified for it, its model entry, and the node.</summary>
    private readonly record struct TenantOccurrence(TableQualifier Qualifier, TenantTable Table, TableReference Reference);

    /// <summary>The CTE names visible at a point of the statement, innermost first, with what each body touches and was tied to.</summary>
    private sealed class CteScope(string name, bool touchesTenants, Correlation? tiedTo, CteScope? outer)
    {
        public bool Contains(string candidate) => Find(candidate) is not null;

        public CteScope? Find(string candidate)
        {
            for (var scope = this; scope is not null; scope = scope.Outer)
            {
                if (string.Equals(scope.Name, candidate, StringComparison.Ordinal))
                {
                    return scope;
                }
            }

            return null;
        }

        /// <summary>Whether the body reads tenant tables.</summary>
        public bool TouchesTenants { get; } = touchesTenants;

        /// <summary>The tenant table the body's tenant tables were tied to (several tenants), if any.</summary>
        public Correlation? TiedTo { get; } = tiedTo;

        private string Name { get; } = name;

        private CteScope? Outer { get; } = outer;
    }
}
