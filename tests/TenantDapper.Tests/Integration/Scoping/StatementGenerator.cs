using System.Globalization;
using TenantDapper.Compiling;
using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// A seeded random generator of statements over the oracle schema: SELECTs with every join kind, nested
/// and parenthesized joins, derived tables, correlated subqueries in WHERE / SELECT / ON / HAVING, CTEs
/// (some named like the tenant table they read, some tables of values), aggregates with FILTER, sub-queries on either side of a comparison, set operations, and INSERT / UPDATE / DELETE with
/// FROM / USING, INSERT ... SELECT, ON CONFLICT and RETURNING. Some parts go through the builder's raw forms as SQL text
/// with their values written in (a set operation's arm through CombineRaw, values of writes through UnsafeLiteral, write
/// targets through FromRaw), so the parser's reading of them is scoped like the rest. Only statements the rewriter must accept
/// are generated; each is deterministic (no LIMIT, no order-dependent UPDATE ... FROM values).
/// </summary>
internal sealed class StatementGenerator
{
    private static readonly Shape[] BigintTables =
    [
        new("accounts", [new("id", Kind.Int, Role.Tenant), new("name", Kind.Text), new("country_code", Kind.Text, Role.Nullable)]),
        new("managers", [new("account_id", Kind.Int, Role.Tenant), new("id", Kind.Int, Role.Key), new("name", Kind.Text)]),
        new("projects", [new("account_id", Kind.Int, Role.Tenant), new("id", Kind.Int, Role.Key), new("name", Kind.Text), new("manager_id", Kind.Int, Role.Nullable), new("budget", Kind.Num, Role.Nullable)]),
        new("tasks", [new("account_id", Kind.Int, Role.Tenant), new("id", Kind.Int, Role.Key), new("project_id", Kind.Int), new("title", Kind.Text), new("done", Kind.Bool), new("estimate", Kind.Int, Role.Nullable)]),
        new("project_managers", [new("account_id", Kind.Int, Role.Tenant), new("project_id", Kind.Int, Role.Key), new("manager_id", Kind.Int, Role.Key)]),
        new("comments", [new("acc_id", Kind.Int, Role.Tenant), new("id", Kind.Int, Role.Key), new("task_id", Kind.Int), new("body", Kind.Text)]),
        new("labels", [new("account_id", Kind.Int, Role.Tenant), new("code", Kind.Text, Role.Key), new("name", Kind.Text)]),
        new("countries", [new("code", Kind.Text, Role.Key), new("name", Kind.Text)]),
        new("audit_log", [new("id", Kind.Int, Role.Key), new("message", Kind.Text)]),
    ];

    private static readonly Shape[] UuidTables =
    [
        new("orgs", [new("id", Kind.Uuid, Role.Tenant), new("name", Kind.Text)]),
        new("documents", [new("org_id", Kind.Uuid, Role.Tenant), new("id", Kind.Int, Role.Key), new("title", Kind.Text), new("country_code", Kind.Text, Role.Nullable)]),
        new("revisions", [new("org", Kind.Uuid, Role.Tenant), new("id", Kind.Int, Role.Key), new("document_id", Kind.Int), new("body", Kind.Text)]),
        new("countries", [new("code", Kind.Text, Role.Key), new("name", Kind.Text)]),
    ];

    private static readonly string[] Texts = ["p0", "p1", "m2", "task 1", "task 3", "comment 0", "de", "fr", "doc 1", "rev 2", "urgent", "zzz"];

    private static readonly string[] InsertTargets = ["managers", "projects", "tasks", "comments", "project_managers", "documents", "revisions"];

    private static int _combineRaw;
    private static int _unsafeLiterals;
    private static int _fromRawTargets;

    private readonly Random _random;
    private readonly Shape[] _tables;
    private readonly object _tenant;
    private int _aliases;

    private StatementGenerator(int seed, bool uuid, object tenant)
    {
        _random = new Random(seed);
        _tables = uuid ? UuidTables : BigintTables;
        _tenant = tenant;
    }

    private enum Kind
    {
        Int,
        Text,
        Bool,
        Num,
        Uuid,
    }

    private enum Role
    {
        Plain,
        Nullable,
        Key,
        Tenant,
    }

