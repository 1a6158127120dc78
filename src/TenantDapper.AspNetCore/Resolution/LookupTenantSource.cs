using Microsoft.AspNetCore.Http;

namespace TenantDapper.AspNetCore.Resolution;

/// <summary>A source that runs the application's own lookup, which may read the database through <see cref="TenantLookup"/>.</summary>
internal sealed class LookupTenantSource(string name, Func<TenantLookup, Task<object?>> lookup) : TenantSource
{
    public override string Description { get; } = "lookup '" + name + "'";

    public override async ValueTask<object?> FindAsync(HttpContext context, TenantLookupContext lookups) =>
        await lookup(lookups.For(name, context)).ConfigureAwait(false);
}
