using Microsoft.AspNetCore.Http;

namespace TenantDapper.AspNetCore.Resolution;

/// <summary>A source that reads the tenant key as text from the request: a claim, a header, a route value, a subdomain.</summary>
internal sealed class TextTenantSource(string description, Func<HttpContext, string?> read) : TenantSource
{
    public override string Description { get; } = description;

    public override ValueTask<object?> FindAsync(HttpContext context, TenantLookupContext lookups) => ValueTask.FromResult<object?>(read(context));
}
