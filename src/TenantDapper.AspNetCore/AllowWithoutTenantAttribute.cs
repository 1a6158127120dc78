namespace TenantDapper.AspNetCore;

/// <summary>
/// Endpoint metadata: the endpoint runs without a tenant when the request resolves none (sign-in pages, the
/// OpenAPI document, health checks). Without it an endpoint needs a tenant. A tenant that is resolved is still
/// set; with none, every statement on a tenant table fails with <see cref="TenantNotSetException"/>.
/// Apply it as an attribute or with <see cref="TenantEndpointConventionBuilderExtensions.AllowWithoutTenant{TBuilder}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Delegate, Inherited = true)]
public sealed class AllowWithoutTenantAttribute : Attribute;
