using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Mapping;

/// <summary>
/// How an entity class maps to its table under a tenant model: the table, the columns, the key (for a
/// tenant table the key with the tenant column in front, as Citus requires), the columns the database
/// generates and the property that holds the tenant column. Built once per class and model; see <see cref="EntityMaps"/>.
/// </summary>
internal sealed class EntityMap
{
    private EntityMap(Type entityType, TableName table, TableRole role, TenantTable? tenantTable, IReadOnlyList<ColumnMap> columns)
    {
        EntityType = entityType;
        Table = table;
        Role = role;
        TenantTable = tenantTable;
        Columns = columns;
        TenantProperty = columns.FirstOrDefault(c => c.IsTenantColumn);
        KeyColumns = [.. columns.Where(c => c.IsKey).OrderBy(KeyOrder)];
        GeneratedColumns = [.. columns.Where(c => c.IsGenerated)];
        InsertColumns = [.. columns.Where(c => !c.IsGenerated)];
        PrimaryKey = tenantTable is null || KeyColumns.Any(c => c.IsTenantColumn)
            ? [.. KeyColumns.Select(c => c.Name)]
            : [tenantTable.TenantColumn, .. KeyColumns.Select(c => c.Name)];
    }

    /// <summary>The entity class.</summary>
    public Type EntityType { get; }

    /// <summary>The table, from <see cref="TableAttribute"/> or the model's naming convention.</summary>
    public TableName Table { get; }

    /// <summary>What the table is to the tenant model.</summary>
    public TableRole Role { get; }

    /// <summary>The tenant table (with its tenant column), or <see langword="null"/> for a reference or global table.</summary>
    public TenantTable? TenantTable { get; }

    /// <summary>The tenant column's name, or <see langword="null"/> for a reference or global table.</summary>
    public string? TenantColumn => TenantTable?.TenantColumn;

    /// <summary>Every mapped property, in declaration order.</summary>
    public IReadOnlyList<ColumnMap> Columns { get; }

    /// <summary>The property that holds the tenant column, or <see langword="null"/> when the class has none (the column is then filled from the current tenant).</summary>
    public ColumnMap? TenantProperty { get; }

    /// <summary>
    /// The entity's own key: <c>[Key]</c> properties (in <c>[Column(Order = n)]</c> order, then
    /// declaration order) or, without any, the property <c>Id</c>.
    /// For a tenant table it does not include the tenant column, which always comes from the current tenant;
    /// for the tenant root it is the tenant column itself.
    /// </summary>
    public IReadOnlyList<ColumnMap> KeyColumns { get; }

    /// <summary>The table's whole key as column names: for a tenant table the tenant column first, e.g. <c>(account_id, id)</c>.</summary>
    public IReadOnlyList<string> PrimaryKey { get; }

    /// <summary>Columns the database fills (identity or computed): never inserted or updated, read back after an insert.</summary>
    public IReadOnlyList<ColumnMap> GeneratedColumns { get; }

    /// <summary>Columns an insert writes: every mapped column except the generated ones.</summary>
    public IReadOnlyList<ColumnMap> InsertColumns { get; }

    /// <summary>Maps <paramref name="entityType"/> under <paramref name="model"/>.</summary>
    /// <exception cref="EntityMappingException">The class cannot be mapped; the message says why.</exception>
    /// <exception cref="InvalidIdentifierException">A table or column name cannot be quoted safely.</exception>
    /// <exception cref="UnregisteredTableException">The model is strict and the table is not registered.</exception>
    public static EntityMap Create(Type entityType, TenantModel model)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        ArgumentNullException.ThrowIfNull(model);
        var naming = model.Naming;
        var tableAttribute = entityType.GetCustomAttribute<TableAttribute>();
        var table = new TableName(tableAttribute?.Schema, tableAttribute?.Name ?? naming.TableName(entityType.Name));
        SqlIdentifier.Validate(table.Name);
        if (table.Schema is not null)
        {
            SqlIdentifier.Validate(table.Schema);
        }

