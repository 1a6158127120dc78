using TenantDapper.AspNetCore;

namespace TenantDapper.Sample.Data;

/// <summary>A per-account background job: logs each account's number of open tasks every period.</summary>
internal sealed partial class OpenTaskReport(TenantWorkRunner runner, ILogger<OpenTaskReport> logger, TimeSpan period)
    : TenantBackgroundService(runner, logger)
{
    protected override string WorkName => "open task report";

    protected override TimeSpan Period => period;

    protected override async Task RunForTenantAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<QueryFactory>();
        var open = await db.Query("tasks").Where("status", "opened").CountAsync<long>(cancellationToken: cancellationToken);
        LogOpenTasks(logger, open);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{OpenTasks} open tasks")]
    private static partial void LogOpenTasks(ILogger logger, long openTasks);
}
