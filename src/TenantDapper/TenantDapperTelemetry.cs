namespace TenantDapper;

/// <summary>
/// Names and switches of TenantDapper's traces and metrics: an <see cref="System.Diagnostics.ActivitySource"/> and a
/// <see cref="System.Diagnostics.Metrics.Meter"/>, both named <see cref="Name"/>. Subscribe with OpenTelemetry's
/// <c>AddSource(TenantDapperTelemetry.Name)</c> and <c>AddMeter(TenantDapperTelemetry.Name)</c>; nothing is recorded
/// while nobody listens.
/// </summary>
public static class TenantDapperTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>TenantDapper</c>.</summary>
    public const string Name = "TenantDapper";

    /// <summary>
    /// Whether spans carry the current tenant as the <c>tenantdapper.tenant</c> tag. Off by default: a tenant id can be
    /// personal data, and a tag of every tenant's value makes a trace backend's index grow with the tenants. Turn it on
    /// at start-up when your traces may name tenants.
    /// </summary>
    public static bool RecordTenant { get; set; }
}