    /// <summary>One case: which model, which tenants, and the statement, all from <paramref name="seed"/>.</summary>
    public static (bool Uuid, int[] Positions, SqlStatement Statement) Case(int seed)
    {
        var random = new Random(seed);
        var uuid = random.Next(6) == 0;
        var write = random.Next(3) == 0;
        int[] positions = !write && random.Next(5) == 0 ? [0, 1] : [random.Next(3)];
        object tenant = uuid ? OracleSchema.Orgs[positions[0]] : OracleSchema.Tenants[positions[0]];
        var generator = new StatementGenerator(random.Next(), uuid, tenant);
        return (uuid, positions, write ? generator.Write() : generator.TopLevelSelect());
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string NextAlias() => "a" + _aliases++;

    private SqlExpression ValueOf(Kind kind) => kind switch
    {
        Kind.Int => Value((long)_random.Next(0, 9)),
        Kind.Num => Value((decimal)_random.Next(0, 600)),
        Kind.Bool => Value(Chance(50)),
        Kind.Uuid => Value(OracleSchema.Orgs[_random.Next(3)]),
        _ => Value(Pick(Texts)),
    };

    // ---- SELECT

    private SelectStatement TopLevelSelect()
    {
        var scope = new Scope(null);
        var ctes = new List<CommonTableExpression>();
        if (Chance(30))
        {
            for (var i = _random.Next(1, 3); i > 0; i--)
            {
                // Sometimes named like a tenant table: inside its own body the name is still the real table.
                var name = Chance(40) ? Pick(_tables.Where(t => t.Columns.Any(c => c.Role == Role.Tenant)).ToArray()).Name : "cte" + ctes.Count;
                if (ctes.Any(c => c.Name == name))
                {
                    continue;
                }

                if (Chance(25))
                {
                    // A table of values (the builder's With(alias, columns, rows)); named like a tenant table, it hides it.
                    var (values, valuesShape) = ValuesCte(name);
                    ctes.Add(values);
                    scope.Ctes = [.. scope.Ctes.Where(c => c.Name != name), valuesShape];
                    continue;
                }

                var (body, shape) = ShapedSelect(new Scope(null) { Ctes = scope.Ctes }, null, name, depth: 1);
                ctes.Add(Cte(name, body));
                scope.Ctes = [.. scope.Ctes.Where(c => c.Name != name), shape];
            }
        }

        QueryExpression query;
        if (Chance(20))
        {
            var (left, shape) = ShapedBlock(new Scope(null) { Ctes = scope.Ctes }, null, "u", 1);
            var (right, _) = ShapedSelect(new Scope(null) { Ctes = scope.Ctes }, shape.Columns.Select(c => c.Kind).ToArray(), "u", 1);
            query = _random.Next(3) switch
            {
                0 => Union(left, right, all: Chance(50)),
                1 => Intersect(left, right),
                _ => Except(left, right),
            };
            if (Chance(35))
            {
                // The same arm as the builder's CombineRaw("UNION [ALL] SELECT ...") appends it.
                var operation = (SetOperation)query;
                query = ThroughCombineRaw(left, operation.Operator, operation.All, right);
            }
        }
        else
        {
            query = SelectBlockOf(scope, depth: 0, star: Chance(30));
        }

        return Query(query, [.. ctes]);
    }

    private (CommonTableExpression Cte, Shape Shape) ValuesCte(string name)
    {
        var rows = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => new object?[] { (long)_random.Next(0, 9), Pick(Texts) }).ToArray();
        var statement = (SelectStatement)new TenantDapper.Query(name).With(name, ["c0", "c1"], rows).ToStatement();
        return (statement.With[0], new Shape(name, [new("c0", Kind.Int), new("c1", Kind.Text)]));
    }

