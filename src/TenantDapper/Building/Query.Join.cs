using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <content>Joins.</content>
public sealed partial class Query
{
    /// <summary>Adds <c>type JOIN table ON first op second</c>; <paramref name="type"/> is <c>"inner join"</c>, <c>"left join"</c>, <c>"right join"</c>, <c>"full join"</c> or <c>"cross join"</c>.</summary>
    public Query Join(string table, string first, string second, string op = "=", string type = "inner join") =>
        AddJoin(new TableFrom(Names.Table(table)), ParseKind(type), new Join().On(first, second, op));

    /// <summary>Adds <c>type JOIN table ON ...</c> with the condition built by <paramref name="callback"/>.</summary>
    public Query Join(string table, Func<Join, Join> callback, string type = "inner join") =>
        AddJoin(new TableFrom(Names.Table(table)), ParseKind(type), callback);

    /// <summary>Joins a copy of <paramref name="query"/> (named by its <see cref="As"/> alias) on <c>first op second</c>.</summary>
    public Query Join(Query query, string first, string second, string op = "=", string type = "inner join") =>
        AddJoin(SubquerySource(query), ParseKind(type), new Join().On(first, second, op));

    /// <summary>Joins a copy of <paramref name="query"/> (named by its <see cref="As"/> alias) with the condition built by <paramref name="onClause"/>.</summary>
    public Query Join(Query query, Func<Join, Join> onClause, string type = "inner join") =>
        AddJoin(SubquerySource(query), ParseKind(type), onClause);

    /// <summary>Adds <c>LEFT JOIN table ON first op second</c>.</summary>
    public Query LeftJoin(string table, string first, string second, string op = "=") => Join(table, first, second, op, "left join");

    /// <summary>Adds <c>LEFT JOIN table ON ...</c> with the condition built by <paramref name="callback"/>.</summary>
    public Query LeftJoin(string table, Func<Join, Join> callback) => Join(table, callback, "left join");

    /// <summary>Adds <c>LEFT JOIN (query) AS alias ON first op second</c>.</summary>
    public Query LeftJoin(Query query, string first, string second, string op = "=") => Join(query, first, second, op, "left join");

    /// <summary>Adds <c>LEFT JOIN (query) AS alias ON ...</c>.</summary>
    public Query LeftJoin(Query query, Func<Join, Join> onClause) => Join(query, onClause, "left join");

    /// <summary>Adds <c>RIGHT JOIN table ON first op second</c>.</summary>
    public Query RightJoin(string table, string first, string second, string op = "=") => Join(table, first, second, op, "right join");

    /// <summary>Adds <c>RIGHT JOIN table ON ...</c> with the condition built by <paramref name="callback"/>.</summary>
    public Query RightJoin(string table, Func<Join, Join> callback) => Join(table, callback, "right join");

    /// <summary>Adds <c>RIGHT JOIN (query) AS alias ON first op second</c>.</summary>
    public Query RightJoin(Query query, string first, string second, string op = "=") => Join(query, first, second, op, "right join");

    /// <summary>Adds <c>RIGHT JOIN (query) AS alias ON ...</c>.</summary>
    public Query RightJoin(Query query, Func<Join, Join> onClause) => Join(query, onClause, "right join");

    /// <summary>Adds <c>CROSS JOIN table</c>.</summary>
    public Query CrossJoin(string table)
    {
        (_joins ??= []).Add(new Join { Kind = JoinKind.Cross, Target = new TableFrom(Names.Table(table)) });
        return this;
    }

    private Query AddJoin(FromSource target, JoinKind kind, Func<Join, Join> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return AddJoin(target, kind, callback(new Join()));
    }

    private Query AddJoin(FromSource target, JoinKind kind, Join join)
    {
        join.Kind = kind;
        join.Target = target;
        if (kind != JoinKind.Cross && join.Wheres.Count == 0)
        {
            throw new InvalidQueryException("A join needs a condition: add one with j.On(\"a.id\", \"b.a_id\") or use CrossJoin(table).");
        }

        (_joins ??= []).Add(join);
        return this;
    }

    private static QueryFrom SubquerySource(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new QueryFrom(query.Clone(), SubqueryAlias(query, null));
    }

    private static JoinKind ParseKind(string type) =>
        (type ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "join" or "inner join" or "inner" => JoinKind.Inner,
            "left join" or "left outer join" or "left" => JoinKind.Left,
            "right join" or "right outer join" or "right" => JoinKind.Right,
            "full join" or "full outer join" or "full" => JoinKind.Full,
            "cross join" or "cross" => JoinKind.Cross,
            _ => throw new InvalidQueryException($"'{type}' is not a join type. Use \"inner join\", \"left join\", \"right join\", \"full join\" or \"cross join\"."),
        };
}
