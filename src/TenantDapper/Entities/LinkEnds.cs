using System.Reflection;
using System.Runtime.CompilerServices;
using TenantDapper.Mapping;
using TenantDapper.Syntax;

namespace TenantDapper.Entities;

/// <summary>
/// Which table each key column of a link class points at: <see cref="LinkTargetAttribute"/>, else the convention
/// <c>x_id</c> → the model's table <c>xs</c>, <c>xes</c> or <c>x</c>, column <c>id</c>. Resolved once per map.
/// </summary>
/// <remarks>
/// Not from the catalog's foreign keys: the check exists for the databases that lack the composite foreign
/// keys which would refuse a cross-tenant link, and those often have no foreign key at all; reading them would
/// also cost a round trip and catalog rights the core otherwise never needs. An end that neither names its
/// table nor matches exactly one table of the model is refused when the link set is created (fail closed).
/// </remarks>
internal static class LinkEnds
{
    private static readonly ConditionalWeakTable<EntityMap, IReadOnlyList<LinkEnd>> Cache = [];

    /// <summary>The ends of <paramref name="map"/>'s key under <paramref name="model"/>.</summary>
    /// <exception cref="EntityMappingException">A key column's table cannot be told.</exception>
    public static IReadOnlyList<LinkEnd> For(EntityMap map, TenantModel model) =>
        Cache.GetValue(map, m => [.. m.KeyColumns.Select(column => Resolve(m, column, model))]);

    private static LinkEnd Resolve(EntityMap map, ColumnMap column, TenantModel model)
    {
        var entity = map.EntityType.Name;
        if (column.Property.GetCustomAttribute<LinkTargetAttribute>() is { } target)
        {
            var table = TableName.Parse(target.Table);
            SqlIdentifier.Validate(target.Column);
            return new LinkEnd(column, table, target.Column, model.GetRole(table));
        }

        var names = Candidates(column.Name);
        var candidates = model.TenantTables.Select(t => t.Name).Concat(model.ReferenceTables)
            .Where(table => names.Contains(table.Name, StringComparer.Ordinal))
            .ToList();
        if (candidates.Count != 1)
        {
            throw new EntityMappingException(
                map.EntityType,
                $"{entity}.{column.Property.Name} is a key of the link, but TenantDapper cannot tell which table it points at ({(candidates.Count == 0 ? "no table of the tenant model matches its name" : "several tables of the tenant model match its name: " + string.Join(", ", candidates))}), so it could not check that the linked row belongs to the current tenant. Mark it [LinkTarget(\"table\")], with Column = \"...\" when the table's key is not 'id'.");
        }

        return new LinkEnd(column, candidates[0], "id", model.GetRole(candidates[0]));
    }

    /// <summary><c>project_id</c> → <c>projects</c>, <c>projectes</c>, <c>project</c>; <c>ProjectId</c> (exact naming) → <c>Projects</c>, ...</summary>
    private static string[] Candidates(string column)
    {
        var stem = column.EndsWith("_id", StringComparison.Ordinal) ? column[..^3]
            : column.EndsWith("Id", StringComparison.Ordinal) ? column[..^2]
            : null;
        return stem is null or "" ? [] : [stem + "s", stem + "es", stem];
    }
}
