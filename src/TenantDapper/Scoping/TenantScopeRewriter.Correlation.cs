using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// Several tenants in scope: every place two tenant tables meet needs the tenant-column equality, or rows
/// of one tenant pair with another's. Joins get it in their ON (co-location); a sub-query (EXISTS, IN,
/// scalar, in WHERE, the select list, ON, HAVING, ORDER BY, and derived tables and FULL JOIN wrappers
/// inside it) gets <c>inner.tenant_col = outer.tenant_col</c> for each of its tenant tables, where
/// <c>outer</c> is the tenant table of the query around it whose rows are never null-extended there (its
/// first FROM item or inner join; in an ON, a side of that join), whether or not the sub-query is
/// correlated in the caller's text. Where no such table exists but the query around it reads tenant rows
/// (only on the optional side of an outer join, or through a derived table or CTE), the pairing is
/// unknowable and the statement is refused; so is a sub-query whose own names would hide the outer table.
/// </summary>
internal sealed partial class TenantScopeRewriter
{
    private readonly bool _several;
    private Level? _level;
    private Correlation? _outer;
    private Correlation? _context;
    private HashSet<DerivedTable>? _derivedWithTenants;
    private int _tenantReads;

    /// <summary>The context for the expressions of a block: its first tenant table, else what the block itself ties to.</summary>
    private Correlation? ContextFor(TenantOccurrence? anchor, IReadOnlyList<TableSource> from)
    {
        if (anchor is { } a)
        {
            return Correlation.Of(a, _level!);
        }

        if (_outer is not null)
        {
            return _outer;
        }

        foreach (var item in from)
        {
            if (RowTenant(item) is { } tenant)
            {
                return new Correlation(tenant, _level!);
            }
        }

        return from.Any(HasTenantData) ? Correlation.Ambiguous(_level!) : null;
    }

    /// <summary>
    /// The tenant of each row of <paramref name="source"/>, as an expression: the tenant column of its
    /// never-null-extended tenant table, or under a FULL JOIN the first non-null of both sides' (co-located,
    /// so a matched row's sides agree); <see langword="null"/> when its tenant rows come from no tenant table.
    /// A row without tenant (null-extended) pairs with nothing.
    /// </summary>
    private RowTenantExpression? RowTenant(TableSource source)
    {
        switch (source)
        {
            case TableReference table:
                return PreservedTenant(table) is { } occurrence ? RowTenantExpression.Of(occurrence) : null;
            case JoinedTable { Kind: JoinKind.Full } join:
                var left = RowTenant(join.Left);
                var right = RowTenant(join.Right);
                return left is null || right is null
                    ? left ?? right
                    : new RowTenantExpression(FunctionCallExpression.BuiltIn("COALESCE", [left.Expression, right.Expression]), [.. left.Names, .. right.Names], left.Display + " or " + right.Display);
            case JoinedTable { Kind: JoinKind.Inner or JoinKind.Cross } join:
                return RowTenant(join.Left) ?? RowTenant(join.Right);
            case JoinedTable { Kind: JoinKind.Left } join:
                return RowTenant(join.Left);
            case JoinedTable { Kind: JoinKind.Right } join:
                return RowTenant(join.Right);
            default:
                return null;
        }
    }

    /// <summary>Several tenants: where two sides with tenant rows meet and one exposes no single tenant table, ties them by their rows' tenants, or refuses.</summary>
    private void ColocateRows(PredicateSink sink, TableSource right, TableSource left)
    {
        if (!_several || !HasTenantData(left) || !HasTenantData(right))
        {
            return;
        }

        if (RowTenant(right) is not { } r || RowTenant(left) is not { } l)
        {
            throw OpaqueMeeting();
        }

        sink.Add(new BinaryExpression(r.Expression, "=", l.Expression));
        _notes?.Add(new ScopingNote(_block, r.Display, null, $"tenant of {r.Display} = tenant of {l.Display}", sink.Placement));
    }

    /// <summary>Adds <c>occurrence.tenant_col = outer.tenant_col</c> to <paramref name="sink"/> when several tenants are in scope and the block is a sub-query of a tenant table.</summary>
    /// <param name="sink">Where the occurrence's tenant predicate went.</param>
    /// <param name="occurrence">The tenant table occurrence.</param>
    /// <param name="level">The query level the predicate is evaluated at.</param>
    private void TieToOuter(PredicateSink sink, TenantOccurrence occurrence, Level? level)
    {
        if (!_several || _outer is null)
        {
            return;
        }

        if (_outer.UngroupedTenant is { } ungrouped)
        {
            throw UngroupedTenant(occurrence, ungrouped);
        }

        if (_outer.Tenant is not { } outer)
        {
            throw new UnscopableSqlException(
                $"With several tenants in scope, a sub-query reads tenant table '{occurrence.Table.Name}' inside a query whose tenant rows come only from the optional side of an outer join, a derived table or a CTE, so the rewriter cannot tell which tenant's rows it must pair with. Read one tenant at a time (CurrentTenant.Use), or put a tenant table in the outer query's FROM or an inner join.");
        }

        for (var current = level; current is not null && !ReferenceEquals(current, _outer.Level); current = current.Parent)
        {
            foreach (var name in outer.Names)
            {
                if (current.Hides(name))
                {
                    throw new UnscopableSqlException(
                        $"With several tenants in scope, the sub-query reading '{occurrence.Table.Name}' must be tied to the tenant of '{outer.Display}' around it, but a table or alias inside it is also named '{name}' and would hide it. Give one of them another alias.");
                }
            }
        }

        if (outer.Single is { } single)
        {
            AddColocation(sink, occurrence, single, leftIsOuter: true);
            return;
        }

        sink.Add(new BinaryExpression(new ColumnExpression(occurrence.Qualifier, occurrence.Table.TenantColumn), "=", outer.Expression));
        if (_notes is not null)
        {
            Note(occurrence.Reference, $"{occurrence.Qualifier}.{occurrence.Table.TenantColumn} = tenant of {outer.Display}", sink.Placement);
        }
    }

