using TenantDapper.Mapping;

namespace TenantDapper.Entities;

/// <summary>One side of a link: the through table's key column and the row of another table it points at.</summary>
/// <param name="Column">The through table's key column, e.g. <c>project_id</c>.</param>
/// <param name="Table">The table it points at, e.g. <c>projects</c>.</param>
/// <param name="TargetColumn">The column of <paramref name="Table"/> it holds, e.g. <c>id</c>.</param>
/// <param name="Role">What <paramref name="Table"/> is to the tenant model: only a tenant table's row needs the tenant check.</param>
internal sealed record LinkEnd(ColumnMap Column, TableName Table, string TargetColumn, TableRole Role)
{
    /// <summary><c>SELECT target_column FROM table WHERE target_column = @value</c>: scoped by the rewriter like any statement, so it finds only the current tenant's row.</summary>
    public Query Probe(object? value) => new Query(Table.ToString()).Select(TargetColumn).Where(TargetColumn, value);
}