        var role = model.GetRole(table);
        TenantTable? tenantTable = null;
        if (role == TableRole.Tenant)
        {
            model.TryGetTenantTable(table, out tenantTable);
            SqlIdentifier.Validate(tenantTable!.TenantColumn);
        }

        CheckTenantAttributes(entityType, table, tenantTable);
        var candidates = MappedProperties(entityType);
        var explicitKeys = candidates.Where(MappingAttributes.IsKey).ToHashSet();
        var columns = new List<ColumnMap>(candidates.Count);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in candidates)
        {
            var columnAttribute = property.GetCustomAttribute<System.ComponentModel.DataAnnotations.Schema.ColumnAttribute>();
            var name = MappingAttributes.ColumnName(property) ?? naming.ColumnName(property.Name);
            SqlIdentifier.Validate(name);
            if (!names.Add(name))
            {
                throw new EntityMappingException(entityType, $"{entityType.Name} maps two properties to column '{name}'; give one of them another [Column(\"...\")] name or mark it [NotMapped].");
            }

            var isTenant = tenantTable is not null && string.Equals(name, tenantTable.TenantColumn, StringComparison.Ordinal);
            var isKey = explicitKeys.Count > 0
                ? explicitKeys.Contains(property) && (!isTenant || tenantTable!.IsRoot)
                : string.Equals(property.Name, "Id", StringComparison.OrdinalIgnoreCase) && (!isTenant || tenantTable!.IsRoot);
            if (isTenant)
            {
                CheckTenantProperty(entityType, property, tenantTable!, model);
            }

            columns.Add(new ColumnMap(property, name, columnAttribute?.TypeName, isKey, isTenant, DatabaseGeneratedOption.None));
        }

        if (columns.Count == 0)
        {
            throw new EntityMappingException(entityType, $"{entityType.Name} has no property to map: give it public properties with a getter and a setter.");
        }

        return new EntityMap(entityType, table, role, tenantTable, WithGeneration(columns));
    }

    /// <inheritdoc />
    public override string ToString() => $"{EntityType.Name} -> {Table}";

    /// <summary>A composite key is in <c>[Column(Order = n)]</c> order, then in declaration order.</summary>
    private static int KeyOrder(ColumnMap column) =>
        column.Property.GetCustomAttribute<System.ComponentModel.DataAnnotations.Schema.ColumnAttribute>() is { Order: >= 0 } attribute ? attribute.Order : int.MaxValue;

    /// <summary>
    /// Public instance properties with a getter and a setter, without <see cref="NotMappedAttribute"/> or <see cref="TenantDapper.Mapping.IgnoreAttribute"/>,
    /// in declaration order (base class first).
    /// </summary>
    private static List<PropertyInfo> MappedProperties(Type entityType)
    {
        var properties = new List<PropertyInfo>();
        foreach (var property in entityType.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(DeclarationDepth(entityType)).ThenBy(p => p.MetadataToken))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true } || property.SetMethod is null
                || MappingAttributes.IsIgnored(property))
            {
                continue;
            }

            if (!ColumnTypes.IsMappable(property.PropertyType) && property.GetCustomAttribute<System.ComponentModel.DataAnnotations.Schema.ColumnAttribute>()?.TypeName is null)
            {
                throw new EntityMappingException(
                    entityType,
                    $"{entityType.Name}.{property.Name} is a {property.PropertyType.Name}, which does not map to a column by itself. Mark it [NotMapped], or store it as a JSON document with [Column(TypeName = \"jsonb\")] (or \"json\"): TenantDapper then writes and reads it with System.Text.Json.");
            }

            properties.Add(property);
        }

        return properties;
    }

    private static Func<PropertyInfo, int> DeclarationDepth(Type entityType) => property =>
    {
        var depth = 0;
        for (var type = entityType; type is not null && type != property.DeclaringType; type = type.BaseType)
        {
            depth--;
        }

        return depth;
    };

    /// <summary>
    /// <see cref="DatabaseGeneratedAttribute"/> decides; without it, a key of one integer column that is
    /// not the tenant column is an identity (the sample schema's <c>id bigint GENERATED BY DEFAULT AS IDENTITY</c>).
    /// </summary>
    private static List<ColumnMap> WithGeneration(List<ColumnMap> columns)
    {
        var keys = columns.Where(c => c.IsKey).ToList();
        var conventionalIdentity = keys.Count == 1 && !keys[0].IsTenantColumn && ColumnTypes.IsInteger(keys[0].Property.PropertyType) ? keys[0] : null;
        return columns.ConvertAll(column =>
        {
            var generated = column.Property.GetCustomAttribute<DatabaseGeneratedAttribute>()?.DatabaseGeneratedOption
                ?? (column == conventionalIdentity ? DatabaseGeneratedOption.Identity : DatabaseGeneratedOption.None);
            if (generated != DatabaseGeneratedOption.None && column.IsTenantColumn)
            {
                throw new EntityMappingException(
                    column.Property.DeclaringType!,
                    $"{column.Property.DeclaringType!.Name}.{column.Property.Name} holds the tenant column '{column.Name}', which TenantDapper fills from the current tenant; remove its [DatabaseGenerated].");
            }

            return generated == column.Generation
                ? column
                : new ColumnMap(column.Property, column.Name, column.StoreType, column.IsKey, column.IsTenantColumn, generated);
        });
    }

    private static void CheckTenantProperty(Type entityType, PropertyInfo property, TenantTable tenantTable, TenantModel model)
    {
        var valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (!TenantKeys.IsSupportedType(valueType))
        {
            throw new EntityMappingException(
                entityType,
                $"{entityType.Name}.{property.Name} holds tenant column '{tenantTable.TenantColumn}' but is a {valueType.Name}; make it a long, int, Guid or string like the tenant key.");
        }

        if (model.TenantKeyType is not null && model.TenantKeyType != valueType)
        {
            throw new EntityMappingException(
                entityType,
                $"{entityType.Name}.{property.Name} holds tenant column '{tenantTable.TenantColumn}' but is a {valueType.Name} while the tenant model's keys are {model.TenantKeyType.Name}; make the property a {model.TenantKeyType.Name}.");
        }
    }

    /// <summary>Refuses a class whose tenant attributes say something other than the model: it would be written without the checks the attributes promise.</summary>
    private static void CheckTenantAttributes(Type entityType, TableName table, TenantTable? tenantTable)
    {
        var declaredColumn = entityType.GetCustomAttribute<TenantTableAttribute>()?.TenantColumn
            ?? entityType.GetCustomAttribute<TenantRootAttribute>()?.KeyColumn;
        if (declaredColumn is not null && !string.Equals(declaredColumn, tenantTable?.TenantColumn, StringComparison.Ordinal))
        {
            throw new EntityMappingException(
                entityType,
                tenantTable is null
                    ? $"{entityType.Name} is marked as a tenant table by '{declaredColumn}' but the tenant model does not register '{table}' as one. Build the model with .Entity<{entityType.Name}>() or .TenantTable(\"{table}\", \"{declaredColumn}\")."
                    : $"{entityType.Name} is marked as a tenant table by '{declaredColumn}' but the tenant model scopes '{table}' by '{tenantTable.TenantColumn}'; make them agree.");
        }

        if (entityType.GetCustomAttribute<ReferenceTableAttribute>() is not null && tenantTable is not null)
        {
            throw new EntityMappingException(
                entityType,
                $"{entityType.Name} is marked [ReferenceTable] but the tenant model scopes '{table}' by '{tenantTable.TenantColumn}'; make them agree.");
        }
    }
}
