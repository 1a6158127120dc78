namespace TenantDapper.Citus;

/// <summary>A foreign key constraint as the catalog describes it.</summary>
/// <param name="Name">The constraint's name, read from the catalog.</param>
/// <param name="Table">The referencing table.</param>
/// <param name="Columns">The referencing columns, in order.</param>
/// <param name="ReferencedTable">The referenced table.</param>
/// <param name="ReferencedColumns">The referenced columns, paired with <paramref name="Columns"/>.</param>
public sealed record CatalogForeignKey(
    string Name,
    TableName Table,
    IReadOnlyList<string> Columns,
    TableName ReferencedTable,
    IReadOnlyList<string> ReferencedColumns)
{
    /// <summary>What happens on DELETE of the referenced row.</summary>
    public ForeignKeyAction OnDelete { get; init; }

    /// <summary>What happens on UPDATE of the referenced key.</summary>
    public ForeignKeyAction OnUpdate { get; init; }

    /// <summary>Whether the key is <c>MATCH FULL</c> (otherwise <c>MATCH SIMPLE</c>).</summary>
    public bool MatchFull { get; init; }

    /// <summary>Whether the key is <c>DEFERRABLE</c>.</summary>
    public bool Deferrable { get; init; }

    /// <summary>Whether the key is <c>INITIALLY DEFERRED</c>.</summary>
    public bool InitiallyDeferred { get; init; }

    /// <summary>The key as <c>table.name (columns) -> referenced (columns)</c>, for plans and messages.</summary>
    public override string ToString() =>
        $"{Table}.{Name}: ({string.Join(", ", Columns)}) -> {ReferencedTable} ({string.Join(", ", ReferencedColumns)})";
}
