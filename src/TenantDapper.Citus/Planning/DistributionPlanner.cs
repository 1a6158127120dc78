using TenantDapper.Citus.Catalog;

namespace TenantDapper.Citus;

/// <summary>
/// Plans the Citus distribution of a tenant model: reference tables, the tenant root, the tables
/// colocated with it, and, given the database catalog, the constraint changes Citus needs and the
/// problems it cannot fix alone.
/// </summary>
public static class DistributionPlanner
{
    /// <summary>
    /// Plans from the tenant model alone. Without the catalog the plan knows no constraints: its
    /// script only calls <c>create_reference_table</c> and <c>create_distributed_table</c>.
    /// </summary>
    /// <param name="model">The tenant model.</param>
    public static DistributionPlan Plan(TenantModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tables = model.TenantTables
            .Select(t => new DistributedTable(Qualify(model, t.Name), t.TenantColumn, null))
            .ToList();
        return new DistributionPlan(
            model,
            isFromCatalog: false,
            [.. model.ReferenceTables.Select(t => Qualify(model, t))],
            Colocate(tables),
            [],
            [],
            [],
            []);
    }

    /// <summary>Plans from the tenant model checked against the database catalog.</summary>
    /// <param name="model">The tenant model.</param>
    /// <param name="catalog">The database's catalog, e.g. from <see cref="SchemaCatalog.ReadAsync"/>.</param>
    public static DistributionPlan Plan(TenantModel model, SchemaCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(catalog);
        return new CatalogPlanning(model, catalog).Run();
    }

    internal static TableName Qualify(TenantModel model, TableName table) =>
        table.Schema is null ? new TableName(model.DefaultSchema, table.Name) : table;

    internal static List<DistributedTable> Colocate(List<DistributedTable> ordered)
    {
        if (ordered.Count == 0)
        {
            return ordered;
        }

        var root = ordered[0].Table;
        return [ordered[0], .. ordered.Skip(1).Select(t => t with { ColocateWith = root })];
    }

    /// <summary>One planning run over a catalog.</summary>
    private sealed class CatalogPlanning(TenantModel model, SchemaCatalog catalog)
    {
        private readonly Dictionary<TableName, string> _tenantColumns = [];
        private readonly HashSet<TableName> _referenceTables = [];
        private readonly List<DistributionProblem> _problems = [];
        private readonly List<CatalogForeignKey> _drops = [];
        private readonly List<CatalogForeignKey> _creates = [];
        private readonly List<KeyChange> _keyChanges = [];
        private readonly HashSet<TableName> _completed = [];
        private readonly List<CatalogForeignKey> _inPlace = [];

        private enum Placement
        {
            Local,
            Reference,
            Distributed,
        }

        public DistributionPlan Run()
        {
            var tenantTables = model.TenantTables.Select(t => (Name: Qualify(model, t.Name), t.TenantColumn)).ToList();
            var referenceTables = model.ReferenceTables.Select(t => Qualify(model, t)).ToList();
            foreach (var (name, column) in tenantTables)
            {
                _tenantColumns[name] = column;
            }

            _referenceTables.UnionWith(referenceTables);
            foreach (var name in tenantTables.Select(t => t.Name).Concat(referenceTables))
            {
                if (!catalog.TryGetTable(name, out _))
                {
                    Problem(DistributionProblemKind.MissingTable, name, null, "is in the tenant model but not in the database; create it, or remove it from the model (or check the model's default schema).");
                }
            }

            var orderedReference = OrderParentsFirst(referenceTables, first: null);
            var orderedTenant = OrderParentsFirst(tenantTables.Select(t => t.Name).ToList(), first: tenantTables.Count == 0 ? null : tenantTables[0].Name);
            CheckCitusPlacement(orderedReference, orderedTenant);
            CheckTriggers(orderedReference.Concat(orderedTenant).Where(t => !_completed.Contains(t)).ToList());
            CheckTenantColumns(tenantTables);
            CheckKeys([.. orderedTenant.Select(t => (t, _tenantColumns[t]))]);
            foreach (var table in catalog.Tables)
            {
                foreach (var foreignKey in table.ForeignKeys)
                {
                    PlanForeignKey(foreignKey);
                }
            }

            var distributed = orderedTenant.Select(t => new DistributedTable(t, _tenantColumns[t], null)).ToList();
            var identities = orderedReference.Concat(orderedTenant)
                .SelectMany(t => catalog.TryGetTable(t, out var table) ? table.Columns.Where(c => c.Identity != ColumnIdentity.None).Select(c => new IdentityColumn(t, c.Name, c.Identity)) : Enumerable.Empty<IdentityColumn>())
                .ToList();
            return new DistributionPlan(
                model,
                isFromCatalog: true,
                orderedReference,
                Colocate(distributed),
                _drops,
                _keyChanges,
                _creates,
                _problems,
                _completed,
                identities,
                _inPlace);
        }

