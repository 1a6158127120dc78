namespace TenantDapper.AspNetCore;

/// <summary>
/// Endpoint metadata: the endpoint runs with tenant scoping turned off (<see cref="CurrentTenant.Bypass"/>), for
/// cross-tenant admin work, and only for users who satisfy the authorization policy <see cref="Policy"/>; others
/// get a 403 ProblemDetails and nothing runs. Every bypassed request is written to the log with the user and the
/// reason. Apply it as an attribute or with <see cref="TenantEndpointConventionBuilderExtensions.WithTenantBypass{TBuilder}"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Delegate, Inherited = true)]
public sealed class TenantBypassAttribute : Attribute
{
    /// <summary>Creates the metadata.</summary>
    /// <param name="policy">The authorization policy a user must satisfy (e.g. <c>TenantAdmin</c>).</param>
    /// <param name="reason">Why the endpoint works across tenants, for the logs (e.g. <c>create an account</c>).</param>
    public TenantBypassAttribute(string policy, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(policy);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Policy = policy;
        Reason = reason;
    }

    /// <summary>The authorization policy a user must satisfy.</summary>
    public string Policy { get; }

    /// <summary>Why the endpoint works across tenants.</summary>
    public string Reason { get; }
}
