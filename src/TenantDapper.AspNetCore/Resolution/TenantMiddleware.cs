using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TenantDapper.AspNetCore.Resolution;

/// <summary>
/// Sets <see cref="CurrentTenant"/> for exactly one request: it starts every request with no tenant (whatever the
/// context that started the server or the test client carried), sets the resolved tenant around the rest of the
/// pipeline, which includes writing and streaming the response body, and ends it in a <see langword="finally"/>,
/// after an exception too; the caller's state is never changed. An endpoint that needs a tenant and gets none is answered
/// with a ProblemDetails response without running. Callbacks the server runs after the pipeline has returned
/// (<c>Response.OnCompleted</c>) see no tenant, so statements there fail closed.
/// </summary>
internal sealed partial class TenantMiddleware(RequestDelegate next, TenantResolver resolver, TenantResolutionOptions options, ILogger<TenantMiddleware> logger)
{
    /// <summary>The tag the request's activity carries, as OpenTelemetry's attribute naming suggests.</summary>
    internal const string TenantTag = "tenant.id";

    public async Task InvokeAsync(HttpContext context, IAuthorizationService authorization)
    {
        // This is an async method: what it changes in the ambient state never flows back to its caller, which finds
        // its own state intact when the request ends, after an exception too. Inside, the tenant and bypass scopes
        // end in the finally blocks of their using statements.
        CurrentTenant.Clear();
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            // No endpoint matched (static files, 404): nothing of ours runs, and no tenant is set.
            await next(context).ConfigureAwait(false);
            return;
        }

        if (endpoint.Metadata.GetMetadata<TenantBypassAttribute>() is { } bypass)
        {
            await RunBypassedAsync(context, authorization, bypass, endpoint.DisplayName).ConfigureAwait(false);
            return;
        }

        var resolved = await resolver.ResolveAsync(context).ConfigureAwait(false);
        if (resolved.IsInvalid)
        {
            await RefuseAsync(context, StatusCodes.Status400BadRequest, "Invalid tenant", $"The {resolved.Source} is not a valid tenant key.").ConfigureAwait(false);
            return;
        }

        if (resolved.Tenant is not { } tenant)
        {
            if (endpoint.Metadata.GetMetadata<AllowWithoutTenantAttribute>() is not null)
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            LogNoTenant(logger, context.Request.Method, context.Request.Path, endpoint.DisplayName);
            await RefuseAsync(context, options.MissingTenantStatusCode, "No tenant", "This endpoint works on one tenant's data, and the request names none: sign in with a user that has an account.").ConfigureAwait(false);
            return;
        }

        using (logger.BeginScope(new TenantLogScope(tenant)))
        using (CurrentTenant.Use(tenant))
        {
            Activity.Current?.SetTag(TenantTag, tenant);
            await next(context).ConfigureAwait(false);
        }
    }

    private async Task RunBypassedAsync(HttpContext context, IAuthorizationService authorization, TenantBypassAttribute bypass, string? endpoint)
    {
        var user = context.User.Identity?.Name ?? "(anonymous)";
        var result = await authorization.AuthorizeAsync(context.User, bypass.Policy).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            LogBypassRefused(logger, user, bypass.Policy, endpoint);
            await RefuseAsync(context, StatusCodes.Status403Forbidden, "Forbidden", "This endpoint works across tenants and needs an administrator.").ConfigureAwait(false);
            return;
        }

        LogBypass(logger, user, bypass.Reason, bypass.Policy, endpoint);
        using (CurrentTenant.Bypass(bypass.Reason))
        {
            Activity.Current?.SetTag(TenantTag, "bypass");
            await next(context).ConfigureAwait(false);
        }
    }

    private static Task RefuseAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "{Method} {Path} resolved no tenant; {Endpoint} needs one and did not run")]
    private static partial void LogNoTenant(ILogger logger, string method, PathString path, string? endpoint);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Tenant bypass for user {User}: {Reason} (policy {Policy}, endpoint {Endpoint})")]
    private static partial void LogBypass(ILogger logger, string user, string reason, string policy, string? endpoint);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Tenant bypass refused for user {User}: policy {Policy} not satisfied (endpoint {Endpoint})")]
    private static partial void LogBypassRefused(ILogger logger, string user, string policy, string? endpoint);
}
