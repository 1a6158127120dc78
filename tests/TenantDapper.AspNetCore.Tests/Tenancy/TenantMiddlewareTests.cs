using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using TenantDapper.AspNetCore.Resolution;

namespace TenantDapper.AspNetCore.Tests.Tenancy;

/// <summary>The request middleware and the tenant sources, on a minimal application without a database.</summary>
[TestFixture]
public sealed class TenantMiddlewareTests
{
    private static readonly (string, string) Header7 = ("X-Tenant", "7");

    [Test]
    public async Task Sources_are_asked_in_order_and_the_first_that_finds_a_tenant_wins()
    {
        await using var host = await TenancyHost.StartAsync(t => t.FromHeader("X-Tenant").FromClaim("account_id"), MapWhoAmI);

        var both = await host.GetAsync("/whoami", Header7, ("X-Test-Claims", "account_id=5"));
        var claimOnly = await host.GetAsync("/whoami", ("X-Test-Claims", "account_id=5"));

        Assert.That((both.Body, claimOnly.Body), Is.EqualTo(("7", "5")));
    }

    [Test]
    public async Task A_route_value_names_the_tenant()
    {
        await using var host = await TenancyHost.StartAsync(t => t.FromRouteValue("accountId"), app =>
            app.MapGet("/accounts/{accountId}/whoami", () => CurrentTenant.Id!.ToString()));

        var answer = await host.GetAsync("/accounts/12/whoami");

        Assert.That(answer, Is.EqualTo((HttpStatusCode.OK, "12")));
    }

    [Test]
    public async Task A_subdomain_names_the_tenant()
    {
        await using var host = await TenancyHost.StartAsync(t => t.FromSubdomain("example.com"), MapWhoAmI);

        var answer = await host.GetAsync("/whoami", ("Host", "42.example.com"));
        var parent = await host.GetAsync("/whoami", ("Host", "example.com"));

        Assert.That((answer.Body, parent.Status), Is.EqualTo(("42", HttpStatusCode.Forbidden)));
    }

    [TestCase("acme.example.com", "acme")]
    [TestCase("ACME.Example.com.", "acme")]
    [TestCase("example.com", null)]
    [TestCase("a.b.example.com", null)]
    [TestCase("evil-example.com", null)]
    [TestCase("acme.example.com.evil.net", null)]
    public void The_subdomain_is_the_single_label_in_front_of_the_parent_domain(string host, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host);

