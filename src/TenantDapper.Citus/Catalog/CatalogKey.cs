namespace TenantDapper.Citus;

/// <summary>A primary key, unique constraint or unique index of a table.</summary>
/// <param name="Name">The constraint's (or index's) name, read from the catalog.</param>
/// <param name="Kind">What enforces it.</param>
/// <param name="Columns">Its columns in order; an expression column is <see langword="null"/>.</param>
/// <param name="IsPartial">Whether a unique index has a WHERE clause.</param>
public sealed record CatalogKey(string Name, CatalogKeyKind Kind, IReadOnlyList<string?> Columns, bool IsPartial = false)
{
    /// <summary>Whether the key's columns include <paramref name="column"/>.</summary>
    /// <param name="column">A column name.</param>
    public bool Includes(string column) => Columns.Contains(column, StringComparer.Ordinal);
}
