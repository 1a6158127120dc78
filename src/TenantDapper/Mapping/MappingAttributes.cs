using System.Reflection;
using Annotations = System.ComponentModel.DataAnnotations;
using Schema = System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Mapping;

/// <summary>
/// Reads a property's mapping attributes, SqlKata's (<see cref="TenantDapper.Mapping.ColumnAttribute"/>, <see cref="TenantDapper.Mapping.KeyAttribute"/>,
/// <see cref="TenantDapper.Mapping.IgnoreAttribute"/>) and DataAnnotations' (<c>[Column]</c>, <c>[Key]</c>, <c>[NotMapped]</c>) alike, so one
/// class maps the same way whether it is given to the builder or to <c>db.Entities&lt;T&gt;()</c>.
/// </summary>
internal static class MappingAttributes
{
    /// <summary>Whether the property is left out (<c>[Ignore]</c> or <c>[NotMapped]</c>).</summary>
    public static bool IsIgnored(PropertyInfo property) =>
        property.IsDefined(typeof(TenantDapper.Mapping.IgnoreAttribute), inherit: true) || property.IsDefined(typeof(Schema.NotMappedAttribute), inherit: true);

    /// <summary>The column named by an attribute, or <see langword="null"/> when none names it.</summary>
    public static string? ColumnName(PropertyInfo property)
    {
        // [Key] is a ColumnAttribute too, so a property may carry [Key] and [Column("name")]: the one with a name wins.
        foreach (var attribute in property.GetCustomAttributes<TenantDapper.Mapping.ColumnAttribute>(inherit: true))
        {
            if (attribute.Name is not null)
            {
                return attribute.Name;
            }
        }

        return property.GetCustomAttribute<Schema.ColumnAttribute>()?.Name;
    }

    /// <summary>Whether the property is marked as a key (<c>[Key]</c> of either kind).</summary>
    public static bool IsKey(PropertyInfo property) =>
        property.IsDefined(typeof(TenantDapper.Mapping.KeyAttribute), inherit: true) || property.IsDefined(typeof(Annotations.KeyAttribute), inherit: true);
}
