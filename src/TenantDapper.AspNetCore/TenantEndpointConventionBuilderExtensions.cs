using Microsoft.AspNetCore.Builder;

namespace TenantDapper.AspNetCore;

/// <summary>Marks endpoints that do not need a tenant, or that run across tenants behind a policy.</summary>
public static class TenantEndpointConventionBuilderExtensions
{
    /// <summary>Lets the endpoints run without a tenant (see <see cref="AllowWithoutTenantAttribute"/>).</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The endpoints, e.g. from <c>app.MapGet(...)</c> or <c>app.MapGroup(...)</c>.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder AllowWithoutTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new AllowWithoutTenantAttribute());
        return builder;
    }

    /// <summary>Runs the endpoints with tenant scoping off for users who satisfy <paramref name="policy"/> (see <see cref="TenantBypassAttribute"/>).</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The endpoints.</param>
    /// <param name="policy">The authorization policy a user must satisfy.</param>
    /// <param name="reason">Why the endpoints work across tenants, for the logs.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder WithTenantBypass<TBuilder>(this TBuilder builder, string policy, string reason)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new TenantBypassAttribute(policy, reason));
        return builder;
    }
}
