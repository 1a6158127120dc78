using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>Signing out of the sample app ends the session on the server: a copy of the cookie taken before reads nothing after.</summary>
[TestFixture]
public sealed class SampleSignOutTests
{
    private SampleApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await SampleApp.StartAsync("sample_sign_out");

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task A_cookie_copied_before_sign_out_no_longer_reads_projects()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = await SignInCookieAsync(client, "turkiye_user");
        Assert.That(await StatusAsync(client, HttpMethod.Get, "/api/projects", cookie), Is.EqualTo(HttpStatusCode.OK));

        Assert.That(await StatusAsync(client, HttpMethod.Post, "/signout", cookie), Is.EqualTo(HttpStatusCode.Redirect));

        Assert.That(await StatusAsync(client, HttpMethod.Get, "/api/projects", cookie), Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Signing_out_one_session_leaves_the_users_other_sessions_signed_in()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var first = await SignInCookieAsync(client, "usa_user");
        var second = await SignInCookieAsync(client, "usa_user");

        await StatusAsync(client, HttpMethod.Post, "/signout", first);

        Assert.That(await StatusAsync(client, HttpMethod.Get, "/api/projects", second), Is.EqualTo(HttpStatusCode.OK));
    }

    private static async Task<string> SignInCookieAsync(HttpClient client, string userName)
    {
        using var form = new FormUrlEncodedContent([new("userName", userName), new("password", SampleApp.Password)]);
        using var response = await client.PostAsync("/signin", form);
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/"), $"{userName} could not sign in");
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, HttpMethod method, string path, string cookie)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