    /// <summary>A SELECT block with explicit, aliased columns (of the given kinds when <paramref name="kinds"/> is set), and its shape.</summary>
    private (SelectBlock Block, Shape Shape) ShapedBlock(Scope scope, Kind[]? kinds, string name, int depth)
    {
        var from = FromList(scope, depth);
        var count = kinds?.Length ?? _random.Next(1, 4);
        var items = new List<SelectItem>();
        var columns = new List<ColumnShape>();
        for (var i = 0; i < count; i++)
        {
            var kind = kinds?[i] ?? Pick(scope.Columns().Select(c => c.Column.Kind).Where(k => k != Kind.Uuid).DefaultIfEmpty(Kind.Int).ToArray());
            var candidates = scope.Columns().Where(c => c.Column.Kind == kind).ToArray();
            SqlExpression expression = ValueOf(kind);
            if (candidates.Length > 0 && Chance(85))
            {
                var chosen = Pick(candidates);
                expression = Col(chosen.Alias, chosen.Column.Name);
            }

            items.Add(Item(expression, "c" + i));
            columns.Add(new ColumnShape("c" + i, kind, Role.Nullable));
        }

        var block = new SelectBlock(Chance(15), items, from, Chance(60) ? Predicate(scope, depth) : null, [], null, [], null, null);
        return (block, new Shape(name, [.. columns]));
    }

    private (SelectStatement Query, Shape Shape) ShapedSelect(Scope scope, Kind[]? kinds, string name, int depth)
    {
        var (block, shape) = ShapedBlock(scope, kinds, name, depth);
        return (new SelectStatement([], block), shape);
    }

    private SelectBlock SelectBlockOf(Scope scope, int depth, bool star)
    {
        var from = FromList(scope, depth);
        var where = Chance(70) ? Predicate(scope, depth) : null;
        if (Chance(20))
        {
            var group = Pick(scope.Columns().ToArray());
            SqlExpression groupColumn = Col(group.Alias, group.Column.Name);
            var having = Chance(40) ? Op(Count(), ">", Chance(70) ? Value((long)_random.Next(0, 3)) : Scalar(CountSubquery(new Scope(null) { Ctes = scope.Ctes }, depth + 1))) : null;
            // Sometimes the aggregate reads only the rows of a FILTER (the builder's SelectCount(column, filter)), which may hold sub-queries.
            SqlExpression aggregate = Chance(30) ? new FunctionCallExpression(null, "count", [AllColumnsExpression.Unqualified], false, false, [], false, Predicate(scope, depth), null) : Count();
            return new SelectBlock(false, [Item(groupColumn), Item(aggregate)], from, where, [groupColumn], having, [], null, null);
        }

        if (star)
        {
            return new SelectBlock(Chance(10), [], from, where, [], null, [], null, null);
        }

        var items = new List<SelectItem>();
        for (var i = _random.Next(1, 5); i > 0; i--)
        {
            if (depth < 2 && Chance(15))
            {
                items.Add(Item(Scalar(CountSubquery(scope, depth + 1))));
            }
            else
            {
                var column = Pick(scope.Columns().ToArray());
                items.Add(Item(Col(column.Alias, column.Column.Name)));
            }
        }

        return new SelectBlock(Chance(15), items, from, where, [], null, [], null, null);
    }

    private List<TableSource> FromList(Scope scope, int depth)
    {
        // Small trees keep results small: the tables hold about thirty rows each, and a cross product
        // of four of them would make every case slow without testing anything more.
        var tables = _random.Next(1, depth == 0 ? 4 : 3);
        var items = new List<TableSource> { JoinTree(scope, depth, tables) };
        if (tables == 1 && Chance(10))
        {
            items.Add(Source(scope, depth));
        }

        return items;
    }

    private TableSource JoinTree(Scope scope, int depth, int tables)
    {
        var left = Source(scope, depth);
        for (var i = 1; i < tables; i++)
        {
            var visibleLeft = scope.Visible.ToList();
            var rightScope = new Scope(scope.Outer) { Ctes = scope.Ctes };
            var right = tables == 2 && Chance(15) && depth < 2 ? JoinTree(rightScope, depth + 1, 2) : Source(rightScope, depth);
            scope.Visible.AddRange(rightScope.Visible);
            var kind = _random.Next(20) switch
            {
                < 6 => JoinKind.Inner,
                < 12 => JoinKind.Left,
                < 15 => JoinKind.Right,
                < 18 => JoinKind.Full,
                _ => tables == 2 ? JoinKind.Cross : JoinKind.Inner,
            };
            left = Join(left, kind, right, kind == JoinKind.Cross ? null : JoinCondition(scope, visibleLeft, rightScope.Visible, kind, depth));
        }

        return left;
    }

