namespace TenantDapper.Benchmarks.Reporting;

/// <summary>The sizes and timings a run used, recorded so a reader can repeat it.</summary>
internal sealed record RunSettings(
    bool Quick,
    int Tenants,
    int RowsPerTenant,
    int Rounds,
    double WarmUpSeconds,
    double RoundTargetSeconds,
    string Command);
