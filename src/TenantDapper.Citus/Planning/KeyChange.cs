namespace TenantDapper.Citus;

/// <summary>
/// A primary key or unique constraint of a distributed table that lacks the tenant column and is
/// re-created with it first, as Citus requires. Uniqueness then holds per tenant.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Key">The key as the catalog has it.</param>
/// <param name="NewColumns">The columns it is re-created with.</param>
public sealed record KeyChange(TableName Table, CatalogKey Key, IReadOnlyList<string> NewColumns)
{
    /// <summary>The change as <c>table.name: PRIMARY KEY (id) becomes (account_id, id)</c>.</summary>
    public override string ToString() =>
        $"{Table}.{Key.Name}: {(Key.Kind == CatalogKeyKind.PrimaryKey ? "PRIMARY KEY" : "UNIQUE")} ({string.Join(", ", Key.Columns)}) becomes ({string.Join(", ", NewColumns)})";
}
