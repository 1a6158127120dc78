using Microsoft.AspNetCore.Builder;
using TenantDapper.AspNetCore.Resolution;

namespace TenantDapper.AspNetCore;

/// <summary>Adds TenantDapper's request middleware to the pipeline.</summary>
public static class TenantApplicationBuilderExtensions
{
    /// <summary>
    /// Sets <see cref="CurrentTenant"/> for each request's lifetime from the sources configured in
    /// <see cref="TenantDapperServiceCollectionExtensions.AddTenantDapper"/>, and answers requests to endpoints that
    /// need a tenant and have none with a ProblemDetails response. Call it after <c>UseAuthentication()</c> and
    /// <c>UseAuthorization()</c> (claims and policies) and after routing (route values, endpoint metadata).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static IApplicationBuilder UseTenantDapper(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<TenantMiddleware>();
    }
}
