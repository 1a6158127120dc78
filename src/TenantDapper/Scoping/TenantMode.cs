using TenantDapper.Tenancy;

namespace TenantDapper.Scoping;

/// <summary>
/// What a statement's scoped form depends on in the tenant state: part of the key of the text cache and of the builder's
/// shape cache, never the tenant's value, so one <see cref="PreparedSql"/> serves every tenant of a mode.
/// </summary>
internal enum TenantMode : byte
{
    /// <summary>No tenant: a statement touching a tenant table is refused.</summary>
    None,

    /// <summary>One tenant: <c>tenant_col = @tenant</c>.</summary>
    Single,

    /// <summary>Several tenants, for reads: <c>tenant_col = ANY(@tenant)</c>.</summary>
    Many,

    /// <summary>A bypass: nothing is scoped.</summary>
    Bypass,

    /// <summary>No model and no tenant state (a builder statement of a factory without a model): written as it is.</summary>
    Unscoped,
}

/// <summary>Classifies a tenant state.</summary>
internal static class TenantModes
{
    /// <summary>The mode of <paramref name="state"/> for a statement scoped by <paramref name="model"/>, or by none.</summary>
    public static TenantMode Of(TenantModel? model, TenantState? state) => state switch
    {
        null => model is null ? TenantMode.Unscoped : TenantMode.None,
        { IsBypass: true } => TenantMode.Bypass,
        { Tenants.Count: 0 } => TenantMode.None,
        { Tenants.Count: 1 } => TenantMode.Single,
        _ => TenantMode.Many,
    };
}
