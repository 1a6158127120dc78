using Microsoft.AspNetCore.Authentication.Cookies;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;
using TenantDapper;
using TenantDapper.AspNetCore;
using TenantDapper.Sample.Data;
using TenantDapper.Sample.Domain;
using TenantDapper.Sample.Endpoints;
using TenantDapper.Sample.Pages;
using TenantDapper.Testing;

var builder = WebApplication.CreateBuilder(args);

// The database: --connection "..." (or ConnectionStrings:Sample), else a throwaway PostgreSQL server from
// TenantDapper.Testing that lives as long as the app.
var connectionString = builder.Configuration["connection"] ?? builder.Configuration.GetConnectionString("Sample");
PostgresTestServer? embedded = null;
if (string.IsNullOrWhiteSpace(connectionString))
{
    embedded = await PostgresTestServer.StartAsync();
    connectionString = await embedded.CreateDatabaseAsync("tenantdapper_sample");
}

await SampleDatabase.PrepareAsync(connectionString);

builder.Services.AddTenantDapper(connectionString, SampleModel.Model, tenancy => tenancy
    .FromLookup(AccountOfSignedInUser.Name, AccountOfSignedInUser.FindAsync));

var sessions = new SignedInSessions();
builder.Services.AddSingleton(sessions);
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(cookie =>
    {
        cookie.Events.OnValidatePrincipal = sessions.ValidateAsync;
        cookie.LoginPath = "/signin";
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.HttpOnly = true;
        cookie.Events.OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden);
    });
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(SamplePolicies.Admin, policy => policy.RequireRole("admin"));
builder.Services.AddOpenApi();

// Sample:ConsoleTelemetry=true prints TenantDapper's and Npgsql's spans, and TenantDapper's metrics every 10 s, to
// the console. Off by default, so a plain run stays quiet.
if (builder.Configuration.GetValue("Sample:ConsoleTelemetry", false))
{
    builder.Services.AddOpenTelemetry()
        // The request's own span ("Microsoft.AspNetCore") is the root: without it, ASP.NET Core's unrecorded request
        // activity is the parent, and the default parent-based sampler drops TenantDapper's and Npgsql's spans.
        .WithTracing(tracing => tracing.AddSource("Microsoft.AspNetCore", TenantDapperTelemetry.Name).AddNpgsql().AddConsoleExporter())
        .WithMetrics(metrics => metrics.AddMeter(TenantDapperTelemetry.Name)
            .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 10_000));
}

var reportMinutes = builder.Configuration.GetValue("Sample:OpenTaskReportMinutes", 60.0);
if (reportMinutes > 0)
{
    builder.Services.AddHostedService(services => new OpenTaskReport(
        services.GetRequiredService<TenantWorkRunner>(), services.GetRequiredService<ILogger<OpenTaskReport>>(), TimeSpan.FromMinutes(reportMinutes)));
}

var app = builder.Build();
if (embedded is not null)
{
    app.Lifetime.ApplicationStopped.Register(() => embedded.DisposeAsync().AsTask().GetAwaiter().GetResult());
}

app.UseAuthentication();
app.UseAuthorization();
app.UseTenantDapper();

app.MapOpenApi().AllowWithoutTenant();
app.MapScalarApiReference().AllowWithoutTenant();
app.MapSignIn();
app.MapProjectsPage();

var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(DataErrorFilter.InvokeAsync);
api.MapCountries();
api.MapAccounts();
api.MapEntity<Manager>("/managers", m => m.Id, (m, id) => m.Id = id);
api.MapProjects();
api.MapEntity<ProjectTask>("/tasks", t => t.Id, (t, id) => t.Id = id);

app.Logger.LogInformation("Sample app on {Database}; sign in as turkiye_user or usa_user (password: password)",
    new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ToString());
await app.RunAsync();

static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
{
    if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
    {
        context.Response.StatusCode = status;
    }
    else
    {
        context.Response.Redirect(context.RedirectUri);
    }

    return Task.CompletedTask;
}
