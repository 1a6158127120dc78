using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TenantDapper.AspNetCore;

/// <summary>
/// The one way a tenant lookup (the counterpart of django-multitenant's <c>get_tenant(request)</c>) reads the
/// database: <see cref="ReadAsync{T}"/> runs its statements without tenant scoping, under a named
/// <see cref="CurrentTenant.Bypass"/> that is written to the log, so the lookup is visible and never silent.
/// </summary>
/// <remarks>
/// A lookup runs on every request: on Citus, read by the tenant column (a router query), not by another key such as
/// the user, which reads every shard. Find the tenant once at sign-in, keep it in a claim, and check it here by the
/// tenant column together with what proves membership.
/// </remarks>
/// <example>
/// <code>
/// options.FromLookup("account of the signed-in user", async lookup =>
/// {
///     var userId = lookup.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
///     var accountId = lookup.HttpContext.User.FindFirstValue("account_id");
///     return userId is null || accountId is null ? null : await lookup.ReadAsync((db, cancel) =>
///         db.Query("accounts").Where("id", long.Parse(accountId)).Where("user_id", long.Parse(userId)).Select("id")
///             .FirstOrDefaultAsync&lt;long?&gt;(cancellationToken: cancel));
/// });
/// </code>
/// </example>
public sealed partial class TenantLookup
{
    private readonly string _name;
    private readonly TenantDataSource _dataSource;
    private readonly TenantModel _model;
    private readonly ILogger _logger;

    internal TenantLookup(string name, HttpContext httpContext, TenantDataSource dataSource, TenantModel model, ILogger logger)
    {
        _name = name;
        HttpContext = httpContext;
        _dataSource = dataSource;
        _model = model;
        _logger = logger;
    }

    /// <summary>The request whose tenant is looked up (its user, headers, route values).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>
    /// Runs <paramref name="read"/> on a query factory of its own, with tenant scoping bypassed for exactly that
    /// call (reason <c>tenant lookup: name</c>), and logs that it did. Read only what identifies the tenant.
    /// </summary>
    /// <typeparam name="T">What the lookup reads, usually the tenant key.</typeparam>
    /// <param name="read">The statements to run; the token is the request's.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    public async Task<T> ReadAsync<T>(Func<QueryFactory, CancellationToken, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        LogUnscopedRead(_logger, _name, HttpContext.Request.Method, HttpContext.Request.Path);
        using var db = new QueryFactory(_dataSource.CreateConnection(), new PostgresCompiler()) { Model = _model };
        using (CurrentTenant.Bypass("tenant lookup: " + _name))
        {
            return await read(db, HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Tenant lookup '{Lookup}' reads without tenant scoping for {Method} {Path}")]
    private static partial void LogUnscopedRead(ILogger logger, string lookup, string method, PathString path);
}
