namespace TenantDapper.Scoping;

/// <summary>Turns the captured tenant(s) into the value bound to <c>@tenant</c>, in the model's key type.</summary>
internal static class TenantBinding
{
    /// <summary>One tenant as itself; several as a typed array for <c>= ANY(@tenant)</c>.</summary>
    /// <exception cref="TenantKeyTypeException">A tenant is not of the model's key type.</exception>
    public static object Bind(IReadOnlyList<object> tenants, Type? keyType)
    {
        if (tenants.Count == 1)
        {
            return Normalize(tenants[0], keyType);
        }

        var type = keyType ?? tenants[0].GetType();
        return type switch
        {
            _ when type == typeof(long) => ToArray<long>(tenants, keyType),
            _ when type == typeof(int) => ToArray<int>(tenants, keyType),
            _ when type == typeof(Guid) => ToArray<Guid>(tenants, keyType),
            _ => ToArray<string>(tenants, keyType),
        };
    }

    /// <summary>Whether a value supplied for the tenant column equals the bound tenant.</summary>
    public static bool IsTenant(object? supplied, object boundTenant) => (supplied, boundTenant) switch
    {
        (int or long or short, int or long) => Convert.ToInt64(supplied, System.Globalization.CultureInfo.InvariantCulture) == Convert.ToInt64(boundTenant, System.Globalization.CultureInfo.InvariantCulture),
        (Guid g, Guid t) => g == t,
        (string s, string t) => string.Equals(s, t, StringComparison.Ordinal),
        _ => false,
    };

    private static object Normalize(object tenant, Type? keyType)
    {
        if (keyType is null || tenant.GetType() == keyType)
        {
            return tenant;
        }

        // A C# literal such as 42 is an int; widening it to a bigint key loses nothing.
        if (keyType == typeof(long) && tenant is int narrow)
        {
            return (long)narrow;
        }

        throw new TenantKeyTypeException(tenant.GetType(), keyType);
    }

    private static T[] ToArray<T>(IReadOnlyList<object> tenants, Type? keyType)
    {
        var values = new T[tenants.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Normalize(tenants[i], keyType ?? typeof(T)) is T value
                ? value
                : throw new TenantKeyTypeException(tenants[i].GetType(), typeof(T));
        }

        return values;
    }
}
