using System.Runtime.CompilerServices;
using TenantDapper.Building;
using TenantDapper.Mapping;

namespace TenantDapper.Entities;

/// <summary>
/// Builds the builder queries behind <see cref="EntitySet{TEntity}"/>. They name no tenant predicate of
/// their own: the query factory's tenant rewriter scopes them like any other statement.
/// </summary>
internal static class EntityStatements
{
    // The table, select list and read-back columns of each map, made at its first use rather than at every query.
    private static readonly ConditionalWeakTable<EntityMap, ParsedMap> Parsed = [];

    /// <summary><c>INSERT INTO table (columns) VALUES (...)</c>, the tenant column left to the rewriter when the entity names none.</summary>
    public static Query Insert(QueryFactory db, EntityMap map, object entity)
    {
        var values = new List<KeyValuePair<string, object?>>(map.InsertColumns.Count);
        foreach (var column in map.InsertColumns)
        {
            var value = column.GetValue(entity);
            if (column.IsTenantColumn && IsEmptyTenant(value))
            {
                // Left out, so the rewriter writes the current tenant; a value that is given is checked by it.
                continue;
            }

            values.Add(new(column.Name, column.ParameterValue(value)));
        }

        return On(db, map).AsInsert(values);
    }

    /// <summary>The columns an insert reads back into the entity (<c>RETURNING column AS "Property"</c>): generated ones and the tenant column.</summary>
    /// <remarks>The array is shared by every set of the map: read it, never change it.</remarks>
    public static string[] Returned(EntityMap map) => Of(map).Returned;

    /// <summary>A query of the factory on the entity's table, parsed once per map.</summary>
    public static Query On(QueryFactory db, EntityMap map) => db.Query().From(Of(map).Table);

    /// <summary><c>SELECT column AS "Property", ... FROM table</c>.</summary>
    public static Query Select(QueryFactory db, EntityMap map)
    {
        var parsed = Of(map);
        return db.Query().From(parsed.Table).SelectParsed(parsed.Columns);
    }

    /// <summary>Adds <c>key = @value</c> for each key column.</summary>
    /// <exception cref="ArgumentException">The number of values is not the number of key columns.</exception>
    public static Query WhereKey(Query query, EntityMap map, IReadOnlyList<object?> key)
    {
        RequireKey(map);
        if (key.Count != map.KeyColumns.Count)
        {
            throw new ArgumentException(
                $"{map.EntityType.Name} is keyed by {map.KeyColumns.Count} column(s) ({string.Join(", ", map.KeyColumns.Select(c => c.Property.Name))}) but {key.Count} value(s) were given. Pass one value per key column, in that order; the tenant column comes from the current tenant.",
                nameof(key));
        }

        for (var i = 0; i < key.Count; i++)
        {
            query.Where(map.KeyColumns[i].Name, key[i]);
        }

        return query;
    }

    /// <summary>Adds the entity's key and, when it names one, its tenant (so an entity of another tenant matches no row).</summary>
    public static Query WhereEntity(Query query, EntityMap map, object entity)
    {
        WhereKey(query, map, [.. map.KeyColumns.Select(c => c.GetValue(entity))]);
        if (map.TenantProperty is { IsKey: false } tenant && tenant.GetValue(entity) is var value && !IsEmptyTenant(value))
        {
            query.Where(tenant.Name, value);
        }

        return query;
    }

    /// <summary><c>UPDATE table SET every column but the key, the tenant column and generated ones WHERE key</c>.</summary>
    public static Query Update(QueryFactory db, EntityMap map, object entity)
    {
        var values = map.Columns
            .Where(c => !c.IsKey && !c.IsTenantColumn && !c.IsGenerated)
            .Select(c => new KeyValuePair<string, object?>(c.Name, c.GetParameterValue(entity)))
            .ToList();
        if (values.Count == 0)
        {
            throw new EntityMappingException(map.EntityType, $"{map.EntityType.Name} has no column an update can change: all are key, tenant or generated columns.");
        }

        return WhereEntity(On(db, map), map, entity).AsUpdate(values);
    }

    /// <summary>Copies the values an insert returned into the entity.</summary>
    public static void ReadBack(EntityMap map, object entity, IDictionary<string, object?> row)
    {
        foreach (var column in map.Columns)
        {
            if ((column.IsGenerated || column.IsTenantColumn) && row.TryGetValue(column.Property.Name, out var value))
            {
                column.SetValue(entity, ConvertTo(value, column));
            }
        }
    }

    /// <summary>Whether a tenant property holds no tenant: null, 0, <see cref="Guid.Empty"/> or an empty string.</summary>
    public static bool IsEmptyTenant(object? value) => value switch
    {
        null => true,
        long l => l == 0,
        int i => i == 0,
        Guid g => g == Guid.Empty,
        string s => string.IsNullOrWhiteSpace(s),
        _ => false,
    };

    private static void RequireKey(EntityMap map)
    {
        if (map.KeyColumns.Count == 0)
        {
            throw new EntityMappingException(map.EntityType, $"{map.EntityType.Name} has no key: mark its key properties [Key] or name the key property Id.");
        }
    }

    private static string Aliased(ColumnMap column) => column.Name + " as " + column.Property.Name;

    private static ParsedMap Of(EntityMap map) => Parsed.GetValue(map, static m => new ParsedMap(
        new TableFrom(Names.Table(m.Table.ToString())),
        [.. m.Columns.Select(c => SelectEntry.Of(Names.SelectColumn(Aliased(c))))],
        [.. m.Columns.Where(c => c.IsGenerated || c.IsTenantColumn).Select(Aliased)]));

    private sealed record ParsedMap(TableFrom Table, SelectEntry[] Columns, string[] Returned);

    private static object? ConvertTo(object? value, ColumnMap column)
    {
        if (value is null || value.GetType() == column.ValueType)
        {
            return value;
        }

        return column.ValueType.IsEnum
            ? Enum.ToObject(column.ValueType, value)
            : Convert.ChangeType(value, column.ValueType, System.Globalization.CultureInfo.InvariantCulture);
    }
}
