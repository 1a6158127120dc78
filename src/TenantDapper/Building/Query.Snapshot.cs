using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <content>The snapshot: the builder's state as an immutable SQL tree. Reads the query, never changes it.</content>
public sealed partial class Query
{
    private static readonly IReadOnlyList<SelectItem> NoItems = [];
    private static readonly IReadOnlyList<TableSource> NoSources = [];
    private static readonly IReadOnlyList<SqlExpression> NoExpressions = [];
    private static readonly IReadOnlyList<OrderItem> NoOrders = [];
    private static readonly IReadOnlyList<CommonTableExpression> NoCtes = [];

    /// <summary>The statement this query compiles to: a SELECT, or the INSERT / UPDATE / DELETE set by <c>As...</c>.</summary>
    internal SqlStatement ToStatement() => ToStatement(firstRowOnly: false);

    /// <summary>The statement this query compiles to; <paramref name="firstRowOnly"/> reads one row, as <c>Clone().Limit(1)</c> would, without the copy.</summary>
    /// <param name="firstRowOnly">Whether a SELECT reads only its first row (First, FirstOrDefault).</param>
    internal SqlStatement ToStatement(bool firstRowOnly)
    {
        if (Method is QueryMethod.Insert or QueryMethod.Update or QueryMethod.Delete && Combines.Count > 0)
        {
            throw new InvalidQueryException(
                $"Only a SELECT can be combined with Union / Except / Intersect / CombineRaw; this query was made a write by As{Method}(). Build the set operation as its own query (e.g. as the source of an INSERT ... SELECT).");
        }

        using var scope = VariableScope.Enter(Variables);
        return Method switch
        {
            QueryMethod.Insert => ToInsert(),
            QueryMethod.Update => ToUpdate(),
            QueryMethod.Delete => ToDelete(),
            _ => ToSelectStatement(firstRowOnly),
        };
    }

    /// <summary>The query as a SELECT statement (also when it is used as a sub-query).</summary>
    internal SelectStatement ToSelectStatement() => ToSelectStatement(firstRowOnly: false);

    private SelectStatement ToSelectStatement(bool firstRowOnly)
    {
        NestingGuard.EnsureStack();
        using var scope = VariableScope.Enter(Variables);
        if (Method == QueryMethod.Aggregate)
        {
            return ToAggregate();
        }

        var limit = firstRowOnly ? 1 : LimitValue;
        QueryExpression body = new SelectBlock(
            IsDistinct,
            SelectItems(),
            FromList(),
            Wheres.ToExpression(),
            _groups is null ? NoExpressions : _groups.ToArray(),
            _havings?.ToExpression(),
            _orders is null ? NoOrders : _orders.ToArray(),
            limit > 0 ? new ParameterExpression(limit) : null,
            OffsetValue > 0 ? new ParameterExpression(OffsetValue) : null);
        if (_combines is not null)
        {
            foreach (var combine in _combines)
            {
                body = combine.AppendTo(body);
            }
        }

        return new SelectStatement(CteNodes(), body);
    }

    private IReadOnlyList<CommonTableExpression> CteNodes()
    {
        if (_ctes is not { Count: > 0 } ctes)
        {
            return NoCtes;
        }

        var nodes = new CommonTableExpression[ctes.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = ctes[i].ToNode();
        }

        return nodes;
    }

    private IReadOnlyList<SelectItem> SelectItems()
    {
        if (Columns.Count == 0)
        {
            return NoItems;
        }

        var items = new SelectItem[Columns.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = Columns[i].ToSelectItem();
        }

        return items;
    }

    private IReadOnlyList<TableSource> FromList()
    {
        if (Source is null)
        {
            return Joins.Count == 0
                ? NoSources
                : throw new InvalidQueryException("A query with joins needs a table to join to: call From(\"table\") first.");
        }

        if (Source is ParsedFrom { Sources.Count: > 1 } list)
        {
            // FROM a, b JOIN c ...: a join binds to the item just before it.
            var items = list.Sources.ToArray();
            items[^1] = Joined(items[^1]);
            return items;
        }

        return [Joined(Source.ToTableSource())];
    }