        // What Citus holds already: a table placed as planned is done (the script leaves it alone); a table
        // placed otherwise is a problem, since only undistribute_table can change it.
        private void CheckCitusPlacement(List<TableName> referenceTables, List<TableName> tenantTables)
        {
            foreach (var name in referenceTables)
            {
                var placement = PlacementIn(name);
                if (placement?.Kind == CitusTableKind.Reference)
                {
                    _completed.Add(name);
                }
                else if (placement?.Kind == CitusTableKind.Distributed)
                {
                    Problem(DistributionProblemKind.AlreadyPlacedOtherwise, name, placement.DistributionColumn, $"is planned as a reference table but Citus already distributes it by {placement.DistributionColumn}; run SELECT undistribute_table('{name}') first, or declare it a tenant table.");
                }
            }

            var root = tenantTables.Count == 0 ? null : PlacementIn(tenantTables[0]);
            foreach (var name in tenantTables)
            {
                var placement = PlacementIn(name);
                var column = _tenantColumns[name];
                if (placement is null || placement.Kind == CitusTableKind.Other)
                {
                    continue;
                }

                if (placement.Kind == CitusTableKind.Reference)
                {
                    Problem(DistributionProblemKind.AlreadyPlacedOtherwise, name, column, $"is planned as a tenant table but Citus already holds it as a reference table; run SELECT undistribute_table('{name}') first, or declare it a reference table.");
                }
                else if (!string.Equals(placement.DistributionColumn, column, StringComparison.Ordinal))
                {
                    Problem(DistributionProblemKind.AlreadyPlacedOtherwise, name, column, $"is already distributed by {placement.DistributionColumn}, not by its tenant column {column}; run SELECT alter_distributed_table('{name}', distribution_column := '{column}') or undistribute_table it first.");
                }
                else if (root?.Kind != CitusTableKind.Distributed || root.ColocationId != placement.ColocationId)
                {
                    Problem(DistributionProblemKind.AlreadyPlacedOtherwise, name, column, $"is already distributed by {column} but not colocated with {tenantTables[0]}; run SELECT update_distributed_table_colocation('{name}', colocate_with => '{tenantTables[0]}') (or undistribute_table it) first.");
                }
                else
                {
                    _completed.Add(name);
                }
            }
        }

        private CitusPlacement? PlacementIn(TableName name) => catalog.TryGetTable(name, out var table) ? table.Citus : null;

        private void CheckTriggers(List<TableName> tables)
        {
            foreach (var name in tables)
            {
                if (catalog.TryGetTable(name, out var table) && table.Triggers.Count > 0)
                {
                    Problem(DistributionProblemKind.TableHasTriggers, name, null, $"has triggers ({string.Join(", ", table.Triggers)}); Citus refuses to distribute a table with triggers unless citus.enable_unsafe_triggers is on, and then each fires on one shard with that shard's rows only. Drop them (or move their work into the application) before distributing.");
                }
            }
        }

        private void CheckTenantColumns(List<(TableName Name, string TenantColumn)> tenantTables)
        {
            (TableName Table, CatalogColumn Column)? anchor = null;
            foreach (var (name, tenantColumn) in tenantTables)
            {
                if (!catalog.TryGetTable(name, out var table))
                {
                    continue;
                }

                var column = table.FindColumn(tenantColumn);
                if (column is null)
                {
                    Problem(DistributionProblemKind.MissingTenantColumn, name, tenantColumn, $"the tenant table has no tenant column '{tenantColumn}'; add it (NOT NULL, the type of the root's key) and fill it from the parent rows, or declare the table's real tenant column in the model.");
                    continue;
                }

                if (anchor is null)
                {
                    anchor = (name, column);
                    CheckModelKeyType(name, column);
                }
                else if (!string.Equals(column.Type, anchor.Value.Column.Type, StringComparison.Ordinal))
                {
                    Problem(DistributionProblemKind.TenantColumnTypeMismatch, name, tenantColumn, $"is {column.Type} but {anchor.Value.Table}.{anchor.Value.Column.Name} is {anchor.Value.Column.Type}; colocated tables need one distribution column type: ALTER the column to {anchor.Value.Column.Type}.");
                }
            }
        }

