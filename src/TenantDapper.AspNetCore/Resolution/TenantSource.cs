using Microsoft.AspNetCore.Http;

namespace TenantDapper.AspNetCore.Resolution;

/// <summary>One way to find a request's tenant; <see cref="TenantResolver"/> asks each in the configured order.</summary>
internal abstract class TenantSource
{
    /// <summary>What this source reads, for the logs (e.g. <c>claim account_id</c>).</summary>
    public abstract string Description { get; }

    /// <summary>The raw tenant this source finds for the request, or <see langword="null"/> when it finds none.</summary>
    public abstract ValueTask<object?> FindAsync(HttpContext context, TenantLookupContext lookups);
}
