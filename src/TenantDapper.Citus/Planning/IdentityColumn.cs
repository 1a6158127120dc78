namespace TenantDapper.Citus;

/// <summary>
/// An identity column of a planned table. Citus distributes such a table but refuses to undistribute
/// it, so the reverse script takes the identity off before <c>undistribute_table</c> and puts it back after.
/// </summary>
/// <param name="Table">The schema-qualified table.</param>
/// <param name="Column">The identity column.</param>
/// <param name="Identity">Always or by default.</param>
public sealed record IdentityColumn(TableName Table, string Column, ColumnIdentity Identity);
