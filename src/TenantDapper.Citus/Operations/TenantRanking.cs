namespace TenantDapper.Citus.Operations;

/// <summary>What ranks tenants in the top-tenants listing.</summary>
internal enum TenantRanking
{
    /// <summary>Queries in the current and the last period.</summary>
    Queries,

    /// <summary>CPU time in the current and the last period.</summary>
    Cpu,
}
