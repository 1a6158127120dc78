namespace TenantDapper.Citus;

/// <summary>A tenant table to distribute by its tenant column.</summary>
/// <param name="Table">The schema-qualified table.</param>
/// <param name="DistributionColumn">Its tenant column, the distribution column.</param>
/// <param name="ColocateWith">The table it is colocated with (the root), or <see langword="null"/> for the table that starts the colocation group.</param>
public sealed record DistributedTable(TableName Table, string DistributionColumn, TableName? ColocateWith)
{
    /// <summary>The table as <c>schema.table by column</c>.</summary>
    public override string ToString() => $"{Table} by {DistributionColumn}";
}