    private SqlExpression JoinCondition(Scope scope, List<(string Alias, Shape Table)> left, List<(string Alias, Shape Table)> right, JoinKind kind, int depth)
    {
        var pairs = (from l in left from lc in l.Table.Columns from r in right from rc in r.Table.Columns
                     where lc.Kind == rc.Kind && lc.Kind is Kind.Int or Kind.Text && (lc.Role != Role.Tenant || Chance(10))
                     select Eq(Col(r.Alias, rc.Name), Col(l.Alias, lc.Name))).ToArray();
        SqlExpression condition = pairs.Length > 0 ? Pick(pairs) : Eq(Value(1L), Value(1L));

        // PostgreSQL runs a FULL JOIN only on hash- or merge-joinable conditions: plain equalities.
        if (kind != JoinKind.Full && Chance(35))
        {
            condition = And(condition, Chance(25) && depth < 2 ? Exists(CountlessSubquery(scope, depth + 1)) : Term(scope, depth + 1, allowSubquery: false));
        }

        return condition;
    }

    private TableSource Source(Scope scope, int depth)
    {
        var alias = NextAlias();
        if (depth < 2 && Chance(12))
        {
            var (query, shape) = ShapedSelect(new Scope(null) { Ctes = scope.Ctes }, null, alias, depth + 1);
            scope.Visible.Add((alias, shape));
            return Derived(query, alias);
        }

        if (scope.Ctes.Count > 0 && Chance(35))
        {
            var cte = Pick(scope.Ctes);
            scope.Visible.Add((alias, cte));
            return Table(cte.Name, alias);
        }

        var table = Pick(_tables);
        if (scope.Ctes.Any(c => c.Name == table.Name))
        {
            // A CTE hides the table of the same name; the schema-qualified name still reaches the table.
            scope.Visible.Add((alias, table));
            return Table("public." + table.Name, alias);
        }

        scope.Visible.Add((alias, table));
        return Table(Chance(8) ? "public." + table.Name : table.Name, alias);
    }

    // ---- predicates

    private SqlExpression Predicate(Scope scope, int depth)
    {
        var terms = Enumerable.Range(0, _random.Next(1, 4)).Select(_ => Term(scope, depth, allowSubquery: depth < 2)).ToArray();
        SqlExpression predicate = terms.Length == 1 ? terms[0] : Chance(60) ? And(terms) : Or(terms);
        return Chance(8) ? new NotExpression(predicate) : predicate;
    }

    private SqlExpression Term(Scope scope, int depth, bool allowSubquery)
    {
        var columns = scope.Columns().ToArray();
        var column = Pick(columns);
        var reference = Col(column.Alias, column.Column.Name);
        var choice = _random.Next(allowSubquery ? 11 : 6);
        switch (choice)
        {
            case 0:
                return new IsNullExpression(reference, Chance(50));
            case 1 when column.Column.Kind == Kind.Text:
                return new LikeExpression(reference, Value(Pick(Texts)[..1] + "%"), caseSensitive: true, negated: Chance(20), escapeCharacter: null);
            case 2 when column.Column.Kind == Kind.Int:
                return new BetweenExpression(reference, Value((long)_random.Next(0, 3)), Value((long)_random.Next(3, 8)), Chance(20));
            case 3:
                var same = columns.Where(c => c.Column.Kind == column.Column.Kind && c != column).ToArray();
                if (same.Length > 0)
                {
                    var other = Pick(same);
                    return Op(reference, column.Column.Kind is Kind.Bool or Kind.Uuid ? "=" : Pick(new[] { "=", "<>", "<" }), Col(other.Alias, other.Column.Name));
                }

                goto default;
            case 6 when column.Column.Kind == Kind.Int:
                return In(reference, SingleIntSubquery(scope, depth + 1), negated: Chance(25));
            case 7:
                return Exists(CountlessSubquery(scope, depth + 1), negated: Chance(30));
            case 8 when column.Column.Kind == Kind.Int:
                return Op(reference, Pick(new[] { "<", ">=", "=" }), Scalar(CountSubquery(scope, depth + 1)));
            case 10:
                // The builder's WhereSub: the sub-query on the left of the comparison.
                return Op(Scalar(CountSubquery(scope, depth + 1)), Pick(new[] { "<", ">=", "=" }), Value((long)_random.Next(0, 4)));
            default:
                var op = column.Column.Kind is Kind.Bool or Kind.Uuid ? Pick(new[] { "=", "<>" }) : Pick(new[] { "=", "<>", "<", ">", "<=", ">=" });
                return Op(reference, op, ValueOf(column.Column.Kind));
        }
    }

