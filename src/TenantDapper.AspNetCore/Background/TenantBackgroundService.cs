using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TenantDapper.AspNetCore;

/// <summary>
/// A hosted service that runs a unit of work for every tenant, at start and then every <see cref="Period"/>,
/// through <see cref="TenantWorkRunner"/>: each tenant in its own service scope with that tenant set.
/// <code>
/// sealed class OpenTaskReport(TenantWorkRunner runner, ILogger&lt;OpenTaskReport&gt; log) : TenantBackgroundService(runner, log)
/// {
///     protected override string WorkName => "open task report";
///     protected override TimeSpan Period => TimeSpan.FromHours(1);
///     protected override Task RunForTenantAsync(IServiceProvider services, CancellationToken cancel) => ...;
/// }
/// builder.Services.AddHostedService&lt;OpenTaskReport&gt;();
/// </code>
/// </summary>
/// <param name="runner">The runner, from the container.</param>
/// <param name="logger">Where a round's failures are written (the service keeps running).</param>
public abstract partial class TenantBackgroundService(TenantWorkRunner runner, ILogger logger) : BackgroundService
{
    /// <summary>What the work is, for the logs.</summary>
    protected abstract string WorkName { get; }

    /// <summary>The time between rounds.</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>The work for one tenant; the tenant is <see cref="CurrentTenant.Id"/>.</summary>
    /// <param name="services">The services of this tenant's scope.</param>
    /// <param name="cancellationToken">Stops the work when the host stops.</param>
    /// <returns>A task that completes when the work is done.</returns>
    protected abstract Task RunForTenantAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>Runs a round for every tenant, then one every <see cref="Period"/>, until the host stops.</summary>
    /// <param name="stoppingToken">Signalled when the host stops.</param>
    /// <returns>A task that completes when the host stops.</returns>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                await runner.RunForEachTenantAsync(WorkName, RunForTenantAsync, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, e, WorkName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "A round of '{Work}' failed; the next runs after the period")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, string work);
}
