using Microsoft.AspNetCore.Http;

namespace TenantDapper.AspNetCore;

/// <summary>Reads the tenant's part of a request's host name.</summary>
public static class TenantHost
{
    /// <summary>
    /// The single label in front of <paramref name="parentDomain"/> in the request's host (<c>acme</c> for
    /// <c>acme.example.com</c>), lower case; <see langword="null"/> for the parent domain itself, another domain,
    /// or several labels (<c>a.b.example.com</c>).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="parentDomain">The domain the tenants' subdomains live under, e.g. <c>example.com</c>.</param>
    public static string? Subdomain(HttpRequest request, string parentDomain)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(parentDomain);
        var host = request.Host.Host.TrimEnd('.').ToLowerInvariant();
        var suffix = "." + parentDomain.Trim().TrimStart('.').TrimEnd('.').ToLowerInvariant();
        if (!host.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var label = host[..^suffix.Length];
        return label.Length == 0 || label.Contains('.', StringComparison.Ordinal) ? null : label;
    }
}
