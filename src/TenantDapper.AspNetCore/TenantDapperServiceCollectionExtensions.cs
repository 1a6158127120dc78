using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using TenantDapper.AspNetCore.Resolution;

namespace TenantDapper.AspNetCore;

/// <summary>Registers TenantDapper in an ASP.NET Core application.</summary>
public static class TenantDapperServiceCollectionExtensions
{
    /// <summary>
    /// Registers the tenant model; one <see cref="TenantDataSource"/> (over a driver data source of its own, logging
    /// through the host), which is also the container's <see cref="DbDataSource"/>, with its connections as
    /// <see cref="DbConnection"/>, so that plain Dapper and ADO.NET code is scoped whichever of them it asks for; a
    /// <see cref="QueryFactory"/> per request on such a connection; tenant resolution and <see cref="TenantWorkRunner"/>.
    /// No unscoped <see cref="NpgsqlDataSource"/> or <see cref="Npgsql.NpgsqlConnection"/> is registered, and
    /// <see cref="TenantApplicationBuilderExtensions.UseTenantDapper"/> refuses to start when the application registers
    /// one itself (e.g. with Npgsql's <c>AddNpgsqlDataSource</c>) unless
    /// <see cref="TenantResolutionOptions.AllowUnscopedDataSource"/> says why. Add
    /// <see cref="TenantApplicationBuilderExtensions.UseTenantDapper"/> to the pipeline after authentication and authorization.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="connectionString">The PostgreSQL (or Citus coordinator) connection string.</param>
    /// <param name="model">The tenant model; its tenant key type must be declared (<c>TenantKey&lt;long&gt;()</c>).</param>
    /// <param name="resolution">How a request's tenant is found, e.g. <c>t => t.FromClaim("account_id")</c>.</param>
    /// <returns>The same services.</returns>
    /// <exception cref="ArgumentException">The model declares no tenant key type, or no tenant source is configured.</exception>
    public static IServiceCollection AddTenantDapper(this IServiceCollection services, string connectionString, TenantModel model, Action<TenantResolutionOptions> resolution)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(resolution);
        if (model.TenantKeyType is null)
        {
            throw new ArgumentException("The tenant model declares no tenant key type, so request values cannot be read as tenant keys. Build it with TenantModelBuilder.TenantKey<long>() (or int, Guid, string).", nameof(model));
        }

        var options = new TenantResolutionOptions();
        resolution(options);
        if (options.Sources.Count == 0)
        {
            throw new ArgumentException("No tenant source is configured: add at least one, e.g. tenancy => tenancy.FromClaim(\"account_id\").", nameof(resolution));
        }

        services.AddSingleton(model);
        services.AddSingleton(options);
        services.AddProblemDetails();
        services.TryAddSingleton<TenantLookupContext>();
        services.TryAddSingleton<TenantResolver>();
        services.TryAddSingleton<TenantWorkRunner>();

        // Data access, all of it from the one scoping data source (it owns and disposes the driver's data source under
        // it): whatever an endpoint injects, a QueryFactory, a DbDataSource or a DbConnection, its statements are scoped
        // by the tenant model registered above. Npgsql's own types are not registered: they would be unscoped.
        services.AddSingleton(sp => new TenantDataSource(
            new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build(),
            sp.GetRequiredService<TenantModel>()));
        services.AddSingleton<DbDataSource>(sp => sp.GetRequiredService<TenantDataSource>());
        services.AddTransient<DbConnection>(sp => sp.GetRequiredService<TenantDataSource>().CreateConnection());
        services.TryAddScoped(CreateQueryFactory);
        return services;
    }

    private static QueryFactory CreateQueryFactory(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILogger<QueryFactory>>();
        // A connection of the scoping data source: builder statements, already scoped, go to the driver's connection
        // under it, and db.Connection, if the endpoint uses it for SQL text, scopes that text too.
        var connection = services.GetRequiredService<TenantDataSource>().CreateConnection();
        return new QueryFactory(connection, new PostgresCompiler())
        {
            Model = services.GetRequiredService<TenantModel>(),
            Logger = sql => StatementLog.Statement(logger, sql.Sql),
        };
    }
}