        Assert.That(TenantHost.Subdomain(context.Request, "example.com"), Is.EqualTo(expected));
    }

    [TestCase("abc")]
    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("7; DROP TABLE projects")]
    public async Task A_value_that_is_not_a_tenant_key_is_a_bad_request_and_the_endpoint_does_not_run(string value)
    {
        var runs = 0;
        await using var host = await TenancyHost.StartAsync(t => t.FromHeader("X-Tenant"), app => app.MapGet("/whoami", () => ++runs));

        var answer = await host.GetAsync("/whoami", ("X-Tenant", value));

        Assert.That((answer.Status, runs), Is.EqualTo((HttpStatusCode.BadRequest, 0)));
    }

    [Test]
    public async Task An_endpoint_without_a_tenant_gets_a_problem_with_the_configured_status_and_does_not_run()
    {
        var runs = 0;
        await using var host = await TenancyHost.StartAsync(t =>
        {
            t.FromHeader("X-Tenant");
            t.MissingTenantStatusCode = StatusCodes.Status404NotFound;
        }, app => app.MapGet("/whoami", () => ++runs));

        var answer = await host.GetAsync("/whoami");

        Assert.That((answer.Status, runs), Is.EqualTo((HttpStatusCode.NotFound, 0)));
        Assert.That(answer.Body, Does.Contain("\"title\":\"No tenant\""));
    }

    [Test]
    public async Task An_endpoint_allowed_without_a_tenant_runs_with_none_or_with_the_one_found()
    {
        await using var host = await TenancyHost.StartAsync(t => t.FromHeader("X-Tenant"), app =>
            app.MapGet("/open", () => CurrentTenant.IsSet ? CurrentTenant.Id!.ToString() : "none").AllowWithoutTenant());

        var without = await host.GetAsync("/open");
        var with = await host.GetAsync("/open", Header7);

        Assert.That((without.Body, with.Body), Is.EqualTo(("none", "7")));
    }

    [Test]
    public async Task The_tenant_stays_current_while_a_streamed_response_is_written()
    {
        await using var host = await TenancyHost.StartAsync(t => t.FromHeader("X-Tenant"), app => app.MapGet("/stream", Stream));

        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => host.GetAsync("/stream", ("X-Tenant", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.That(answers.Select(a => a.Body), Is.EqualTo(Enumerable.Range(1, 20).Select(i => $"[{string.Join(',', Enumerable.Repeat(i, 5))}]")));

        static async IAsyncEnumerable<long?> Stream()
        {
            for (var i = 0; i < 5; i++)
            {
                await Task.Delay(5);
                yield return (long?)CurrentTenant.Id;
            }
        }
    }

    [Test]
    public async Task The_tenant_is_in_the_logging_scope_and_on_the_requests_activity()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await TenancyHost.StartAsync(t => t.FromHeader("X-Tenant"), app => app.MapGet("/traced", (ILogger<TenantMiddlewareTests> log) =>
        {
            log.LogInformation("inside the endpoint");
            return Activity.Current?.GetTagItem("tenant.id")?.ToString() ?? "no tag";
        }));

        var answer = await host.GetAsync("/traced", Header7);

        Assert.That(answer.Body, Is.EqualTo("7"));
        Assert.That(host.Recorder.TenantScopes, Has.Some.EqualTo(("inside the endpoint", (object?)7L)));
    }

    [Test]
    public async Task A_bypass_endpoint_runs_unscoped_only_for_users_of_its_policy_and_is_logged()
    {
        var seen = new List<string?>();
        await using var host = await TenancyHost.StartAsync(t => t.FromHeader("X-Tenant"), app => app.MapGet("/report", () =>
        {
            seen.Add(CurrentTenant.BypassReason);
            return "ran";
        }).WithTenantBypass("Admin", "cross-account report"));

        var user = await host.GetAsync("/report", Header7, ("X-Test-Claims", "account_id=7"));
        var admin = await host.GetAsync("/report", ("X-Test-Claims", "role=admin"));

        Assert.That((user.Status, admin.Status), Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.OK)));
        Assert.That(seen, Is.EqualTo(new[] { "cross-account report" }));
        Assert.That(host.Recorder.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message),
            Is.EqualTo(new[]
            {
                "Tenant bypass refused for user tester: policy Admin not satisfied (endpoint HTTP: GET /report)",
                "Tenant bypass for user tester: cross-account report (policy Admin, endpoint HTTP: GET /report)",
            }));
    }

    [Test]
    public async Task The_callers_ambient_tenant_is_restored_after_the_request_and_never_seen_inside_it()
    {
        var inside = new List<object?>();
        var middleware = Middleware(context =>
        {
            inside.Add(CurrentTenant.Id);
            return Task.CompletedTask;
        });

        using (CurrentTenant.Use(99L))
        {
            await middleware.InvokeAsync(Request(allowWithoutTenant: true), Authorization());
            await middleware.InvokeAsync(Request(allowWithoutTenant: true, tenant: "7"), Authorization());

            Assert.That(CurrentTenant.Id, Is.EqualTo(99L));
        }

        Assert.That(inside, Is.EqualTo(new object?[] { null, 7L }));
    }

    [Test]
    public void The_callers_ambient_tenant_is_restored_when_the_endpoint_throws()
    {
        var middleware = Middleware(_ => throw new InvalidOperationException("endpoint failed"));

        using (CurrentTenant.Use(99L))
        {
            Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(Request(allowWithoutTenant: false, tenant: "7"), Authorization()));

            Assert.That(CurrentTenant.Id, Is.EqualTo(99L));
        }
    }

    [Test]
    public async Task A_tenant_an_endpoint_sets_without_a_scope_ends_with_the_request()
    {
        var middleware = Middleware(_ =>
        {
            CurrentTenant.Set(5L);
            return Task.CompletedTask;
        });

        await middleware.InvokeAsync(Request(allowWithoutTenant: false, tenant: "7"), Authorization());

        Assert.That(CurrentTenant.IsSet, Is.False);
    }

    private static void MapWhoAmI(WebApplication app) => app.MapGet("/whoami", () => CurrentTenant.Id!.ToString());

    private static TenantMiddleware Middleware(RequestDelegate endpoint)
    {
        var options = new TenantResolutionOptions().FromHeader("X-Tenant");
        var lookups = new TenantLookupContext(new TenantDataSource(NpgsqlDataSource.Create("Host=127.0.0.1;Database=not_used"), TenancyHost.Model), TenancyHost.Model, NullLogger<TenantLookup>.Instance);
        var resolver = new TenantResolver(options, TenancyHost.Model, lookups, NullLogger<TenantResolver>.Instance);
        return new TenantMiddleware(endpoint, resolver, options, NullLogger<TenantMiddleware>.Instance);
    }

    private static DefaultHttpContext Request(bool allowWithoutTenant, string? tenant = null)
    {
        var context = new DefaultHttpContext();
        if (tenant is not null)
        {
            context.Request.Headers["X-Tenant"] = tenant;
        }

        var metadata = allowWithoutTenant ? new EndpointMetadataCollection(new AllowWithoutTenantAttribute()) : EndpointMetadataCollection.Empty;
        context.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, "test endpoint"));
        return context;
    }

    private static IAuthorizationService Authorization() =>
        new ServiceCollection().AddLogging().AddAuthorization().BuildServiceProvider().GetRequiredService<IAuthorizationService>();
}