    private TableSource Joined(TableSource current)
    {
        if (_joins is null)
        {
            return current;
        }

        foreach (var join in _joins)
        {
            current = new JoinedTable(current, join.Kind, join.Target!.ToTableSource(), join.Wheres.ToExpression());
        }

        return current;
    }

    private SelectStatement ToAggregate()
    {
        var aggregate = Aggregate!;
        var isCount = aggregate.Function == "count";
        var wrap = IsDistinct || aggregate.Columns.Count > 1 || Combines.Count > 0;
        if (!wrap)
        {
            SqlExpression argument = aggregate.Columns.Count == 1 ? aggregate.Columns[0] : AllColumnsExpression.Unqualified;
            var block = new SelectBlock(false, [AggregateItem(aggregate, argument)], FromList(), Wheres.ToExpression(), NoExpressions, _havings?.ToExpression(), NoOrders, null, null);
            return new SelectStatement(CteNodes(), block);
        }

        // DISTINCT, several columns or a set operation: aggregate over the rows of the inner query, as SqlKata does.
        var inner = Clone();
        inner.Method = QueryMethod.Select;
        inner.Aggregate = null;
        inner._orders = null;
        inner._groups = null;
        inner.LimitValue = 0;
        inner.OffsetValue = 0;
        inner._ctes = null;
        if (aggregate.Columns.Count > 0 && Combines.Count == 0)
        {
            inner.Columns = aggregate.Columns.Select(c => SelectEntry.Of(new SelectItem(c, null))).ToList();
        }

        if (isCount && !IsDistinct)
        {
            // COUNT(a, b) counts the rows where every column is set.
            foreach (var column in aggregate.Columns)
            {
                inner.Wheres.Add(new NullCondition(Connective.And, true, column));
            }
        }

        SqlExpression outerArgument = isCount ? AllColumnsExpression.Unqualified : new ColumnExpression(null, aggregate.Columns[0].Name);
        var outer = new SelectBlock(false, [AggregateItem(aggregate, outerArgument)], [new DerivedTable(inner.ToSelectStatement(), "aggregateQuery")], null, NoExpressions, null, NoOrders, null, null);
        return new SelectStatement(CteNodes(), outer);
    }

    private static SelectItem AggregateItem(AggregateClause aggregate, SqlExpression argument) =>
        new(FunctionCallExpression.BuiltIn(aggregate.Function.ToUpperInvariant(), [argument]), aggregate.Function);

    // FromRaw is parsed when it is built; as a write target it must be one table name, as PostgreSQL requires.
    private TableReference WriteTarget(string statement) => Source switch
    {
        TableFrom from => from.Table,
        ParsedFrom { Sources: [TableReference table] } => table,
        ParsedFrom => throw new UnscopableSqlException(
            $"The FromRaw target of an {statement} must be one table name ([schema.]table [AS alias]); a list, a join, a sub-query or a function cannot be written to. Put other tables in joins or WhereRaw."),
        _ => throw new InvalidQueryException($"An {statement} needs a table: create the query with new Query(\"table\"), From(\"table\") or FromRaw(\"table\"), not a sub-query or FromRawScoped."),
    };

    private InsertStatement ToInsert()
    {
        var insert = Insert!;
        IReadOnlyList<IReadOnlyList<SqlExpression>>? rows = null;
        if (insert.Rows is not null)
        {
            var built = new IReadOnlyList<SqlExpression>[insert.Rows.Count];
            for (var r = 0; r < built.Length; r++)
            {
                var row = insert.Rows[r];
                var values = new SqlExpression[row.Length];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = Value(row[i]);
                }

                built[r] = values;
            }

            rows = built;
        }