    /// <summary>A scope for a sub-query whose outer columns may be referenced (correlation).</summary>
    private Scope Inner(Scope scope) => new(scope) { Ctes = scope.Ctes };

    private SelectStatement CountSubquery(Scope scope, int depth)
    {
        var inner = Inner(scope);
        var from = FromList(inner, depth);
        return new SelectStatement([], new SelectBlock(false, [Item(Chance(70) ? Count() : MaxOfInt(inner))], from, CorrelatedPredicate(inner, depth), [], null, [], null, null));
    }

    private SqlExpression MaxOfInt(Scope scope)
    {
        var ints = scope.Columns(includeOuter: false).Where(c => c.Column.Kind == Kind.Int).ToArray();
        return ints.Length == 0 ? Count() : Fn("max", Col(Pick(ints).Alias, Pick(ints).Column.Name));
    }

    private SelectStatement CountlessSubquery(Scope scope, int depth)
    {
        var inner = Inner(scope);
        var from = FromList(inner, depth);
        return new SelectStatement([], new SelectBlock(false, [], from, CorrelatedPredicate(inner, depth), [], null, [], null, null));
    }

    private SelectStatement SingleIntSubquery(Scope scope, int depth)
    {
        var inner = Inner(scope);
        var from = FromList(inner, depth);
        var ints = inner.Columns(includeOuter: false).Where(c => c.Column.Kind == Kind.Int).ToArray();
        SqlExpression selected = ints.Length == 0 ? Value(1L) : Col(Pick(ints).Alias, Pick(ints).Column.Name);
        return new SelectStatement([], new SelectBlock(false, [Item(selected)], from, Chance(50) ? CorrelatedPredicate(inner, depth) : null, [], null, [], null, null));
    }

    /// <summary>Sometimes ties the sub-query to an outer column; sometimes filters it on its own.</summary>
    private SqlExpression? CorrelatedPredicate(Scope inner, int depth)
    {
        var own = inner.Columns(includeOuter: false).ToArray();
        var outer = inner.Outer?.Columns().ToArray() ?? [];
        var pairs = (from o in own from x in outer where o.Column.Kind == x.Column.Kind && o.Column.Kind is Kind.Int or Kind.Text
                     select Eq(Col(o.Alias, o.Column.Name), Col(x.Alias, x.Column.Name))).ToArray();
        SqlExpression? correlation = pairs.Length > 0 && Chance(70) ? Pick(pairs) : null;
        SqlExpression? filter = Chance(40) ? Term(inner, depth, allowSubquery: depth < 2) : null;
        return (correlation, filter) switch
        {
            (null, null) => null,
            ({ } c, null) => c,
            (null, { } f) => f,
            ({ } c, { } f) => And(c, f),
        };
    }

    // ---- writes

    private SqlStatement Write() => _random.Next(3) switch
    {
        0 => InsertOf(),
        1 => UpdateOf(),
        _ => DeleteOf(),
    };

    private Shape WritableTable(bool insert)
    {
        var candidates = _tables.Where(t => (insert ? InsertTargets.Contains(t.Name) : t.Name != "labels") && t.Name != "countries").ToArray();
        return Pick(candidates);
    }

