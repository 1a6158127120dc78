namespace TenantDapper.AspNetCore.Resolution;

/// <summary>What tenant resolution found for a request: a tenant and its source, nothing, or a value that is not a tenant key.</summary>
internal readonly record struct RequestTenant(object? Tenant, string? Source, bool IsInvalid)
{
    public static RequestTenant None => default;

    public static RequestTenant Found(object tenant, string source) => new(tenant, source, false);

    public static RequestTenant Invalid(string source) => new(null, source, true);
}
