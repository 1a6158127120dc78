#region README
using System.Diagnostics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TenantDapper;
#endregion
using Dapper;
using TenantDapper.Tests.Integration.DataSource;

namespace TenantDapper.Tests.Integration.Readme.Observability;

/// <summary>docs/guides/observability.md. Not parallel: the meter is process-wide.</summary>
[NonParallelizable]
public sealed class ObservabilitySnippets : DataSourceFixture
{
    [Test]
    public async Task Subscribing_to_the_source_and_the_meter_collects_the_span_of_a_scoped_statement_and_its_count()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        long rows;
        #region README
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(TenantDapperTelemetry.Name)    // scoping + sending: the parent of Npgsql's span
            .AddNpgsql()                              // Npgsql.OpenTelemetry: the database call itself
            .AddInMemoryExporter(spans)               // or AddConsoleExporter(), AddOtlpExporter()
            .Build();
        using var metering = Sdk.CreateMeterProviderBuilder()
            .AddMeter(TenantDapperTelemetry.Name)
            .AddInMemoryExporter(metrics)
            .Build();
        #endregion
        await using (var connection = await Source.OpenConnectionAsync())
        {
            using (CurrentTenant.Use(1L))
            {
                rows = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM tasks /* {Guid.NewGuid():N} */");
            }
        }

        tracing.ForceFlush();
        metering.ForceFlush();
        Assert.That(rows, Is.EqualTo(await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 1")));
        var ours = spans.Single(s => s.Source.Name == TenantDapperTelemetry.Name);
        Assert.That(spans.Where(s => s.Source.Name == "Npgsql" && s.ParentSpanId == ours.SpanId), Has.Exactly(1).Items, "Npgsql's span of the statement is the child of ours");
        Assert.That(metrics.Select(m => m.Name), Does.Contain("tenantdapper.statements.scoped"));
    }
}
