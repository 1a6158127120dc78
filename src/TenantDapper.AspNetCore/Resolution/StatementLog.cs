using Microsoft.Extensions.Logging;

namespace TenantDapper.AspNetCore.Resolution;

/// <summary>Log messages for the statements a request's <see cref="QueryFactory"/> runs.</summary>
internal static partial class StatementLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Debug, Message = "Scoped statement: {Sql}")]
    public static partial void Statement(ILogger logger, string sql);
}
