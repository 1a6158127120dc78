using System.Collections.Frozen;

namespace TenantDapper;

/// <summary>
/// Which tables are tenant tables and by which column, which are reference tables, and whether
/// touching an unregistered table is an error. Immutable; build one with <see cref="TenantModelBuilder"/>
/// and share it.
/// </summary>
public sealed class TenantModel
{
    private readonly FrozenDictionary<TableName, TenantTable> _tenantTables;
    private readonly FrozenSet<TableName> _referenceTables;
    private readonly FrozenSet<TableName> _globalTables;
    private readonly FrozenDictionary<string, TenantTable[]> _tenantTablesByName;
    private readonly FrozenSet<TableName> _safeFunctions;
    private readonly FrozenSet<string> _safeOperators;
    private readonly FrozenSet<TableName> _safeTypes;

    internal TenantModel(
        IReadOnlyList<TenantTable> tenantTables,
        IReadOnlyList<TableName> referenceTables,
        IReadOnlyList<TableName> globalTables,
        string defaultSchema,
        bool strict,
        Type? tenantKeyType,
        NamingConvention? naming = null,
        IReadOnlyList<TableName>? safeFunctions = null,
        IReadOnlyList<string>? safeOperators = null,
        IReadOnlyList<TableName>? safeTypes = null)
    {
        TenantTables = tenantTables;
        ReferenceTables = referenceTables;
        GlobalTables = globalTables;
        DefaultSchema = defaultSchema;
        IsStrict = strict;
        TenantKeyType = tenantKeyType;
        Naming = naming ?? NamingConvention.SnakeCase;
        Root = tenantTables.FirstOrDefault(t => t.IsRoot);
        _tenantTables = tenantTables.ToFrozenDictionary(t => Qualify(t.Name));
        _tenantTablesByName = tenantTables
            .GroupBy(t => t.Name.Name, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _referenceTables = referenceTables.Select(Qualify).ToFrozenSet();
        _globalTables = globalTables.Select(Qualify).ToFrozenSet();
        SafeFunctions = safeFunctions ?? [];
        _safeFunctions = SafeFunctions.Select(Qualify).ToFrozenSet();
        SafeOperators = safeOperators ?? [];
        _safeOperators = SafeOperators.ToFrozenSet(StringComparer.Ordinal);
        SafeTypes = safeTypes ?? [];
        _safeTypes = SafeTypes.Select(Qualify).ToFrozenSet();
    }

    /// <summary>The operators that are not PostgreSQL built-ins declared safe to use while a tenant is set (see <see cref="TenantModelBuilder.SafeOperator"/>).</summary>
    public IReadOnlyList<string> SafeOperators { get; }

    /// <summary>The types that are not PostgreSQL built-ins declared safe to cast to while a tenant is set (see <see cref="TenantModelBuilder.SafeType"/>).</summary>
    public IReadOnlyList<TableName> SafeTypes { get; }

    /// <summary>The functions declared safe to call while a tenant is set (see <see cref="TenantModelBuilder.SafeFunction"/>).</summary>
    public IReadOnlyList<TableName> SafeFunctions { get; }

    /// <summary>The tenant tables, the root first when there is one, in the order they were declared.</summary>
    public IReadOnlyList<TenantTable> TenantTables { get; }

    /// <summary>The reference tables, shared by every tenant.</summary>
    public IReadOnlyList<TableName> ReferenceTables { get; }

    /// <summary>Tables declared global: shared by every tenant, allowed in strict mode.</summary>
    public IReadOnlyList<TableName> GlobalTables { get; }

    /// <summary>The tenant root table (e.g. <c>accounts</c>), if one was declared.</summary>
    public TenantTable? Root { get; }

    /// <summary>The schema an unqualified table name resolves to (<c>public</c> unless configured).</summary>
    public string DefaultSchema { get; }

    /// <summary>Whether touching a table that is not registered is an error.</summary>
    public bool IsStrict { get; }

    /// <summary>The CLR type of tenant keys (<see cref="long"/>, <see cref="int"/>, <see cref="Guid"/> or <see cref="string"/>), if declared.</summary>
    public Type? TenantKeyType { get; }

    /// <summary>How entity classes and properties without a <c>[Table]</c> or <c>[Column]</c> attribute are named (snake_case unless configured).</summary>
    public NamingConvention Naming { get; }

    /// <summary>
    /// Finds the tenant table a name could mean (<c>public.projects</c> and <c>projects</c> are the same table).
    /// Resolution is conservative, because PostgreSQL resolves an unqualified name through the connection's
    /// <c>search_path</c>, which the model cannot see: an unqualified name is a tenant table when a tenant
    /// table of that name is declared in any schema, and names match ignoring case (a name declared as
    /// <c>Projects</c> was most likely created unquoted, as <c>projects</c>).
    /// </summary>
    /// <param name="table">The table's name.</param>
    /// <param name="tenantTable">The tenant table, when found.</param>
    /// <returns>Whether <paramref name="table"/> is a tenant table.</returns>
    /// <exception cref="UnscopableSqlException">The name could mean tenant tables with different tenant columns; qualify it with its schema.</exception>
    public bool TryGetTenantTable(TableName table, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TenantTable? tenantTable)
    {
        tenantTable = ResolveTenant(table);
        return tenantTable is not null;
    }

    /// <summary>
    /// What <paramref name="table"/> is to this model; a name that could be a tenant table is one (see <see cref="TryGetTenantTable"/>).
    /// PostgreSQL's own relations (<c>pg_catalog</c>, <c>information_schema</c>, other <c>pg_*</c> schemas, and unqualified
    /// names of pg_catalog relations, which the server finds before the application's) are global when they only describe
    /// the schema; those that expose tenants' values, statistics, row counts or other sessions (<c>pg_stats</c>,
    /// <c>pg_stat_*</c>, <c>pg_class</c>, <c>pg_locks</c>, <c>pg_largeobject</c>, ...) are refused in every model unless
    /// declared with <see cref="TenantModelBuilder.GlobalTable"/> as <c>pg_catalog.name</c>.
    /// </summary>
    /// <param name="table">The table's name.</param>
    /// <exception cref="UnregisteredTableException">The model is strict and the table is not registered.</exception>
    /// <exception cref="UnscopableSqlException">The name could mean tenant tables with different tenant columns (qualify it with its schema), or it is a catalog relation that exposes every tenant's data.</exception>
    public TableRole GetRole(TableName table)
    {
        if (Tenancy.CatalogRelations.Resolve(table, this) is { } catalog)
        {
            return CatalogRole(table, catalog);
        }

        if (ResolveTenant(table) is not null)
        {
            return TableRole.Tenant;
        }

        var qualified = Qualify(table);
        if (_referenceTables.Contains(qualified))
        {
            return TableRole.Reference;
        }

        if (IsStrict && !_globalTables.Contains(qualified))
        {
            throw new UnregisteredTableException(table);
        }

        return TableRole.Global;
    }

    private TableRole CatalogRole(TableName table, TableName catalog)
    {
        if (_referenceTables.Contains(catalog))
        {
            return TableRole.Reference;
        }

        if (_globalTables.Contains(catalog))
        {
            return TableRole.Global;
        }

        var metadataOnly = Tenancy.CatalogRelations.IsMetadataOnly(catalog);
        if (metadataOnly && table.Schema is null && (_globalTables.Contains(Qualify(table)) || _referenceTables.Contains(Qualify(table))))
        {
            return TableRole.Global;
        }

        if (!metadataOnly)
        {
            throw new UnscopableSqlException(
                $"'{table}' is PostgreSQL's own relation {catalog}, which no tenant predicate can scope and which exposes every tenant's data, statistics, row counts or sessions (pg_stats holds column values, pg_stat_* and pg_class count rows, pg_stat_activity shows other sessions' statements). If every tenant may see it, declare it with TenantModelBuilder.GlobalTable(\"{catalog}\"); for admin work, read it inside CurrentTenant.Bypass(\"reason\").");
        }

        return IsStrict ? throw new UnregisteredTableException(table) : TableRole.Global;
    }

    /// <summary>Whether the model declares <paramref name="table"/> as a tenant, reference or global table.</summary>
    internal bool Declares(TableName table) =>
        _tenantTablesByName.ContainsKey(table.Name) || _referenceTables.Contains(Qualify(table)) || _globalTables.Contains(Qualify(table));

    private TenantTable? ResolveTenant(TableName table)
    {
        if (_tenantTables.Count == 0)
        {
            return null;
        }

        var exact = _tenantTables.GetValueOrDefault(Qualify(table));
        if (!_tenantTablesByName.TryGetValue(table.Name, out var named))
        {
            return exact;
        }

        TenantTable? found = exact;
        foreach (var candidate in named)
        {
            if (table.Schema is not null && !string.Equals(candidate.Name.Schema ?? DefaultSchema, table.Schema, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            found ??= candidate;
            if (!string.Equals(candidate.TenantColumn, found.TenantColumn, StringComparison.Ordinal))
            {
                throw new UnscopableSqlException(
                    $"The table name '{table}' could mean tenant table '{found.Name}' (by {found.TenantColumn}) or '{candidate.Name}' (by {candidate.TenantColumn}), depending on the connection's search_path and on case. Qualify it with its schema, exactly as the model declares it.");
            }
        }

        return found;
    }

    /// <summary>Whether a call of <paramref name="schema"/>.<paramref name="name"/> was declared safe; an unqualified name resolves to the default schema.</summary>
    internal bool IsSafeFunction(string? schema, string name) =>
        _safeFunctions.Count > 0 && _safeFunctions.Contains(Qualify(new TableName(schema, name)));

    /// <summary>Whether the operator <paramref name="name"/> was declared safe.</summary>
    internal bool IsSafeOperator(string name) => _safeOperators.Count > 0 && _safeOperators.Contains(name);

    /// <summary>Whether the type <paramref name="schema"/>.<paramref name="name"/> was declared safe; an unqualified name resolves to the default schema.</summary>
    internal bool IsSafeType(string? schema, string name) =>
        _safeTypes.Count > 0 && _safeTypes.Contains(Qualify(new TableName(schema, name)));

    private TableName Qualify(TableName table) =>
        table.Schema is null ? new TableName(DefaultSchema, table.Name) : table;
}
