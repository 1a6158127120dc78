using System.Collections.Concurrent;
using System.Reflection;
using TenantDapper.Mapping;

namespace TenantDapper.Building;

/// <summary>
/// The columns and values of an object passed to <c>AsInsert</c>, <c>AsUpdate</c> or <c>Where(object)</c>, or a
/// dictionary's entries. For a write, SqlKata's mapping attributes apply (<c>[Column("name")]</c>, <c>[Ignore]</c>,
/// <c>[Key]</c>, and their DataAnnotations twins); otherwise a property is named as written. Property lists are cached per type.
/// </summary>
internal static class ObjectColumns
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();
    private static readonly ConcurrentDictionary<Type, MappedProperty[]> Mapped = new();

    /// <summary>The pairs of <paramref name="data"/>, each property named as written (SqlKata's <c>Where(object)</c>).</summary>
    public static List<KeyValuePair<string, object?>> Read(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Entries(data) is { } entries)
        {
            return entries;
        }

        var properties = Properties.GetOrAdd(data.GetType(), static type => Readable(type).ToArray());
        var result = new List<KeyValuePair<string, object?>>(properties.Length);
        foreach (var property in properties)
        {
            result.Add(new(property.Name, property.GetValue(data)));
        }

        return result;
    }

    /// <summary>The pairs a write takes from <paramref name="data"/> with the mapping attributes applied, and the <c>[Key]</c> pairs among them.</summary>
    public static (List<KeyValuePair<string, object?>> Values, List<KeyValuePair<string, object?>> Keys) ReadForWrite(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (Entries(data) is { } entries)
        {
            return (entries, []);
        }

        var properties = Mapped.GetOrAdd(data.GetType(), static type => Readable(type)
            .Where(p => !MappingAttributes.IsIgnored(p))
            .Select(p => new MappedProperty(p, MappingAttributes.ColumnName(p) ?? p.Name, MappingAttributes.IsKey(p)))
            .ToArray());
        var values = new List<KeyValuePair<string, object?>>(properties.Length);
        var keys = new List<KeyValuePair<string, object?>>();
        foreach (var mapped in properties)
        {
            var pair = new KeyValuePair<string, object?>(mapped.Column, mapped.Property.GetValue(data));
            values.Add(pair);
            if (mapped.IsKey)
            {
                keys.Add(pair);
            }
        }

        return (values, keys);
    }

    private static List<KeyValuePair<string, object?>>? Entries(object data)
    {
        switch (data)
        {
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return [.. pairs];
            case System.Collections.IDictionary dictionary:
                var entries = new List<KeyValuePair<string, object?>>(dictionary.Count);
                foreach (System.Collections.DictionaryEntry entry in dictionary)
                {
                    entries.Add(new(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!, entry.Value));
                }

                return entries;
            default:
                return null;
        }
    }

    private static IEnumerable<PropertyInfo> Readable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0);

    private sealed record MappedProperty(PropertyInfo Property, string Column, bool IsKey);
}
