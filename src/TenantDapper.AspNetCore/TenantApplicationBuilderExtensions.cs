using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TenantDapper.AspNetCore.Resolution;

namespace TenantDapper.AspNetCore;

/// <summary>Adds TenantDapper's request middleware to the pipeline.</summary>
public static partial class TenantApplicationBuilderExtensions
{
    /// <summary>
    /// Sets <see cref="CurrentTenant"/> for each request's lifetime from the sources configured in
    /// <see cref="TenantDapperServiceCollectionExtensions.AddTenantDapper"/>, and answers requests to endpoints that
    /// need a tenant and have none with a ProblemDetails response. Call it after <c>UseAuthentication()</c> and
    /// <c>UseAuthorization()</c> (claims and policies) and after routing (route values, endpoint metadata).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    /// <exception cref="InvalidOperationException">
    /// The container hands out an unscoped data source or connection: Npgsql's <see cref="NpgsqlDataSource"/> or
    /// <see cref="NpgsqlConnection"/> (as <c>AddNpgsqlDataSource</c> registers them), or a <see cref="DbDataSource"/> or
    /// <see cref="DbConnection"/> that is not the scoping one, and <see cref="TenantResolutionOptions.AllowUnscopedDataSource"/>
    /// was not called.
    /// </exception>
    public static IApplicationBuilder UseTenantDapper(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RequireScopedDataAccess(app.ApplicationServices);
        return app.UseMiddleware<TenantMiddleware>();
    }

    /// <summary>
    /// Fails the start when code could inject a data source or connection that does not scope its statements, unless the
    /// application said why it needs one (then the reason is logged at Warning).
    /// </summary>
    private static void RequireScopedDataAccess(IServiceProvider services)
    {
        var unscoped = UnscopedRegistrations(services);
        if (unscoped.Count == 0)
        {
            return;
        }

        var what = string.Join(", ", unscoped);
        if (services.GetRequiredService<TenantResolutionOptions>().UnscopedDataSourceReason is { } reason)
        {
            LogUnscoped(services.GetRequiredService<ILoggerFactory>().CreateLogger("TenantDapper.AspNetCore"), what, reason);
            return;
        }

        throw new InvalidOperationException(
            $"The application's services hand out unscoped data access ({what}): code that injects it reads and writes every tenant's rows. " +
            "AddTenantDapper registers DbDataSource and DbConnection as the scoping TenantDataSource and its connections; remove the other registration " +
            "(e.g. services.AddNpgsqlDataSource(...)) and inject TenantDataSource, DbDataSource, DbConnection or QueryFactory instead, or, if it is needed " +
            "(e.g. for migrations), say why with tenancy.AllowUnscopedDataSource(\"reason\") in AddTenantDapper.");
    }

    private static List<string> UnscopedRegistrations(IServiceProvider services)
    {
        var unscoped = new List<string>();
        var isService = services.GetService<IServiceProviderIsService>();
        foreach (var type in new[] { typeof(NpgsqlDataSource), typeof(NpgsqlConnection), typeof(NpgsqlDataSourceBuilder) })
        {
            if (isService?.IsService(type) ?? services.GetService(type) is not null)
            {
                unscoped.Add(type.Name);
            }
        }

        if (services.GetService<DbDataSource>() is { } dataSource and not TenantDataSource)
        {
            unscoped.Add($"DbDataSource ({dataSource.GetType().Name})");
        }

        using var scope = services.CreateScope();
        if (scope.ServiceProvider.GetService<DbConnection>() is { } connection && connection.GetType().Assembly != typeof(TenantDataSource).Assembly)
        {
            unscoped.Add($"DbConnection ({connection.GetType().Name})");
        }

        return unscoped;
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "The application registers unscoped data access ({Unscoped}), allowed because: {Reason}. Code that injects it reads and writes every tenant's rows.")]
    private static partial void LogUnscoped(ILogger logger, string unscoped, string reason);
}