        private void CheckModelKeyType(TableName table, CatalogColumn column)
        {
            var expected = model.TenantKeyType;
            if (expected is null)
            {
                return;
            }

            var matches = expected == typeof(long) ? column.Type == "bigint"
                : expected == typeof(int) ? column.Type == "integer"
                : expected == typeof(Guid) ? column.Type == "uuid"
                : column.Type == "text" || column.Type.StartsWith("character", StringComparison.Ordinal);
            if (!matches)
            {
                Problem(DistributionProblemKind.TenantColumnTypeMismatch, table, column.Name, $"is {column.Type} but the tenant model declares tenant keys of type {expected.Name}; make the column's type match, or declare the key type the column has.");
            }
        }

        private void CheckKeys(List<(TableName Name, string TenantColumn)> tenantTables)
        {
            var rootName = model.Root is null ? (TableName?)null : Qualify(model, model.Root.Name);
            foreach (var (name, tenantColumn) in tenantTables)
            {
                if (!catalog.TryGetTable(name, out var table) || table.FindColumn(tenantColumn) is null)
                {
                    continue;
                }

                foreach (var key in table.Keys.Where(k => !k.Includes(tenantColumn)))
                {
                    var keyColumns = string.Join(", ", key.Columns.Select(c => c ?? "(expression)"));
                    if (name == rootName)
                    {
                        Problem(DistributionProblemKind.RootKeyWithoutTenantColumn, name, key.Columns.FirstOrDefault(), $"{Describe(key)} ({keyColumns}) of the tenant root does not include '{tenantColumn}'; Citus requires it, and with it the key would no longer be unique across tenants. Drop it or enforce the rule another way.");
                    }
                    else if (key.Kind == CatalogKeyKind.UniqueIndex)
                    {
                        Problem(DistributionProblemKind.UniqueIndexWithoutTenantColumn, name, tenantColumn, $"unique index {key.Name} ({keyColumns}) does not include the tenant column; re-create it with '{tenantColumn}' as its first column (uniqueness then holds per tenant).");
                    }
                    else
                    {
                        _keyChanges.Add(new KeyChange(name, key, [tenantColumn, .. key.Columns.Select(c => c!)]));
                    }
                }
            }
        }

        private void PlanForeignKey(CatalogForeignKey key)
        {
            var from = PlacementOf(key.Table);
            var to = PlacementOf(key.ReferencedTable);
            var columns = string.Join(", ", key.Columns);
            switch (from, to)
            {
                case (Placement.Local, Placement.Local):
                    return;
                case (Placement.Local, _):
                    Problem(DistributionProblemKind.LocalTableReferencesCitusTable, key.Table, key.Columns[0], $"foreign key {key.Name} ({columns}) references {key.ReferencedTable}, which Citus will {(to == Placement.Reference ? "replicate" : "distribute")}, but {key.Table} stays local; declare {key.Table} a tenant or reference table, or drop the key.");
                    return;
                case (_, Placement.Local):
                    Problem(DistributionProblemKind.ReferencesLocalTable, key.Table, key.Columns[0], $"foreign key {key.Name} ({columns}) references {key.ReferencedTable}, which stays local; declare {key.ReferencedTable} a reference table (shared rows) or a tenant table, or drop the key.");
                    return;
                case (Placement.Reference, Placement.Distributed):
                    Problem(DistributionProblemKind.ReferenceTableReferencesDistributedTable, key.Table, key.Columns[0], $"foreign key {key.Name} ({columns}) of the reference table references the distributed table {key.ReferencedTable}; Citus does not support it. Make {key.Table} a tenant table or drop the key.");
                    return;
                case (Placement.Reference, Placement.Reference):
                    Keep(key, key);
                    return;
                case (Placement.Distributed, Placement.Reference):
                    CheckActions(key, key);
                    return;
                default:
                    PlanDistributedForeignKey(key);
                    return;
            }
        }

