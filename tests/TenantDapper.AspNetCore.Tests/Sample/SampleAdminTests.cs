using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;

namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>The cross-account admin endpoints: a bypass only behind the policy, and always in the log.</summary>
[TestFixture]
public sealed class SampleAdminTests
{
    private SampleApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await SampleApp.StartAsync("sample_admin");
        await _app.AddUserAsync("root_admin", isAdmin: true);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task An_administrator_creates_an_account_through_a_logged_bypass()
    {
        var owner = await _app.AddUserAsync("new_owner");
        using var admin = await _app.SignInAsync("root_admin");
        _app.Recorder.Clear();

        var account = await SampleApp.ReadAsync<Row>(await admin.PostAsJsonAsync("/api/accounts", new { userId = owner, name = "Deutsch GmbH", domain = "de.example", subdomain = "de", countryCode = "DE" }), HttpStatusCode.Created);

        var stored = await PostgresSetUp.ScalarAsync<long>(_app.ConnectionString, "SELECT user_id FROM accounts WHERE id = @id", ("id", account.Id));
        Assert.That(stored, Is.EqualTo(owner));
        Assert.That(_app.Recorder.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message),
            Has.Some.EqualTo("Tenant bypass for user root_admin: create an account (policy SampleAdmin, endpoint HTTP: POST /api/accounts/)"));
    }

    [Test]
    public async Task A_user_without_the_policy_cannot_create_or_delete_accounts_and_nothing_runs()
    {
        using var usa = await _app.SignInAsync("usa_user");
        var before = await _app.SnapshotAsync();
        _app.Recorder.Clear();

        using var create = await usa.PostAsJsonAsync("/api/accounts", new { userId = 2, name = "Second", domain = "x", subdomain = "x", countryCode = "US" });
        using var delete = await usa.DeleteAsync("/api/accounts/1");

        Assert.That(new[] { create.StatusCode, delete.StatusCode }, Is.All.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(_app.Recorder.Statements, Is.Empty);
        Assert.That(await _app.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task An_administrator_without_an_account_gets_no_tenant_on_tenant_endpoints()
    {
        using var admin = await _app.SignInAsync("root_admin");

        using var response = await admin.GetAsync("/api/projects");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
