using System.Diagnostics;
using System.Diagnostics.Metrics;
using TenantDapper.Tenancy;

namespace TenantDapper.Diagnostics;

/// <summary>
/// The library's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <see cref="TenantDapperTelemetry.Name"/>.
/// A span covers scoping and sending one statement (or batch); the driver's own span (Npgsql's) is its child, so the
/// database call is described once, by the driver, and this span adds what scoping did. Costs a null check and an
/// instrument's <c>Enabled</c> check when nobody listens.
/// </summary>
internal static class Telemetry
{
    private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

    /// <summary>The path of a statement written as SQL text (Dapper on the data source's connection, or a batch).</summary>
    public const string TextPath = "text";

    /// <summary>The path of a statement the query builder wrote.</summary>
    public const string BuilderPath = "builder";

    public static readonly ActivitySource Source = new(TenantDapperTelemetry.Name, Version);

    private static readonly Meter Meter = new(TenantDapperTelemetry.Name, Version);

    private static readonly Counter<long> Scoped = Meter.CreateCounter<long>(
        "tenantdapper.statements.scoped", "{statement}", "Statements scoped, by path (tenantdapper.path: text or builder), for the current tenant and handed to the driver.");

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "tenantdapper.statements.refused", "{statement}", "Statements refused before anything was sent, by exception type (error.type).");

    private static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "tenantdapper.text_cache.hits", "{lookup}", "Caller texts whose scoped text (or refusal) was found in the scoped-text cache.");

    private static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>(
        "tenantdapper.text_cache.misses", "{lookup}", "Caller texts parsed and scoped because the scoped-text cache did not hold them.");

    private static readonly Counter<long> Bypasses = Meter.CreateCounter<long>(
        "tenantdapper.bypasses", "{scope}", "Scopes opened with CurrentTenant.Bypass, scoping turned off.");

    private static readonly Histogram<double> ScopingDuration = Meter.CreateHistogram<double>(
        "tenantdapper.scoping.duration", "s", "Time spent scoping a statement (cache lookup, or parse, rewrite and write) before it is sent.");

    /// <summary>Starts the span of one execution on <paramref name="path"/>, or returns <see langword="null"/> when nobody listens.</summary>
    public static Activity? Start(string path, TenantState? state, string text)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var operation = Operation(text);
        var activity = Source.StartActivity(operation is null ? "tenantdapper" : "tenantdapper " + operation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "postgresql");
            if (operation is not null)
            {
                activity.SetTag("db.operation.name", operation);
            }

            activity.SetTag("tenantdapper.path", path);
            activity.SetTag("tenantdapper.scoping.mode", Mode(state));
            if (TenantDapperTelemetry.RecordTenant && state is { IsBypass: false, Tenants.Count: > 0 })
            {
                activity.SetTag("tenantdapper.tenant", state.Tenants.Count == 1 ? state.Tenants[0]?.ToString() : string.Join(",", state.Tenants));
            }
        }

        return activity;
    }

    /// <summary>A timestamp to pass to <see cref="Scoped"/>, or 0 when the scoping-time histogram has no listener.</summary>
    public static long StartScoping() => ScopingDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Counts <paramref name="count"/> statements scoped on <paramref name="path"/> and records the scoping time since <paramref name="started"/>.</summary>
    public static void StatementsScoped(string path, int count, long started)
    {
        if (Scoped.Enabled)
        {
            Scoped.Add(count, new KeyValuePair<string, object?>("tenantdapper.path", path));
        }

        if (started != 0)
        {
            ScopingDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("tenantdapper.path", path));
        }
    }

    /// <summary>Counts a refusal and marks the span as failed with it, then ends the span.</summary>
    public static void StatementRefused(Activity? activity, Exception refusal)
    {
        var kind = refusal.GetType().Name;
        if (Refused.Enabled)
        {
            Refused.Add(1, new KeyValuePair<string, object?>("error.type", kind));
        }

        if (activity is not null)
        {
            activity.SetTag("error.type", kind);
            activity.SetStatus(ActivityStatusCode.Error, refusal.Message);
            activity.Dispose();
        }
    }

    public static void CacheHit()
    {
        if (CacheHits.Enabled)
        {
            CacheHits.Add(1);
        }
    }

    public static void CacheMiss()
    {
        if (CacheMisses.Enabled)
        {
            CacheMisses.Add(1);
        }
    }

    public static void Bypass()
    {
        if (Bypasses.Enabled)
        {
            Bypasses.Add(1);
        }
    }

    private static string Mode(TenantState? state) => state switch
    {
        { IsBypass: true } => "bypass",
        null or { Tenants.Count: 0 } => "none",
        { Tenants.Count: 1 } => "single",
        _ => "several",
    };

    /// <summary>The statement's first keyword (SELECT, INSERT, …) when it is one the conventions name, else <see langword="null"/>.</summary>
    private static string? Operation(string text)
    {
        var span = text.AsSpan().TrimStart();
        var end = 0;
        while (end < span.Length && char.IsAsciiLetter(span[end]))
        {
            end++;
        }

        var word = span[..end];
        foreach (var known in Operations)
        {
            if (word.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    private static readonly string[] Operations = ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "MERGE", "COPY"];
}
