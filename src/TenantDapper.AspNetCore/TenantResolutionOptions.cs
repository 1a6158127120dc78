using Microsoft.AspNetCore.Http;
using TenantDapper.AspNetCore.Resolution;

namespace TenantDapper.AspNetCore;

/// <summary>
/// How a request's tenant is found: sources asked in the order they are added, the first that finds a tenant
/// wins. Configured in <see cref="TenantDapperServiceCollectionExtensions.AddTenantDapper"/>:
/// <code>
/// tenancy => tenancy.FromClaim("account_id").FromLookup("account of the signed-in user", ...)
/// </code>
/// A header, route value or subdomain is chosen by the caller: use them only for trusted callers or behind
/// authorization that checks the caller may act for that tenant. A claim comes from the authentication
/// ticket, a lookup from the application's own code.
/// </summary>
public sealed class TenantResolutionOptions
{
    private readonly List<TenantSource> _sources = [];
    private int _missingTenantStatusCode = StatusCodes.Status403Forbidden;

    /// <summary>
    /// The status of the ProblemDetails response when an endpoint that needs a tenant gets none: 403 (the
    /// default) or 404 (to not reveal that the endpoint exists).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is neither 403 nor 404.</exception>
    public int MissingTenantStatusCode
    {
        get => _missingTenantStatusCode;
        set => _missingTenantStatusCode = value is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A request without a tenant is answered 403 or 404; choose one of them.");
    }

    internal IReadOnlyList<TenantSource> Sources => _sources;

    /// <summary>Why the application registers an unscoped Npgsql data source or connection, when it says so.</summary>
    internal string? UnscopedDataSourceReason { get; private set; }

    /// <summary>
    /// Lets the application start although it registers Npgsql's own, unscoped <c>NpgsqlDataSource</c>,
    /// <c>NpgsqlConnection</c>, or another <c>DbDataSource</c> or <c>DbConnection</c> (e.g. with <c>AddNpgsqlDataSource</c>
    /// for migrations): anything that injects them reads and writes every tenant's rows. The reason is logged at Warning
    /// when the pipeline is built. Without it, <see cref="TenantApplicationBuilderExtensions.UseTenantDapper"/> refuses to start.
    /// </summary>
    /// <param name="reason">Why the unscoped registration is needed (e.g. <c>schema migrations at startup</c>).</param>
    /// <returns>These options.</returns>
    public TenantResolutionOptions AllowUnscopedDataSource(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        UnscopedDataSourceReason = reason;
        return this;
    }

    /// <summary>Takes the tenant key from the signed-in user's claim of this type (e.g. <c>account_id</c>).</summary>
    /// <param name="claimType">The claim type.</param>
    /// <returns>These options, to add more sources.</returns>
    public TenantResolutionOptions FromClaim(string claimType)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimType);
        return Add(new TextTenantSource("claim " + claimType, context => context.User.FindFirst(claimType)?.Value));
    }

    /// <summary>Takes the tenant key from a request header (e.g. <c>X-Tenant</c>), for trusted callers only.</summary>
    /// <param name="headerName">The header's name.</param>
    /// <returns>These options, to add more sources.</returns>
    public TenantResolutionOptions FromHeader(string headerName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerName);
        return Add(new TextTenantSource("header " + headerName, context =>
            context.Request.Headers.TryGetValue(headerName, out var values) && values.Count == 1 ? values[0] : null));
    }

    /// <summary>Takes the tenant key from a route value (e.g. <c>/accounts/{accountId}/projects</c>).</summary>
    /// <param name="routeValueName">The route parameter's name.</param>
    /// <returns>These options, to add more sources.</returns>
    public TenantResolutionOptions FromRouteValue(string routeValueName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(routeValueName);
        return Add(new TextTenantSource("route value " + routeValueName, context =>
            context.Request.RouteValues.TryGetValue(routeValueName, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null));
    }

    /// <summary>
    /// Takes the tenant key from the subdomain of <paramref name="parentDomain"/> in the request's host: for
    /// <c>acme.example.com</c> and parent domain <c>example.com</c>, the key <c>acme</c> (string tenant keys, or
    /// numeric labels). To map a subdomain to a numeric key, use <see cref="FromLookup"/> and
    /// <see cref="TenantHost.Subdomain"/>.
    /// </summary>
    /// <param name="parentDomain">The domain the tenants' subdomains live under.</param>
    /// <returns>These options, to add more sources.</returns>
    public TenantResolutionOptions FromSubdomain(string parentDomain)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parentDomain);
        return Add(new TextTenantSource("subdomain of " + parentDomain, context => TenantHost.Subdomain(context.Request, parentDomain)));
    }

    /// <summary>
    /// Asks the application's own code, which may read the database through <see cref="TenantLookup.ReadAsync{T}"/>
    /// (a logged, named bypass), e.g. the account of the signed-in user. Return the tenant key, or
    /// <see langword="null"/> when the request has no tenant.
    /// </summary>
    /// <param name="name">What the lookup finds, for the logs (e.g. <c>account of the signed-in user</c>).</param>
    /// <param name="lookup">The lookup.</param>
    /// <returns>These options, to add more sources.</returns>
    public TenantResolutionOptions FromLookup(string name, Func<TenantLookup, Task<object?>> lookup)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(lookup);
        return Add(new LookupTenantSource(name, lookup));
    }

    private TenantResolutionOptions Add(TenantSource source)
    {
        _sources.Add(source);
        return this;
    }
}
