namespace TenantDapper.Mapping;

/// <summary>Which property types map to a column without a <c>[Column(TypeName = ...)]</c> that names the PostgreSQL type.</summary>
internal static class ColumnTypes
{
    private static readonly HashSet<Type> Scalars =
    [
        typeof(bool), typeof(short), typeof(int), typeof(long), typeof(float), typeof(double), typeof(decimal),
        typeof(string), typeof(Guid), typeof(DateTime), typeof(DateTimeOffset), typeof(DateOnly), typeof(TimeOnly),
        typeof(TimeSpan), typeof(byte[]),
    ];

    /// <summary>Whether <paramref name="type"/> (a scalar, an enum, an array of scalars, or a nullable of them) maps to a column.</summary>
    public static bool IsMappable(Type type)
    {
        var valueType = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalars.Contains(valueType) || valueType.IsEnum)
        {
            return true;
        }

        return valueType.IsArray && valueType.GetArrayRank() == 1 && Scalars.Contains(valueType.GetElementType()!);
    }

    /// <summary>Whether <paramref name="type"/> (or its <see cref="Nullable{T}"/> underlying type) is a short, int or long.</summary>
    public static bool IsInteger(Type type)
    {
        var valueType = Nullable.GetUnderlyingType(type) ?? type;
        return valueType == typeof(short) || valueType == typeof(int) || valueType == typeof(long);
    }
}
