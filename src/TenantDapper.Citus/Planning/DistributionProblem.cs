namespace TenantDapper.Citus;

/// <summary>A problem the planner cannot fix alone, naming the table and column and what to do.</summary>
/// <param name="Kind">What kind of problem it is.</param>
/// <param name="Table">The table at fault.</param>
/// <param name="Column">The column at fault, when there is one.</param>
/// <param name="Message">What is wrong and what to do next.</param>
public sealed record DistributionProblem(DistributionProblemKind Kind, TableName Table, string? Column, string Message)
{
    /// <summary>The problem as <c>schema.table.column: message</c>.</summary>
    public override string ToString() => Column is null ? $"{Table}: {Message}" : $"{Table}.{Column}: {Message}";
}
