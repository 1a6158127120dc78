using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TenantDapper.AspNetCore.Resolution;

/// <summary>What a <see cref="TenantLookup"/> needs from the services: the data source, the model and the log.</summary>
internal sealed class TenantLookupContext(TenantDataSource dataSource, TenantModel model, ILogger<TenantLookup> logger)
{
    public TenantLookup For(string name, HttpContext context) => new(name, context, dataSource, model, logger);
}
