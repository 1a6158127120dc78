using System.Diagnostics;
using Dapper;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TenantDapper.Tests.Integration.DataSource;

namespace TenantDapper.Tests.Integration.Diagnostics;

/// <summary>
/// TenantDapper's spans and metrics, collected by OpenTelemetry's in-memory exporter while real statements run on the
/// server. Not parallel: the meter is process-wide, so another fixture's statements would move the counters.
/// </summary>
[NonParallelizable]
public class TelemetryTests : DataSourceFixture
{
    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private TracerProvider? _tracing;
    private MeterProvider? _metering;

    [SetUp]
    public void Listen()
    {
        _spans.Clear();
        _metrics.Clear();
        _tracing = Sdk.CreateTracerProviderBuilder().AddSource(TenantDapperTelemetry.Name).AddNpgsql().AddInMemoryExporter(_spans).Build();
        _metering = Sdk.CreateMeterProviderBuilder().AddMeter(TenantDapperTelemetry.Name).AddInMemoryExporter(_metrics).Build();
    }

    [TearDown]
    public void StopListening()
    {
        _tracing?.Dispose();
        _metering?.Dispose();
        TenantDapperTelemetry.RecordTenant = false;
    }

    [Test]
    public async Task A_scoped_statement_has_a_span_that_is_the_parent_of_the_driver_span()
    {
        var expected = await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 1");
        await using var connection = await Source.OpenConnectionAsync();
        long count;
        using (CurrentTenant.Use(1L))
        {
            count = await connection.ExecuteScalarAsync<long>(Unique("SELECT count(*) FROM tasks"));
        }

        Assert.That(count, Is.EqualTo(expected));
        var ours = OurSpanAboveTheDriver();
        Assert.Multiple(() =>
        {
            Assert.That(ours.DisplayName, Is.EqualTo("tenantdapper SELECT"));
            Assert.That(ours.GetTagItem("db.system.name"), Is.EqualTo("postgresql"));
            Assert.That(ours.GetTagItem("db.operation.name"), Is.EqualTo("SELECT"));
            Assert.That(ours.GetTagItem("tenantdapper.path"), Is.EqualTo("text"));
            Assert.That(ours.GetTagItem("tenantdapper.scoping.mode"), Is.EqualTo("single"));
            Assert.That(ours.GetTagItem("tenantdapper.tenant"), Is.Null, "the tenant is a tag only when the application opts in");
            Assert.That(ours.Status, Is.EqualTo(ActivityStatusCode.Unset));
        });
    }

    [Test]
    public async Task A_builder_statement_on_a_data_source_connection_has_a_span_of_the_builder_path_that_is_the_parent_of_the_driver_span()
    {
        var expected = await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 1");
        await using var connection = await Source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        long count;
        using (CurrentTenant.Use(1L))
        {
            count = await db.Query("tasks").AsCount().FirstAsync<long>();
        }

        Assert.That(count, Is.EqualTo(expected));
        var ours = OurSpanAboveTheDriver();
        Assert.Multiple(() =>
        {
            Assert.That(ours.DisplayName, Is.EqualTo("tenantdapper SELECT"));
            Assert.That(ours.GetTagItem("tenantdapper.path"), Is.EqualTo("builder"));
            Assert.That(ours.GetTagItem("tenantdapper.scoping.mode"), Is.EqualTo("single"));
        });
    }

    [Test]
    public async Task The_tenant_is_a_tag_when_the_application_opts_in()
    {
        TenantDapperTelemetry.RecordTenant = true;
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.UseMany(1L, 2L))
        {
            await connection.ExecuteScalarAsync<long>(Unique("SELECT count(*) FROM tasks"));
        }

