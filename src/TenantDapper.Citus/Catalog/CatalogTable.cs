namespace TenantDapper.Citus;

/// <summary>A table of the catalog: its columns, keys and foreign keys.</summary>
public sealed class CatalogTable
{
    /// <summary>Describes a table.</summary>
    /// <param name="name">The schema-qualified name.</param>
    /// <param name="columns">The columns in order.</param>
    /// <param name="keys">Primary key, unique constraints and unique indexes.</param>
    /// <param name="foreignKeys">The foreign keys this table declares (it is the referencing side).</param>
    /// <param name="triggers">The names of its user triggers.</param>
    /// <param name="citus">How Citus already holds the table, or <see langword="null"/> for a table Citus does not know.</param>
    /// <exception cref="ArgumentException">The name is not schema-qualified.</exception>
    public CatalogTable(
        TableName name,
        IEnumerable<CatalogColumn> columns,
        IEnumerable<CatalogKey>? keys = null,
        IEnumerable<CatalogForeignKey>? foreignKeys = null,
        IEnumerable<string>? triggers = null,
        CitusPlacement? citus = null)
    {
        if (name.Schema is null)
        {
            throw new ArgumentException($"Catalog table '{name}' needs its schema: write it as 'schema.table'.", nameof(name));
        }

        ArgumentNullException.ThrowIfNull(columns);
        Name = name;
        Columns = [.. columns];
        Keys = [.. keys ?? []];
        ForeignKeys = [.. foreignKeys ?? []];
        Triggers = [.. triggers ?? []];
        Citus = citus;
    }

    /// <summary>The schema-qualified name.</summary>
    public TableName Name { get; }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<CatalogColumn> Columns { get; }

    /// <summary>Primary key, unique constraints and unique indexes.</summary>
    public IReadOnlyList<CatalogKey> Keys { get; }

    /// <summary>The foreign keys this table declares.</summary>
    public IReadOnlyList<CatalogForeignKey> ForeignKeys { get; }

    /// <summary>The names of its user triggers (not the ones PostgreSQL or Citus create internally).</summary>
    public IReadOnlyList<string> Triggers { get; }

    /// <summary>How Citus already holds the table (read from <c>pg_dist_partition</c>), or <see langword="null"/> for a table Citus does not know.</summary>
    public CitusPlacement? Citus { get; }

    /// <summary>The column named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">A column name, compared exactly.</param>
    public CatalogColumn? FindColumn(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <inheritdoc />
    public override string ToString() => Name.ToString();
}
