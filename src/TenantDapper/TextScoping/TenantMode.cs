using TenantDapper.Tenancy;

namespace TenantDapper.TextScoping;

/// <summary>What the scoped text of a statement depends on in the tenant state: whether none, one or several tenants are set.</summary>
internal enum TenantMode : byte
{
    /// <summary>No tenant: a statement touching a tenant table is refused.</summary>
    None,

    /// <summary>One tenant: <c>tenant_col = @tenant</c>.</summary>
    Single,

    /// <summary>Several tenants, for reads: <c>tenant_col = ANY(@tenant)</c>.</summary>
    Many,
}

/// <summary>Classifies a tenant state.</summary>
internal static class TenantModes
{
    /// <summary>The mode of <paramref name="state"/>, which must not be a bypass.</summary>
    public static TenantMode Of(TenantState? state) => state?.Tenants.Count switch
    {
        null or 0 => TenantMode.None,
        1 => TenantMode.Single,
        _ => TenantMode.Many,
    };
}
