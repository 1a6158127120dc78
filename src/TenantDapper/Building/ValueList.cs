using System.Collections;

namespace TenantDapper.Building;

/// <summary>
/// Turns the values of <c>WhereIn</c> into one typed array (Npgsql sends <c>long[]</c> or <c>string[]</c>,
/// not <c>object[]</c>). An empty list stays an empty <c>object[]</c>; execution sends it untyped so
/// PostgreSQL takes the element type from the column.
/// </summary>
internal static class ValueList
{
    /// <summary>A list of one static element type is copied as it is (<c>long[]</c>, <c>List&lt;string&gt;</c>); others are inspected.</summary>
    public static Array ToArray<T>(IEnumerable<T> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return values is string || typeof(T) == typeof(object) || type.IsEnum || type.IsInterface || type.IsAbstract
            ? ToArray((IEnumerable)values)
            : values.ToArray();
    }

    public static Array ToArray(IEnumerable values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values is string)
        {
            throw new ArgumentException("WhereIn needs a list of values, not a single string. Wrap it: WhereIn(column, new[] { value }).", nameof(values));
        }

        var items = new List<object?>();
        Type? elementType = null;
        var hasNull = false;
        foreach (var item in values)
        {
            items.Add(item);
            if (item is null)
            {
                hasNull = true;
                continue;
            }

            var type = item.GetType();
            if (elementType is null)
            {
                elementType = type;
            }
            else if (elementType != type)
            {
                elementType = IsInteger(elementType) && IsInteger(type) ? typeof(long) : typeof(object);
            }
        }

        if (elementType is null)
        {
            return items.Count == 0 ? Array.Empty<object>() : (Array)new string?[items.Count];
        }

        if (elementType == typeof(object))
        {
            throw new ArgumentException("The values of a WhereIn list must all have the same type (they become one typed array parameter).", nameof(values));
        }

        if (hasNull && elementType.IsValueType)
        {
            elementType = typeof(Nullable<>).MakeGenericType(elementType);
        }

        var array = Array.CreateInstance(elementType, items.Count);
        var widen = (Nullable.GetUnderlyingType(elementType) ?? elementType) == typeof(long);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(widen && items[i] is { } v ? Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture) : items[i], i);
        }

        return array;
    }

    private static bool IsInteger(Type type) => type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte);
}