    /// <summary>A reference to a CTE whose body reads tenant rows must have been tied to what this block ties to.</summary>
    private void CheckCteTie(CteScope cte, TableReference table)
    {
        if (_several && !Equals(cte.TiedTo, _outer))
        {
            throw new UnscopableSqlException(
                $"With several tenants in scope, CTE '{table.Name}' reads tenant rows but is defined where it cannot be tied to the tenant of the sub-query that reads it, so its rows could pair with another tenant's. Define the CTE inside that sub-query, or read one tenant at a time (CurrentTenant.Use).");
        }
    }

    /// <summary>
    /// Several tenants: FROM-list items with tenant rows that expose no single tenant table to be co-located
    /// with (a FULL JOIN) are tied to the first item's rows by their tenants; a derived table, a CTE or a raw
    /// fragment has no tenant column to tie by, so it may not meet other tenant rows there.
    /// </summary>
    private void ColocateFromItems(IReadOnlyList<TableSource> from, PredicateSink where)
    {
        if (!_several)
        {
            return;
        }

        TableSource? first = null;
        foreach (var item in from)
        {
            if (!HasTenantData(item))
            {
                continue;
            }

            if (first is null)
            {
                first = item;
            }
            else if (PreservedTenant(item) is null || PreservedTenant(first) is null)
            {
                ColocateRows(where, item, first);
            }
        }
    }

    private static UnscopableSqlException OpaqueMeeting() => new(
        "With several tenants in scope, tenant rows from a derived table, a CTE, a FULL JOIN or a raw fragment meet other tenant rows in one FROM list or join, and the rewriter has no tenant column to pair them by, so rows of one tenant could pair with another's. Read one tenant at a time (CurrentTenant.Use), or join the tables directly.");

    /// <summary>Whether <paramref name="source"/> reads tenant rows (after it was scoped).</summary>
    private bool HasTenantData(TableSource source) => source switch
    {
        TableReference table => (table.Schema is null && _ctes?.Find(table.Name) is { } cte) ? cte.TouchesTenants : Classify(table, note: false) is not null,
        DerivedTable derived => _derivedWithTenants?.Contains(derived) == true,
        JoinedTable join => HasTenantData(join.Left) || HasTenantData(join.Right),
        _ => true,
    };

    /// <summary>The names a FROM list exposes to column qualifiers; <see langword="null"/> when a raw fragment may expose any.</summary>
    private static string[]? ExposedNames(IReadOnlyList<TableSource> from)
    {
        var names = new List<string>(from.Count);
        foreach (var item in from)
        {
            if (!Collect(item, names))
            {
                return null;
            }
        }

        return [.. names];

        static bool Collect(TableSource source, List<string> names)
        {
            switch (source)
            {
                case TableReference table:
                    names.Add(table.ExposedName);
                    return true;
                case DerivedTable derived:
                    names.Add(derived.Alias);
                    return true;
                case JoinedTable join:
                    return Collect(join.Left, names) && Collect(join.Right, names);
                default:
                    return false;
            }
        }
    }

    /// <summary>One query level and the names its FROM list exposes.</summary>
    private sealed class Level(Level? parent, string[]? names)
    {
        public Level? Parent { get; } = parent;

        /// <summary>Whether a qualifier named <paramref name="name"/> could bind to an item of this level.</summary>
        public bool Hides(string name) => names is null || Array.IndexOf(names, name) >= 0;
    }

    /// <summary>
    /// What sub-queries tie to, at its level; no tenant when the query's tenant rows have none to tie to, or when they are
    /// grouped by no tenant column (<see cref="UngroupedTenant"/>, the row tenant a sub-query may not name there).
    /// </summary>
    private sealed class Correlation(RowTenantExpression? tenant, Level level, RowTenantExpression? ungroupedTenant = null)
    {
        public RowTenantExpression? Tenant { get; } = tenant;

        public Level Level { get; } = level;

        public RowTenantExpression? UngroupedTenant { get; } = ungroupedTenant;

        public static Correlation Of(TenantOccurrence occurrence, Level level) => new(RowTenantExpression.Of(occurrence), level);

        public static Correlation Ambiguous(Level level) => new(null, level);

        public static Correlation Ungrouped(RowTenantExpression rowTenant, Level level) => new(null, level, rowTenant);
    }

    /// <summary>The tenant of a row: an expression, the qualifier names it uses, and the one occurrence when it is a single column.</summary>
    /// <remarks>
    /// Every block makes one for its first tenant table, though only a sub-query reads it: made from one occurrence, its
    /// parts are made on first use.
    /// </remarks>
    private sealed class RowTenantExpression
    {
        private SqlExpression? _expression;
        private string[]? _names;
        private string? _display;

        public RowTenantExpression(SqlExpression expression, string[] names, string display)
        {
            _expression = expression;
            _names = names;
            _display = display;
        }

        private RowTenantExpression(TenantOccurrence single) => Single = single;

        public SqlExpression Expression => _expression ??= new ColumnExpression(Single!.Value.Qualifier, Single.Value.Table.TenantColumn);

        public string[] Names => _names ??= [Single!.Value.Qualifier.Name];

        public string Display => _display ??= Single!.Value.Qualifier.ToString();

        public TenantOccurrence? Single { get; }

        public static RowTenantExpression Of(TenantOccurrence occurrence) => new(occurrence);
    }
}
