namespace TenantDapper.Syntax;

/// <summary>
/// A node of the immutable SQL tree. The builder and (later) the SQL text parser produce it; the tenant
/// rewriter and the PostgreSQL compiler are visitors over it. Nodes never change after construction;
/// each <c>Update</c> returns the same instance when no child changed, so a visitor that changes
/// nothing allocates nothing.
/// </summary>
internal abstract class SqlNode
{
    public abstract SqlNode Accept(SqlVisitor visitor);
}

/// <summary>A statement: SELECT (possibly with CTEs and set operations), INSERT, UPDATE or DELETE.</summary>
internal abstract class SqlStatement : SqlNode
{
    /// <summary>The common table expressions of the statement's WITH clause; empty when none.</summary>
    public abstract IReadOnlyList<CommonTableExpression> With { get; }
}

/// <summary>The body of a SELECT statement: a single SELECT block or a set operation of two queries.</summary>
internal abstract class QueryExpression : SqlNode
{
}

/// <summary>An item of a FROM (or UPDATE ... FROM, DELETE ... USING) list.</summary>
internal abstract class TableSource : SqlNode
{
}

/// <summary>A value or condition: columns, parameters, operators, predicates, sub-queries, raw fragments.</summary>
internal abstract class SqlExpression : SqlNode
{
}
