namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>Any row of the sample's API: its account and id (accounts carry their id as the account).</summary>
public sealed record Row(long AccountId, long Id)
{
    /// <summary>The account the row belongs to (an account row's own id).</summary>
    public long Account(string path) => path.StartsWith("/api/accounts", StringComparison.Ordinal) ? Id : AccountId;
}