    private SqlStatement InsertOf()
    {
        var target = WritableTable(insert: true);
        var columns = target.Columns.Where(c => c.Role != Role.Tenant).ToList();
        var tenantColumn = target.Columns.First(c => c.Role == Role.Tenant).Name;
        var supplyTenant = Chance(15);
        var names = columns.Select(c => c.Name).ToList();
        if (supplyTenant)
        {
            names.Insert(0, tenantColumn);
        }

        var conflictKeys = target.Columns.Where(c => c.Role is Role.Key or Role.Tenant).Select(c => c.Name).ToArray();
        OnConflictClause? onConflict = _random.Next(4) switch
        {
            0 => new OnConflictClause(conflictKeys, null, null),
            1 when columns.Any(c => c.Role is not Role.Key) => new OnConflictClause(conflictKeys, [.. columns.Where(c => c.Role is not Role.Key).Take(1).Select(c => Set(c.Name, Col("excluded", c.Name)))], null),
            _ => null,
        };
        IReadOnlyList<SelectItem> returning = Chance(30) ? [Item(Col(columns[0].Name))] : [];
        if (Chance(65))
        {
            var rows = Enumerable.Range(0, _random.Next(1, 4)).Select(_ =>
            {
                var row = columns.Select(c => c.Role == Role.Key ? Value((long)(Chance(80) ? _random.Next(20, 400) : _random.Next(1, 6))) : ValueOf(c.Kind)).ToList();
                if (Chance(12) && columns.FindIndex(c => c.Role == Role.Key) is var key and >= 0)
                {
                    // A key computed from a tenant table, given as UnsafeLiteral("(SELECT count(*) FROM ...) + k").
                    row[key] = ThroughUnsafeLiteral($"({Text(CountSubquery(new Scope(null), 1))}) + {_random.Next(200, 400)}");
                }

                if (supplyTenant)
                {
                    row.Insert(0, Chance(30) ? ThroughUnsafeLiteral(TenantText) : Value(_tenant));
                }

                return (IReadOnlyList<SqlExpression>)row;
            }).ToArray();
            return new InsertStatement([], Table(target.Name), names, rows, null, onConflict, returning);
        }

        // Which of several selected rows with one key DO NOTHING keeps depends on row order: not for INSERT ... SELECT.
        if (onConflict is { DoNothing: true })
        {
            onConflict = null;
        }

        var scope = new Scope(null);
        var (source, _) = ShapedBlock(scope, [.. columns.Select(c => c.Kind)], "s", 1);
        var items = source.Columns.Select((item, i) => columns[i].Role == Role.Key ? Item(Op(item.Expression, "+", Value((long)_random.Next(100, 1000))), item.Alias) : item).ToList();
        if (supplyTenant)
        {
            items.Insert(0, Item(Value(_tenant)));
        }

        var block = new SelectBlock(source.Distinct, items, source.From, source.Where, [], null, [], null, null);
        return new InsertStatement([], Table(target.Name), names, null, new SelectStatement([], block), onConflict, returning);
    }

    private SqlStatement UpdateOf()
    {
        var target = WritableTable(insert: false);
        var alias = NextAlias();
        var scope = new Scope(null);
        scope.Visible.Add((alias, target));
        var from = Chance(35) ? FromList(scope, 1) : [];
        var settable = target.Columns.Where(c => c.Role is Role.Plain or Role.Nullable).ToArray();
        if (settable.Length == 0)
        {
            return DeleteOf();
        }

        var set = settable.Where(_ => Chance(60)).DefaultIfEmpty(settable[0]).Select(c => Set(c.Name, SetValue(c, alias, scope, from.Count > 0))).ToArray();
        var where = WithTargetJoin(scope, alias, from.Count > 0, Chance(80) ? Predicate(scope, 1) : null);
        IReadOnlyList<SelectItem> returning = Chance(25) ? [Item(Col(alias, settable[0].Name))] : [];
        return new UpdateStatement([], WriteTarget(target.Name, alias), set, from, where, returning);
    }

    // UPDATE ... FROM takes its values from the target or parameters: a FROM row chosen among several would be order-dependent.
    private SqlExpression SetValue(ColumnShape column, string alias, Scope scope, bool hasFrom) => _random.Next(4) switch
    {
        0 when column.Kind == Kind.Int => Op(Col(alias, column.Name), "+", Value(1L)),
        1 when column.Kind == Kind.Int && !hasFrom => Chance(40) ? ThroughUnsafeLiteral($"({Text(CountSubquery(scope, 2))})") : Scalar(CountSubquery(scope, 2)),
        _ => ValueOf(column.Kind),
    };

    private SqlStatement DeleteOf()
    {
        var target = WritableTable(insert: false);
        var alias = NextAlias();
        var scope = new Scope(null);
        scope.Visible.Add((alias, target));
        var @using = Chance(35) ? FromList(scope, 1) : [];
        var where = WithTargetJoin(scope, alias, @using.Count > 0, Chance(85) ? Predicate(scope, 1) : null);
        IReadOnlyList<SelectItem> returning = Chance(25) ? [Item(Col(alias, target.Columns[0].Name))] : [];
        return new DeleteStatement([], WriteTarget(target.Name, alias), @using, where, returning);
    }

