using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TenantDapper.AspNetCore.Resolution;

/// <summary>Asks the configured sources in order for the request's tenant; the first one that finds a tenant wins.</summary>
internal sealed partial class TenantResolver(TenantResolutionOptions options, TenantModel model, TenantLookupContext lookups, ILogger<TenantResolver> logger)
{
    private readonly Type _keyType = model.TenantKeyType ?? throw new InvalidOperationException(
        "The tenant model has no tenant key type, so request values cannot be read as tenant keys. Declare it with TenantModelBuilder.TenantKey<long>() (or int, Guid, string).");

    /// <summary>The request's tenant, or why there is none.</summary>
    public async ValueTask<RequestTenant> ResolveAsync(HttpContext context)
    {
        foreach (var source in options.Sources)
        {
            var found = await source.FindAsync(context, lookups).ConfigureAwait(false);
            if (found is null)
            {
                continue;
            }

            var tenant = ToKey(found, source);
            if (tenant is null)
            {
                LogInvalidValue(logger, source.Description, context.Request.Path);
                return RequestTenant.Invalid(source.Description);
            }

            LogResolved(logger, tenant, source.Description);
            return RequestTenant.Found(tenant, source.Description);
        }

        return RequestTenant.None;
    }

    private object? ToKey(object found, TenantSource source)
    {
        if (found is string text)
        {
            return TenantKeyText.Parse(text, _keyType);
        }

        if (found.GetType() != _keyType)
        {
            throw new InvalidOperationException(
                $"The tenant source {source.Description} returned a {found.GetType().Name}, but the tenant model's keys are {_keyType.Name}. Return the key as {_keyType.Name} (or null for no tenant).");
        }

        return found is long or int ? (Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture) > 0 ? found : null) : found;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Tenant {TenantId} from {Source}")]
    private static partial void LogResolved(ILogger logger, object tenantId, string source);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "The {Source} of a request to {Path} is not a valid tenant key; the request is refused")]
    private static partial void LogInvalidValue(ILogger logger, string source, PathString path);
}
