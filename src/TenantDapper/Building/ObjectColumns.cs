using System.Collections.Concurrent;
using System.Reflection;

namespace TenantDapper.Building;

/// <summary>
/// The columns and values of an object passed to <c>AsInsert</c>, <c>AsUpdate</c> or <c>Where(object)</c>:
/// its public readable properties, named as written (SqlKata's rule), or a dictionary's entries.
/// Property lists are cached per type.
/// </summary>
internal static class ObjectColumns
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static List<KeyValuePair<string, object?>> Read(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
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
        }

        var properties = Properties.GetOrAdd(data.GetType(), static type =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray());
        var result = new List<KeyValuePair<string, object?>>(properties.Length);
        foreach (var property in properties)
        {
            result.Add(new(property.Name, property.GetValue(data)));
        }

        return result;
    }
}