    /// <summary>Mostly joins the FROM / USING tables to the target, as real statements do, so that overlapping ids of other tenants would match.</summary>
    private SqlExpression? WithTargetJoin(Scope scope, string targetAlias, bool hasFrom, SqlExpression? predicate)
    {
        if (!hasFrom || !Chance(75))
        {
            return predicate;
        }

        var target = scope.Columns().Where(c => c.Alias == targetAlias && c.Column.Kind == Kind.Int && c.Column.Role != Role.Tenant).ToArray();
        var others = scope.Columns().Where(c => c.Alias != targetAlias && c.Column.Kind == Kind.Int).ToArray();
        if (target.Length == 0 || others.Length == 0)
        {
            return predicate;
        }

        var a = Pick(target);
        var b = Pick(others);
        var join = Eq(Col(b.Alias, b.Column.Name), Col(a.Alias, a.Column.Name));
        return predicate is null ? join : And(join, predicate);
    }

    // ---- the builder's raw forms

    /// <summary>How many parts went through CombineRaw, UnsafeLiteral and FromRaw since the process started (for a run's summary).</summary>
    public static string RawFormTally => $"CombineRaw {Volatile.Read(ref _combineRaw)}, UnsafeLiteral {Volatile.Read(ref _unsafeLiterals)}, FromRaw target {Volatile.Read(ref _fromRawTargets)}";

    private string TenantText => _tenant is Guid org ? $"'{org}'" : Convert.ToString(_tenant, CultureInfo.InvariantCulture)!;

    /// <summary>A generated part as SQL text, its values written in as constants (the builder's raw forms take text).</summary>
    private static string Text(SelectStatement statement) => PostgresSqlWriter.WriteForDisplay(statement, ParameterStyle.Inline, tenant: null);

    private static QueryExpression ThroughCombineRaw(QueryExpression left, SetOperator @operator, bool all, SelectStatement right)
    {
        var keyword = @operator switch
        {
            SetOperator.Union => "UNION",
            SetOperator.Intersect => "INTERSECT",
            _ => "EXCEPT",
        };
        Interlocked.Increment(ref _combineRaw);
        var raw = new TenantDapper.Query().CombineRaw($"{keyword}{(all ? " ALL" : string.Empty)} {Text(right)}");
        return raw.Combines[0].AppendTo(left);
    }

    private static SqlExpression ThroughUnsafeLiteral(string text)
    {
        Interlocked.Increment(ref _unsafeLiterals);
        var update = (UpdateStatement)new TenantDapper.Query("t").AsUpdate(new Dictionary<string, object?> { ["c"] = new UnsafeLiteral(text, replaceQuotes: false) }).ToStatement();
        return update.Set[0].Value;
    }

    /// <summary>The target of an UPDATE or DELETE: sometimes as the builder's FromRaw("[public.]table AS alias") reads it.</summary>
    private TableReference WriteTarget(string table, string alias)
    {
        if (!Chance(25))
        {
            return Table(table, alias);
        }

        Interlocked.Increment(ref _fromRawTargets);
        var name = Chance(30) ? "public." + table : table;
        return ((DeleteStatement)new TenantDapper.Query().FromRaw($"{name} AS {alias}").AsDelete().ToStatement()).Target;
    }

    private sealed record ColumnShape(string Name, Kind Kind, Role Role = Role.Plain);

    private sealed record Shape(string Name, ColumnShape[] Columns);

    /// <summary>The aliases visible in one SELECT block, the block around it, and the CTEs in force.</summary>
    private sealed class Scope(Scope? outer)
    {
        public Scope? Outer { get; } = outer;

        public List<(string Alias, Shape Table)> Visible { get; } = [];

        public List<Shape> Ctes { get; set; } = [];

        public IEnumerable<(string Alias, ColumnShape Column)> Columns(bool includeOuter = false)
        {
            var own = Visible.SelectMany(v => v.Table.Columns.Select(c => (v.Alias, c)));
            return includeOuter && Outer is not null ? own.Concat(Outer.Columns(includeOuter: true)) : own;
        }
    }
}
