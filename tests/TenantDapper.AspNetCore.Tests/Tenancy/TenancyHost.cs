using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TenantDapper.AspNetCore.Tests.Sample;

namespace TenantDapper.AspNetCore.Tests.Tenancy;

/// <summary>A minimal in-memory application with TenantDapper's middleware and the endpoints a test maps.</summary>
public sealed class TenancyHost : IAsyncDisposable
{
    /// <summary>The tenant model of the tests: long keys.</summary>
    public static readonly TenantModel Model = new TenantModelBuilder().TenantKey<long>().TenantRoot("accounts", "id").TenantTable("projects", "account_id").Build();

    private readonly WebApplication _app;

    private TenancyHost(WebApplication app, StatementRecorder recorder)
    {
        _app = app;
        Recorder = recorder;
        Client = app.GetTestClient();
    }

    /// <summary>A client of the application.</summary>
    public HttpClient Client { get; }

    /// <summary>The application's log.</summary>
    public StatementRecorder Recorder { get; }

    /// <summary>The application's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts an application resolving tenants as <paramref name="resolution"/> says, with the endpoints <paramref name="map"/> adds.</summary>
    public static Task<TenancyHost> StartAsync(Action<TenantResolutionOptions> resolution, Action<WebApplication> map) =>
        StartAsync(resolution, map, "Host=127.0.0.1;Database=not_used", Model, null);

    /// <summary>Starts an application on <paramref name="connectionString"/> with <paramref name="model"/>, and more services if <paramref name="services"/> adds them.</summary>
    public static async Task<TenancyHost> StartAsync(Action<TenantResolutionOptions> resolution, Action<WebApplication> map, string connectionString, TenantModel model, Action<IServiceCollection>? services)
    {
        var recorder = new StatementRecorder();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().AddProvider(recorder);
        builder.Services.AddAuthentication(TestAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy("Admin", policy => policy.RequireRole("admin"));
        builder.Services.AddTenantDapper(connectionString, model, resolution);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseTenantDapper();
        map(app);
        await app.StartAsync();
        return new TenancyHost(app, recorder);
    }

    /// <summary>Sends a GET with the given headers and returns the status and body.</summary>
    public async Task<(System.Net.HttpStatusCode Status, string Body)> GetAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        using var response = await Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
