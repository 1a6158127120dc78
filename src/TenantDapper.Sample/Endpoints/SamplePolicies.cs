namespace TenantDapper.Sample.Endpoints;

/// <summary>The sample's authorization policies.</summary>
internal static class SamplePolicies
{
    /// <summary>Users with the <c>admin</c> role: the cross-account endpoints and the shared country list.</summary>
    public const string Admin = "SampleAdmin";
}
