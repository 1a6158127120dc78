using TenantDapper.Citus;

namespace TenantDapper.Tests.Unit.Citus;

/// <summary>Describes a catalog in a few lines, naming constraints the way PostgreSQL does.</summary>
internal sealed class TestCatalog
{
    private readonly List<CatalogTable> _tables = [];

    /// <summary>Adds <c>public.<paramref name="name"/></c> with columns written as <c>"account_id bigint, id bigint"</c>.</summary>
    public TestCatalog Table(string name, string columns, Action<TableSpec>? constraints = null)
    {
        var spec = new TableSpec(new TableName("public", name));
        constraints?.Invoke(spec);
        var parsed = columns.Split(',', StringSplitOptions.TrimEntries)
            .Select(c => c.Split(' ', 2))
            .Select(parts => new CatalogColumn(parts[0], parts[1], IsNotNull: false, spec.Identities.GetValueOrDefault(parts[0])));
        _tables.Add(new CatalogTable(spec.Name, parsed, spec.Keys, spec.ForeignKeys, citus: spec.Placement));
        return this;
    }

    public SchemaCatalog Build() => new(_tables);

    internal sealed class TableSpec(TableName name)
    {
        public TableName Name { get; } = name;

        public List<CatalogKey> Keys { get; } = [];

        public List<CatalogForeignKey> ForeignKeys { get; } = [];

        public Dictionary<string, ColumnIdentity> Identities { get; } = [];

        public CitusPlacement? Placement { get; private set; }

        /// <summary>Citus already distributes the table by <paramref name="column"/> in colocation group <paramref name="colocationId"/>.</summary>
        public TableSpec DistributedBy(string column, int colocationId = 1)
        {
            Placement = new CitusPlacement(CitusTableKind.Distributed, column, colocationId);
            return this;
        }

        /// <summary>Citus already holds the table as a reference table.</summary>
        public TableSpec ReferenceTable()
        {
            Placement = new CitusPlacement(CitusTableKind.Reference, null, 2);
            return this;
        }

        public TableSpec Identity(string column, ColumnIdentity identity = ColumnIdentity.ByDefault)
        {
            Identities[column] = identity;
            return this;
        }

        public TableSpec PrimaryKey(params string[] columns)
        {
            Keys.Add(new CatalogKey(Name.Name + "_pkey", CatalogKeyKind.PrimaryKey, columns));
            return this;
        }

        public TableSpec Unique(params string[] columns)
        {
            Keys.Add(new CatalogKey($"{Name.Name}_{string.Join("_", columns)}_key", CatalogKeyKind.Unique, columns));
            return this;
        }

        public TableSpec UniqueIndex(string indexName, params string?[] columns)
        {
            Keys.Add(new CatalogKey(indexName, CatalogKeyKind.UniqueIndex, columns));
            return this;
        }

        public TableSpec ForeignKey(string columns, string referencedTable, string referencedColumns, ForeignKeyAction onDelete = ForeignKeyAction.NoAction, ForeignKeyAction onUpdate = ForeignKeyAction.NoAction)
        {
            var from = columns.Split(',', StringSplitOptions.TrimEntries);
            ForeignKeys.Add(new CatalogForeignKey(
                $"{Name.Name}_{string.Join("_", from)}_fkey",
                Name,
                from,
                new TableName("public", referencedTable),
                referencedColumns.Split(',', StringSplitOptions.TrimEntries))
            {
                OnDelete = onDelete,
                OnUpdate = onUpdate,
            });
            return this;
        }
    }
}
