using TenantDapper.Syntax;

namespace TenantDapper.Tests.Trees;

/// <summary>Short constructors for SQL trees, so tests read like the SQL they build.</summary>
internal static class Sql
{
    public static TableReference Table(string name, string? alias = null)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new TableReference(null, name, alias) : new TableReference(name[..dot], name[(dot + 1)..], alias);
    }

    /// <summary>A column qualified by one identifier (an alias or a table name).</summary>
    public static ColumnExpression Col(string qualifier, string name) => new(TableQualifier.Of(qualifier), name);

    /// <summary>A column qualified by <c>schema.table</c>.</summary>
    public static ColumnExpression Col(string schema, string table, string name) => new(new TableQualifier(schema, table), name);

    public static ColumnExpression Col(string name) => new(null, name);

    public static ParameterExpression Value(object? value) => new(value);

    public static TenantParameterExpression Tenant => TenantParameterExpression.Instance;

    public static BinaryExpression Eq(SqlExpression left, SqlExpression right) => new(left, "=", right);

    public static BinaryExpression Op(SqlExpression left, string op, SqlExpression right) => new(left, op, right);

    public static AndExpression And(params SqlExpression[] operands) => new(operands);

    public static OrExpression Or(params SqlExpression[] operands) => new(operands);

    public static RawExpression Raw(string sql, params object?[] bindings) => Building.RawFragment.Opaque(sql, bindings);

    public static FunctionCallExpression Fn(string name, params SqlExpression[] arguments) => FunctionCallExpression.BuiltIn(name, arguments);

    public static FunctionCallExpression Count() => FunctionCallExpression.BuiltIn("count", [AllColumnsExpression.Unqualified]);

    public static SelectItem Item(SqlExpression expression, string? alias = null) => new(expression, alias);

    public static OrderItem Asc(SqlExpression expression) => new(expression, descending: false);

    public static JoinedTable Join(TableSource left, JoinKind kind, TableSource right, SqlExpression? on) => new(left, kind, right, on);

    public static SelectBlock Block(
        IReadOnlyList<SqlExpression>? columns,
        IReadOnlyList<TableSource> from,
        SqlExpression? where = null,
        IReadOnlyList<SqlExpression>? orderBy = null,
        bool distinct = false,
        IReadOnlyList<SqlExpression>? groupBy = null,
        SqlExpression? having = null,
        SqlExpression? limit = null) =>
        new(
            distinct,
            columns?.Select(c => new SelectItem(c, null)).ToArray() ?? [],
            from,
            where,
            groupBy ?? [],
            having,
            orderBy?.Select(o => new OrderItem(o, false)).ToArray() ?? [],
            limit,
            null);

    public static SelectStatement Select(
        IReadOnlyList<SqlExpression>? columns,
        IReadOnlyList<TableSource> from,
        SqlExpression? where = null,
        IReadOnlyList<SqlExpression>? orderBy = null) =>
        new([], Block(columns, from, where, orderBy));

    public static SelectStatement Query(QueryExpression body, params CommonTableExpression[] with) => new(with, body);

    public static CommonTableExpression Cte(string name, SelectStatement query) => new(name, query, null);

    public static SetOperation Union(QueryExpression left, SelectStatement right, bool all = false) => new(left, SetOperator.Union, all, right);

    public static SetOperation Intersect(QueryExpression left, SelectStatement right) => new(left, SetOperator.Intersect, false, right);

    public static SetOperation Except(QueryExpression left, SelectStatement right) => new(left, SetOperator.Except, false, right);

    public static SubqueryExpression Scalar(SelectStatement query) => new(query);

    public static ExistsExpression Exists(SelectStatement query, bool negated = false) => new(query, negated);

    public static InSubqueryExpression In(SqlExpression operand, SelectStatement query, bool negated = false) => new(operand, query, negated);

    public static DerivedTable Derived(SelectStatement query, string alias) => new(query, alias);

    public static InsertStatement Insert(TableReference target, string[] columns, params SqlExpression[][] rows) =>
        new([], target, columns, rows, null, null, []);

    public static InsertStatement InsertSelect(TableReference target, string[] columns, SelectStatement source) =>
        new([], target, columns, null, source, null, []);

    public static Assignment Set(string column, SqlExpression value) => new(column, value);

    public static UpdateStatement Update(TableReference target, Assignment[] set, SqlExpression? where = null, params TableSource[] from) =>
        new([], target, set, from, where, []);

    public static DeleteStatement Delete(TableReference target, SqlExpression? where = null, params TableSource[] @using) =>
        new([], target, @using, where, []);
}
