namespace TenantDapper.Citus;

/// <summary>
/// Builds a tenant model for a distribution when there is no C# model at hand (the command-line
/// tool): the tables named explicitly, and, given a catalog, every other table of the default
/// schema with the tenant column as a tenant table and every table those reference as a reference table.
/// </summary>
internal sealed class TenantModelInference
{
    /// <summary>The tenant root table, e.g. <c>accounts</c>.</summary>
    public required string Root { get; init; }

    /// <summary>The root's key column; when <see langword="null"/>, its one-column primary key in the catalog, else <c>id</c>.</summary>
    public string? RootKeyColumn { get; init; }

    /// <summary>The tenant column tables of <see cref="DefaultSchema"/> are found by, e.g. <c>account_id</c>; <see langword="null"/> finds none.</summary>
    public string? TenantColumn { get; init; }

    /// <summary>Tenant tables named explicitly, with their tenant column (e.g. <c>comments</c> by <c>acc_id</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TenantTables { get; init; } = [];

    /// <summary>Reference tables named explicitly.</summary>
    public IReadOnlyList<string> ReferenceTables { get; init; } = [];

    /// <summary>Tables that stay local even when they have the tenant column.</summary>
    public IReadOnlyList<string> GlobalTables { get; init; } = [];

    /// <summary>The schema unqualified names resolve to.</summary>
    public string DefaultSchema { get; init; } = "public";

    /// <summary>Builds the model, from the explicit names alone when <paramref name="catalog"/> is <see langword="null"/>.</summary>
    /// <param name="catalog">The database's catalog, or <see langword="null"/>.</param>
    /// <exception cref="TenantModelException">A table is named twice.</exception>
    public TenantModel Infer(SchemaCatalog? catalog)
    {
        var root = Qualify(Root);
        var explicitTenants = TenantTables.Select(t => (Name: Qualify(t.Key), Column: t.Value)).ToList();
        var references = ReferenceTables.Select(Qualify).ToList();
        var globals = GlobalTables.Select(Qualify).ToList();
        var claimed = new HashSet<TableName>([root, .. explicitTenants.Select(t => t.Name), .. references, .. globals]);
        var inferredTenants = new List<TableName>();
        var inferredReferences = new List<TableName>();
        if (catalog is not null)
        {
            if (TenantColumn is not null)
            {
                inferredTenants.AddRange(catalog.Tables
                    .Where(t => t.Name.Schema == DefaultSchema && !claimed.Contains(t.Name) && t.FindColumn(TenantColumn) is not null)
                    .Select(t => t.Name));
                claimed.UnionWith(inferredTenants);
            }

            // Tables that tenant or reference tables point at must be reference tables in Citus.
            var pointing = new Queue<TableName>([root, .. explicitTenants.Select(t => t.Name), .. inferredTenants, .. references]);
            while (pointing.TryDequeue(out var table))
            {
                if (!catalog.TryGetTable(table, out var found))
                {
                    continue;
                }

                foreach (var referenced in found.ForeignKeys.Select(k => k.ReferencedTable))
                {
                    if (claimed.Add(referenced))
                    {
                        inferredReferences.Add(referenced);
                        pointing.Enqueue(referenced);
                    }
                }
            }
        }

        var builder = new TenantModelBuilder().DefaultSchema(DefaultSchema);
        foreach (var reference in references.Concat(inferredReferences))
        {
            builder.ReferenceTable(Spell(reference));
        }

        builder.TenantRoot(Spell(root), RootKeyColumn ?? RootKeyFromCatalog(catalog, root) ?? "id");
        foreach (var (name, column) in explicitTenants)
        {
            builder.TenantTable(Spell(name), column);
        }

        foreach (var name in inferredTenants)
        {
            builder.TenantTable(Spell(name), TenantColumn!);
        }

        foreach (var global in globals)
        {
            builder.GlobalTable(Spell(global));
        }

        return builder.Build();
    }

    private static string? RootKeyFromCatalog(SchemaCatalog? catalog, TableName root) =>
        catalog is not null && catalog.TryGetTable(root, out var table)
            && table.Keys.FirstOrDefault(k => k.Kind == CatalogKeyKind.PrimaryKey) is { Columns.Count: 1 } key
            ? key.Columns[0]
            : null;

    private TableName Qualify(string table)
    {
        var name = TableName.Parse(table);
        return name.Schema is null ? new TableName(DefaultSchema, name.Name) : name;
    }

    private string Spell(TableName name) => name.Schema == DefaultSchema ? name.Name : name.ToString();
}
