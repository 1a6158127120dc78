using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenantDapper.AspNetCore.Resolution;

namespace TenantDapper.AspNetCore;

/// <summary>
/// Runs a unit of work once per tenant, each in its own service scope (so its <see cref="QueryFactory"/> is its
/// own) with that tenant set, in the logging scope and on an <see cref="Activity"/> tagged with the tenant.
/// Registered by <see cref="TenantDapperServiceCollectionExtensions.AddTenantDapper"/>; see also
/// <see cref="TenantBackgroundService"/>.
/// </summary>
public sealed partial class TenantWorkRunner
{
    private static readonly ActivitySource Activities = new("TenantDapper.AspNetCore");

    private readonly IServiceScopeFactory _scopes;
    private readonly TenantDataSource _dataSource;
    private readonly TenantModel _model;
    private readonly ILogger<TenantWorkRunner> _logger;

    /// <summary>Creates the runner; the container does this.</summary>
    /// <param name="scopes">Creates a service scope per tenant.</param>
    /// <param name="dataSource">Where the tenants are listed from.</param>
    /// <param name="model">The tenant model; its root table lists the tenants.</param>
    /// <param name="logger">The log.</param>
    public TenantWorkRunner(IServiceScopeFactory scopes, TenantDataSource dataSource, TenantModel model, ILogger<TenantWorkRunner> logger)
    {
        _scopes = scopes;
        _dataSource = dataSource;
        _model = model;
        _logger = logger;
    }

    /// <summary>
    /// Lists the tenants (the keys of the model's root table, read under a logged bypass) and runs
    /// <paramref name="unitOfWork"/> for each in turn. A tenant whose work fails is logged and the others still
    /// run; the failures are thrown together at the end.
    /// </summary>
    /// <param name="work">What the work is, for the logs (e.g. <c>close stale tasks</c>).</param>
    /// <param name="unitOfWork">The work for one tenant, given the scope's services (<c>GetRequiredService&lt;QueryFactory&gt;()</c>).</param>
    /// <param name="cancellationToken">Stops before the next tenant and cancels the current one.</param>
    /// <returns>The number of tenants the work ran for.</returns>
    /// <exception cref="AggregateException">The work failed for one or more tenants.</exception>
    public async Task<int> RunForEachTenantAsync(string work, Func<IServiceProvider, CancellationToken, Task> unitOfWork, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(work);
        ArgumentNullException.ThrowIfNull(unitOfWork);
        var tenants = await ListTenantsAsync(work, cancellationToken).ConfigureAwait(false);
        var failures = new List<Exception>();
        foreach (var tenant in tenants)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await RunForTenantAsync(work, tenant, unitOfWork, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(_logger, e, work, tenant);
                failures.Add(e);
            }
        }

        return failures.Count == 0 ? tenants.Count : throw new AggregateException($"'{work}' failed for {failures.Count} of {tenants.Count} tenants; each failure is logged with its tenant.", failures);
    }

    /// <summary>Runs <paramref name="unitOfWork"/> for one tenant, in a service scope of its own with that tenant set.</summary>
    /// <param name="work">What the work is, for the logs.</param>
    /// <param name="tenant">The tenant key (e.g. from <see cref="CapturedTenant.Id"/>).</param>
    /// <param name="unitOfWork">The work, given the scope's services.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the work is done.</returns>
    public async Task RunForTenantAsync(string work, object tenant, Func<IServiceProvider, CancellationToken, Task> unitOfWork, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(work);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(unitOfWork);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        using (_logger.BeginScope(new TenantLogScope(tenant)))
        using (var activity = Activities.StartActivity(work))
        using (CurrentTenant.Use(tenant))
        {
            activity?.SetTag(TenantMiddleware.TenantTag, tenant);
            await unitOfWork(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<object>> ListTenantsAsync(string work, CancellationToken cancellationToken)
    {
        var root = _model.Root ?? throw new InvalidOperationException("The tenant model has no tenant root table, so the tenants cannot be listed. Declare it with TenantModelBuilder.TenantRoot(\"accounts\", \"id\").");
        LogListing(_logger, work, root.Name.ToString());
        using var db = new QueryFactory(_dataSource.CreateConnection(), new PostgresCompiler()) { Model = _model };
        using (CurrentTenant.Bypass("listing the tenants for " + work))
        {
            var rows = await db.Query(root.Name.ToString()).Select(root.TenantColumn).OrderBy(root.TenantColumn)
                .GetAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. rows.Select(row => ((IDictionary<string, object>)row)[root.TenantColumn])];
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Listing the tenants of {Root} without tenant scoping, for '{Work}'")]
    private static partial void LogListing(ILogger logger, string work, string root);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "'{Work}' failed for tenant {TenantId}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string work, object tenantId);
}
