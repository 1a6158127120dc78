using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>Requests that resolve no tenant: not signed in, or signed in without an account. Nothing of theirs may run.</summary>
[TestFixture]
public sealed class SampleWithoutTenantTests
{
    private static readonly (string Method, string Path)[] TenantEndpoints =
    [
        ("GET", "/api/accounts"), ("GET", "/api/accounts/1"), ("PUT", "/api/accounts/1"),
        ("GET", "/api/managers"), ("GET", "/api/managers/1"), ("POST", "/api/managers"), ("PUT", "/api/managers/1"), ("DELETE", "/api/managers/1"),
        ("GET", "/api/projects"), ("GET", "/api/projects/1"), ("POST", "/api/projects"), ("PUT", "/api/projects/1"), ("DELETE", "/api/projects/1"),
        ("GET", "/api/projects/1/managers"), ("PUT", "/api/projects/1/managers/2"), ("DELETE", "/api/projects/1/managers/1"),
        ("GET", "/api/tasks"), ("GET", "/api/tasks/1"), ("POST", "/api/tasks"), ("PUT", "/api/tasks/1"), ("DELETE", "/api/tasks/1"),
    ];

    private SampleApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await SampleApp.StartAsync("sample_no_tenant");

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task An_unauthenticated_request_is_refused_before_any_statement_runs()
    {
        using var client = _app.Anonymous();
        var before = await _app.SnapshotAsync();
        _app.Recorder.Clear();

        foreach (var (method, path) in TenantEndpoints)
        {
            using var response = await client.SendAsync(Request(method, path));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"{method} {path}");
        }

        using var page = await client.GetAsync("/");
        Assert.That(page.Headers.Location?.AbsolutePath, Is.EqualTo("/signin"));
        Assert.That(_app.Recorder.Statements, Is.Empty);
        Assert.That(await _app.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_signed_in_user_without_an_account_gets_a_problem_and_nothing_runs()
    {
        await _app.AddUserAsync("drifter");
        using var client = await _app.SignInAsync("drifter");
        var before = await _app.SnapshotAsync();

        foreach (var (method, path) in TenantEndpoints)
        {
            _app.Recorder.Clear();
            using var response = await client.SendAsync(Request(method, path));

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{method} {path}");
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            // Sign-in found no account, so the cookie carries none: the lookup has nothing to check and reads nothing.
            Assert.That(_app.Recorder.Statements, Is.Empty, $"{method} {path}");
        }

        Assert.That(await _app.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_tenant_set_where_the_client_runs_does_not_reach_the_request()
    {
        await _app.AddUserAsync("outsider");
        using var client = await _app.SignInAsync("outsider");

        HttpResponseMessage response;
        using (CurrentTenant.Use(1L))
        {
            response = await client.GetAsync("/api/projects");
        }

        using (response)
        {
            var problem = await SampleApp.ReadAsync<ProblemDetails>(response, HttpStatusCode.Forbidden);
            Assert.That(problem.Title, Is.EqualTo("No tenant"));
        }
    }

    [Test]
    public async Task The_shared_country_list_is_readable_without_a_tenant()
    {
        await _app.AddUserAsync("traveller");
        using var client = await _app.SignInAsync("traveller");

        var countries = await SampleApp.ReadAsync<List<Dictionary<string, string>>>(await client.GetAsync("/api/countries"));

        Assert.That(countries.Select(c => c["code"]), Is.EqualTo(new[] { "DE", "JP", "TR", "US" }));
    }

    [Test]
    public async Task The_openapi_document_and_the_sign_in_page_need_no_tenant()
    {
        using var client = _app.Anonymous();

        var document = await client.GetStringAsync("/openapi/v1.json");
        var signIn = await client.GetStringAsync("/signin");

        Assert.That(document, Does.Contain("\"/api/projects/{id}/managers\"").And.Contain("\"/api/tasks\""));
        Assert.That(signIn, Does.Contain("<form method=\"post\" action=\"/signin\">"));
    }

    private static HttpRequestMessage Request(string method, string path) => new(new HttpMethod(method), path)
    {
        Content = method is "POST" or "PUT" ? JsonContent.Create(new { name = "x", email = "x@example.com", projectId = 1, domain = "x", subdomain = "x", countryCode = "US" }) : null,
    };
}
