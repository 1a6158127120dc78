using System.Collections.Concurrent;
using System.Data;
using System.Text.Json;
using Dapper;

namespace TenantDapper.Mapping;

/// <summary>
/// Properties of a class type stored in a <c>json</c> or <c>jsonb</c> column (<c>[Column(TypeName = "jsonb")]</c>):
/// written as System.Text.Json text and read back through a Dapper type handler registered for the class on first
/// mapping, unless the application registered its own.
/// </summary>
internal static class JsonColumns
{
    private static readonly ConcurrentDictionary<Type, bool> Registered = new();

    /// <summary>Whether a property of <paramref name="propertyType"/> stored as <paramref name="storeType"/> is a JSON document TenantDapper serializes.</summary>
    public static bool IsJson(Type propertyType, string? storeType) =>
        storeType is not null && (IsBinaryJson(storeType) || string.Equals(storeType.Trim(), "json", StringComparison.OrdinalIgnoreCase))
        && !ColumnTypes.IsMappable(propertyType);

    /// <summary>Whether <paramref name="storeType"/> is <c>jsonb</c>.</summary>
    public static bool IsBinaryJson(string storeType) => string.Equals(storeType.Trim(), "jsonb", StringComparison.OrdinalIgnoreCase);

    /// <summary>Lets Dapper read <paramref name="type"/> from JSON text, once per type; a handler the application registered stays.</summary>
    public static void EnsureReadable(Type type) =>
        Registered.GetOrAdd(type, static t =>
        {
            if (!SqlMapper.HasTypeHandler(t))
            {
                SqlMapper.AddTypeHandler(t, new JsonTypeHandler());
            }

            return true;
        });

    private sealed class JsonTypeHandler : SqlMapper.ITypeHandler
    {
        public object? Parse(Type destinationType, object value) => value switch
        {
            string text => JsonSerializer.Deserialize(text, destinationType),
            _ => JsonSerializer.Deserialize(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, destinationType),
        };

        public void SetValue(IDbDataParameter parameter, object value)
        {
            parameter.Value = JsonSerializer.Serialize(value, value.GetType());
            parameter.DbType = DbType.String;
        }
    }
}