        private void PlanDistributedForeignKey(CatalogForeignKey key)
        {
            var tenantColumn = _tenantColumns[key.Table];
            var referencedTenantColumn = _tenantColumns[key.ReferencedTable];
            if (!HasColumn(key.Table, tenantColumn) || !HasColumn(key.ReferencedTable, referencedTenantColumn))
            {
                return;
            }

            var at = IndexOf(key.Columns, tenantColumn);
            var referencedAt = IndexOf(key.ReferencedColumns, referencedTenantColumn);
            if (at >= 0 && at == referencedAt)
            {
                CheckActions(key, key);
            }
            else if (at < 0 && referencedAt < 0)
            {
                CheckActions(key, key with
                {
                    Columns = [tenantColumn, .. key.Columns],
                    ReferencedColumns = [referencedTenantColumn, .. key.ReferencedColumns],
                });
            }
            else
            {
                Problem(DistributionProblemKind.MisalignedForeignKey, key.Table, at >= 0 ? tenantColumn : key.Columns[Math.Max(referencedAt, 0)], $"foreign key {key.Name} ({string.Join(", ", key.Columns)}) -> {key.ReferencedTable} ({string.Join(", ", key.ReferencedColumns)}) does not pair {tenantColumn} with {key.ReferencedTable}.{referencedTenantColumn}; re-declare it as ({tenantColumn}, ...) REFERENCES {key.ReferencedTable} ({referencedTenantColumn}, ...).");
            }
        }

        private void CheckActions(CatalogForeignKey original, CatalogForeignKey planned)
        {
            var tenantColumn = _tenantColumns[planned.Table];
            if (planned.Columns.Contains(tenantColumn, StringComparer.Ordinal))
            {
                if (planned.OnDelete is ForeignKeyAction.SetNull or ForeignKeyAction.SetDefault)
                {
                    Problem(DistributionProblemKind.UnsupportedForeignKeyAction, planned.Table, tenantColumn, $"foreign key {planned.Name} has ON DELETE {planned.OnDelete.ToSql()}, which Citus refuses when the key includes the distribution column; use CASCADE, RESTRICT or NO ACTION.");
                    return;
                }

                if (planned.OnUpdate is ForeignKeyAction.SetNull or ForeignKeyAction.SetDefault or ForeignKeyAction.Cascade)
                {
                    Problem(DistributionProblemKind.UnsupportedForeignKeyAction, planned.Table, tenantColumn, $"foreign key {planned.Name} has ON UPDATE {planned.OnUpdate.ToSql()}, which Citus refuses when the key includes the distribution column; use RESTRICT or NO ACTION.");
                    return;
                }
            }

            Keep(original, planned);
        }

        private void Keep(CatalogForeignKey original, CatalogForeignKey planned)
        {
            // Between tables Citus already holds as planned a foreign key that needs no change stays.
            if (ReferenceEquals(original, planned) && _completed.Contains(original.Table) && _completed.Contains(original.ReferencedTable))
            {
                _inPlace.Add(original);
                return;
            }

            _drops.Add(original);
            _creates.Add(planned);
        }

        private Placement PlacementOf(TableName table) =>
            _tenantColumns.ContainsKey(table) ? Placement.Distributed
            : _referenceTables.Contains(table) ? Placement.Reference
            : Placement.Local;

        private bool HasColumn(TableName table, string column) =>
            catalog.TryGetTable(table, out var found) && found.FindColumn(column) is not null;

        // Parents before children along the foreign keys among the given tables; ties and cycles
        // fall back to the model's order, so the output is stable.
        private List<TableName> OrderParentsFirst(List<TableName> tables, TableName? first)
        {
            var members = tables.ToHashSet();
            var parents = tables.ToDictionary(
                t => t,
                t => catalog.TryGetTable(t, out var table)
                    ? table.ForeignKeys.Select(k => k.ReferencedTable).Where(p => p != t && members.Contains(p)).ToHashSet()
                    : []);
            var ordered = new List<TableName>();
            var placed = new HashSet<TableName>();
            if (first is { } start)
            {
                ordered.Add(start);
                placed.Add(start);
            }

            while (ordered.Count < tables.Count)
            {
                var remaining = tables.Where(t => !placed.Contains(t)).ToList();
                var next = remaining.FirstOrDefault(t => parents[t].All(placed.Contains), remaining[0]);
                ordered.Add(next);
                placed.Add(next);
            }

            return ordered;
        }

        private void Problem(DistributionProblemKind kind, TableName table, string? column, string message) =>
            _problems.Add(new DistributionProblem(kind, table, column, message));

        private static int IndexOf(IReadOnlyList<string> columns, string column)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (string.Equals(columns[i], column, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        private static string Describe(CatalogKey key) => key.Kind switch
        {
            CatalogKeyKind.PrimaryKey => $"primary key {key.Name}",
            CatalogKeyKind.Unique => $"unique constraint {key.Name}",
            _ => $"unique index {key.Name}",
        };
    }
}
