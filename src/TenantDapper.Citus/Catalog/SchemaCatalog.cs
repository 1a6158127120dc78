using Npgsql;
using TenantDapper.Citus.Catalog;

namespace TenantDapper.Citus;

/// <summary>
/// The tables, columns, keys and foreign keys of a database, as far as a distribution plan needs
/// them. Read one from a live database with <see cref="ReadAsync"/>, or describe one in code.
/// </summary>
public sealed class SchemaCatalog
{
    private readonly Dictionary<TableName, CatalogTable> _tables;

    /// <summary>Describes a catalog.</summary>
    /// <param name="tables">Its tables; names are schema-qualified and unique.</param>
    /// <exception cref="ArgumentException">Two tables have the same name.</exception>
    internal SchemaCatalog(IEnumerable<CatalogTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Tables = [.. tables];
        _tables = [];
        foreach (var table in Tables)
        {
            if (!_tables.TryAdd(table.Name, table))
            {
                throw new ArgumentException($"Catalog table '{table.Name}' appears twice; describe each table once.", nameof(tables));
            }
        }
    }

    /// <summary>The tables, in the order they were read or given.</summary>
    public IReadOnlyList<CatalogTable> Tables { get; }

    /// <summary>Finds a table by its schema-qualified name.</summary>
    /// <param name="name">The schema-qualified name.</param>
    /// <param name="table">The table, when found.</param>
    /// <returns>Whether the catalog has the table.</returns>
    public bool TryGetTable(TableName name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CatalogTable? table) =>
        _tables.TryGetValue(name, out table);

    /// <summary>
    /// Reads the ordinary and partitioned tables of every user schema (not <c>pg_*</c>,
    /// <c>information_schema</c>, Citus' own schemas or tables owned by extensions) from
    /// <c>pg_catalog</c>: columns, primary and unique keys, unique indexes and foreign keys.
    /// </summary>
    /// <param name="connection">An open connection to the database.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public static Task<SchemaCatalog> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default) =>
        SchemaCatalogReader.ReadAsync(connection, cancellationToken);
}