        _tracing!.ForceFlush();
        var ours = _spans.Single(s => s.Source.Name == TenantDapperTelemetry.Name);
        Assert.Multiple(() =>
        {
            Assert.That(ours.GetTagItem("tenantdapper.tenant"), Is.EqualTo("1,2"));
            Assert.That(ours.GetTagItem("tenantdapper.scoping.mode"), Is.EqualTo("several"));
        });
    }

    [Test]
    public async Task A_refused_statement_has_a_failed_span_with_no_driver_span_and_writes_nothing()
    {
        var before = await RawScalarAsync<long>("SELECT count(*) FROM tasks");
        await using var connection = await Source.OpenConnectionAsync();
        Assert.That(() => connection.Execute(Unique("DELETE FROM tasks")), Throws.TypeOf<TenantNotSetException>());

        Assert.That(await RawScalarAsync<long>("SELECT count(*) FROM tasks"), Is.EqualTo(before));
        _tracing!.ForceFlush();
        var ours = _spans.Single(s => s.Source.Name == TenantDapperTelemetry.Name);
        Assert.Multiple(() =>
        {
            Assert.That(ours.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(ours.GetTagItem("error.type"), Is.EqualTo(nameof(TenantNotSetException)));
            Assert.That(ours.GetTagItem("db.operation.name"), Is.EqualTo("DELETE"));
            Assert.That(_spans.Where(s => s.Source.Name == "Npgsql" && s.TraceId == ours.TraceId), Is.Empty, "the refused statement was sent");
        });
    }

    [Test]
    public async Task Counters_move_by_the_statements_refusals_cache_lookups_and_bypasses()
    {
        await using var connection = await Source.OpenConnectionAsync();
        var read = Unique("SELECT count(*) FROM tasks");
        var write = Unique("UPDATE tasks SET account_id = 2 WHERE id = 1");
        using (CurrentTenant.Use(1L))
        {
            await connection.ExecuteScalarAsync<long>(read);
            await connection.ExecuteScalarAsync<long>(read);
            Assert.That(() => connection.Execute(write), Throws.TypeOf<TenantMismatchException>());
            Assert.That(() => connection.Execute(Unique("DELETE FROM orgs")), Throws.TypeOf<UnregisteredTableException>());
            var db = new QueryFactory(connection, new PostgresCompiler());
            Assert.That(db.Query("tasks").AsCount().First<long>(), Is.EqualTo(await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 1")));
        }

        using (CurrentTenant.Bypass("telemetry test"))
        {
            Assert.That(await connection.ExecuteScalarAsync<long>(Unique("SELECT count(*) FROM tasks")), Is.EqualTo(await RawScalarAsync<long>("SELECT count(*) FROM tasks")));
        }

        _metering!.ForceFlush();
        Assert.Multiple(() =>
        {
            Assert.That(Sum("tenantdapper.statements.scoped", "tenantdapper.path", "text"), Is.EqualTo(2), "the two reads");
            Assert.That(Sum("tenantdapper.statements.scoped", "tenantdapper.path", "builder"), Is.EqualTo(1));
            Assert.That(Sum("tenantdapper.statements.refused", "error.type", nameof(TenantMismatchException)), Is.EqualTo(1));
            Assert.That(Sum("tenantdapper.statements.refused", "error.type", nameof(UnregisteredTableException)), Is.EqualTo(1));
            Assert.That(Sum("tenantdapper.text_cache.misses"), Is.EqualTo(3), "the read, the write and the delete, each seen first");
            Assert.That(Sum("tenantdapper.text_cache.hits"), Is.EqualTo(1), "the read, seen again");
            Assert.That(Sum("tenantdapper.bypasses"), Is.EqualTo(1));
            Assert.That(_metrics.Single(m => m.Name == "tenantdapper.scoping.duration").MetricPoints.Sum(p => p.GetHistogramCount()), Is.EqualTo(3));
        });
    }

    /// <summary>A text no other test sent: a first execution is a miss of the scoped-text cache.</summary>
    private static string Unique(string sql) => $"{sql} /* {Guid.NewGuid():N} */";

    /// <summary>The sum of a counter's points, of those with the tag when one is given.</summary>
    private long Sum(string name, string? tag = null, string? value = null)
    {
        var metric = _metrics.LastOrDefault(m => m.Name == name);
        if (metric is null)
        {
            return 0;
        }

        long sum = 0;
        foreach (var point in metric.MetricPoints)
        {
            var matches = tag is null;
            foreach (var pair in point.Tags)
            {
                matches |= pair.Key == tag && Equals(pair.Value, value);
            }

            sum += matches ? point.GetSumLong() : 0;
        }

        return sum;
    }

    /// <summary>TenantDapper's one span of the test, after checking that it is the parent of Npgsql's span.</summary>
    private Activity OurSpanAboveTheDriver()
    {
        _tracing!.ForceFlush();
        var ours = _spans.Single(s => s.Source.Name == TenantDapperTelemetry.Name);
        var driver = _spans.Single(s => s.Source.Name == "Npgsql" && s.TraceId == ours.TraceId);
        Assert.That(driver.ParentSpanId, Is.EqualTo(ours.SpanId), "Npgsql's span is not the child of ours");
        return ours;
    }
}