        var returning = ReturningItems.Count > 0 || !insert.ReturnId
            ? ReturningItems.ToArray()
            : [new SelectItem(new ColumnExpression(null, "id"), null)];
        return new InsertStatement(CteNodes(), WriteTarget("INSERT"), insert.Columns, rows, insert.Source?.ToSelectStatement(), ConflictNode(insert.Columns), returning);
    }

    private OnConflictClause? ConflictNode(IReadOnlyList<string> insertColumns)
    {
        if (Conflict is null)
        {
            return null;
        }

        if (Conflict.Updates is null)
        {
            return new OnConflictClause(Conflict.Target, null, null);
        }

        var updates = Conflict.Updates.Count > 0
            ? Conflict.Updates
            : insertColumns.Where(c => !Conflict.Target.Contains(c)).Select(c => new ConflictUpdate(c, null, true)).ToList();
        if (updates.Count == 0)
        {
            throw new EmptyWriteException("ON CONFLICT DO UPDATE has nothing to set: every inserted column is a conflict column. Use OnConflictDoNothing(...) instead.");
        }

        var assignments = updates
            .Select(u => new Assignment(u.Column, u.FromExcluded ? new ColumnExpression(TableQualifier.Of("excluded"), u.Column) : Value(u.Value)))
            .ToArray();
        return new OnConflictClause(Conflict.Target, assignments, null);
    }

    private UpdateStatement ToUpdate()
    {
        var set = new Assignment[Updates!.Count];
        for (var i = 0; i < set.Length; i++)
        {
            var update = Updates[i];
            set[i] = new Assignment(
                update.Column,
                update.Increment
                    ? new BinaryExpression(new ColumnExpression(null, update.Column), "+", new ParameterExpression(update.Value))
                    : Value(update.Value));
        }

        var (from, where) = WriteJoins("UPDATE ... FROM");
        return new UpdateStatement(CteNodes(), WriteTarget("UPDATE"), set, from, where, [.. ReturningItems]);
    }

    private DeleteStatement ToDelete()
    {
        var (@using, where) = WriteJoins("DELETE ... USING");
        return new DeleteStatement(CteNodes(), WriteTarget("DELETE"), @using, where, [.. ReturningItems]);
    }

    // PostgreSQL has no JOIN on the target of an UPDATE or DELETE: inner joins become FROM/USING items with their
    // ON moved to WHERE; an outer join attaches to the item before it.
    private (IReadOnlyList<TableSource> Sources, SqlExpression? Where) WriteJoins(string clause)
    {
        var where = Wheres.ToExpression();
        if (_joins is not { Count: > 0 } joins)
        {
            return (NoSources, where);
        }

        var sources = new List<TableSource>(joins.Count);
        var conditions = new List<SqlExpression>(joins.Count + 1);
        foreach (var join in joins)
        {
            var target = join.Target!.ToTableSource();
            var on = join.Wheres.ToExpression();
            if (join.Kind is JoinKind.Inner or JoinKind.Cross)
            {
                sources.Add(target);
                if (on is not null)
                {
                    conditions.Add(on);
                }
            }
            else if (sources.Count == 0)
            {
                throw new InvalidQueryException($"PostgreSQL cannot outer-join to the target of {clause}: make the first join an inner join, or move the outer join into a sub-query.");
            }
            else
            {
                sources[^1] = new JoinedTable(sources[^1], join.Kind, target, on);
            }
        }

        if (where is not null)
        {
            conditions.Add(where);
        }

        return (sources, conditions.Count switch
        {
            0 => null,
            1 => conditions[0],
            _ => new AndExpression(conditions.ToArray()),
        });
    }

    private static SqlExpression Value(object? value) => value switch
    {
        Query query => new SubqueryExpression(query.ToSelectStatement()),
        ParsedValue parsed => parsed.Expression,
        _ => VariableScope.Parameter(value),
    };
}
