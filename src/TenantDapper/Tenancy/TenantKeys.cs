namespace TenantDapper.Tenancy;

/// <summary>Which CLR values may identify a tenant.</summary>
internal static class TenantKeys
{
    public static bool IsSupportedType(Type type) =>
        type == typeof(long) || type == typeof(int) || type == typeof(Guid) || type == typeof(string);

    public static object Validate(object? tenant, string parameterName)
    {
        switch (tenant)
        {
            case null:
                throw new ArgumentNullException(parameterName, "A tenant cannot be null; use CurrentTenant.Clear() to unset it.");
            case string s when string.IsNullOrWhiteSpace(s):
                throw new ArgumentException("A tenant cannot be an empty string.", parameterName);
            case long or int or Guid or string:
                return tenant;
            default:
                throw new ArgumentException(
                    $"A tenant of type {tenant.GetType().Name} is not supported: use long, int, Guid or string (the type of the tenant column).",
                    parameterName);
        }
    }
}
