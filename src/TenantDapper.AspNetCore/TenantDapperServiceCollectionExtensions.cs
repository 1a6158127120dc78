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
    /// Registers the tenant model, an <see cref="NpgsqlDataSource"/> (Npgsql's own registration, logging through
    /// the host), a <see cref="QueryFactory"/> per request scoped by the model, a <see cref="TenantDataSource"/> for
    /// plain Dapper and ADO.NET code (every command text scoped for the request's tenant), tenant resolution and
    /// <see cref="TenantWorkRunner"/>. Add <see cref="TenantApplicationBuilderExtensions.UseTenantDapper"/> to the
    /// pipeline after authentication and authorization.
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

        // Data access, all of it from the one data source: every statement of the application goes through the
        // tenant model registered above.
        services.AddNpgsqlDataSource(connectionString);
        services.TryAddScoped(CreateQueryFactory);

        // Plain Dapper: a scoping data source over a driver data source of its own (it owns and disposes that one),
        // logging through the host like the registration above.
        services.TryAddSingleton(sp => new TenantDataSource(
            new NpgsqlDataSourceBuilder(connectionString).UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>()).Build(),
            sp.GetRequiredService<TenantModel>()));
        return services;
    }

    private static QueryFactory CreateQueryFactory(IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILogger<QueryFactory>>();
        var connection = services.GetRequiredService<NpgsqlDataSource>().CreateConnection();
        return new QueryFactory(connection, new PostgresCompiler())
        {
            Model = services.GetRequiredService<TenantModel>(),
            Logger = sql => StatementLog.Statement(logger, sql.Sql),
        };
    }
}
