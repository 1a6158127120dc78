using System.Data.Common;
using System.Net;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TenantDapper.Sample.Data;

namespace TenantDapper.AspNetCore.Tests.Tenancy;

/// <summary>
/// Whatever an endpoint injects for data access (<see cref="DbDataSource"/>, <see cref="DbConnection"/>, the
/// <see cref="QueryFactory"/> and its connection) scopes its statements: Npgsql's unscoped types are not registered, and
/// an application that registers them anyway does not start unless it says why. A request without a tenant, and work a
/// request leaves running after it ends, are refused, never unscoped.
/// </summary>
[TestFixture]
public sealed class ScopedDataAccessRegistrationTests
{
    private const string ProjectAccounts = "SELECT account_id FROM projects ORDER BY id";

    private string _connectionString = null!;

    [OneTimeSetUp]
    public async Task CreateDatabaseAsync()
    {
        _connectionString = await PostgresSetUp.Server.CreateDatabaseAsync("scoped_registration");
        await SampleDatabase.PrepareAsync(_connectionString);
    }

    [OneTimeTearDown]
    public Task DropDatabaseAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return PostgresSetUp.Server.DropDatabaseAsync(_connectionString);
    }

    [Test]
    public async Task Container_hands_out_only_scoping_data_access()
    {
        await using var host = await StartAsync(_ => { });
        using var scope = host.Services.CreateScope();
        var services = scope.ServiceProvider;
        Assert.Multiple(() =>
        {
            Assert.That(services.GetService<DbDataSource>(), Is.SameAs(services.GetRequiredService<TenantDataSource>()));
            Assert.That(services.GetService<DbConnection>(), Is.Not.Null.And.Not.InstanceOf<NpgsqlConnection>());
            Assert.That(services.GetService<NpgsqlDataSource>(), Is.Null);
            Assert.That(services.GetService<NpgsqlConnection>(), Is.Null);
            Assert.That(services.GetRequiredService<QueryFactory>().Connection, Is.Not.InstanceOf<NpgsqlConnection>());
        });
    }

    [TestCase("/connection")]
    [TestCase("/data-source")]
    [TestCase("/factory-connection")]
    public async Task Injected_data_access_reads_only_the_requests_tenants_rows(string path)
    {
        await using var host = await StartAsync(_ => { });
        foreach (var tenant in new[] { 1L, 2L })
        {
            var (status, body) = await host.GetAsync(path, ("X-Tenant", tenant.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var expected = await PostgresSetUp.ScalarAsync<long>(_connectionString, "SELECT count(*) FROM projects WHERE account_id = @t", ("t", tenant));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
            var accounts = body.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToList();
            Assert.That(accounts, Is.Not.Empty.And.All.EqualTo(tenant));
            Assert.That(accounts, Has.Count.EqualTo(expected));
        }
    }

    [Test]
    public async Task Request_without_a_tenant_is_refused_by_injected_data_access()
    {
        // The in-memory server hands the endpoint's exception to the client; a real server answers 500 and sends no rows.
        await using var host = await StartAsync(_ => { });
        Assert.That(() => host.GetAsync("/connection-without-tenant"), Throws.TypeOf<TenantNotSetException>());
    }

    [Test]
    public async Task Work_a_request_leaves_running_sees_no_tenant_after_the_request_ends()
    {
        var outcome = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var requestEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await StartAsync(app => app.MapGet("/leave-work", (TenantDataSource source) =>
        {
            _ = Task.Run(async () =>
            {
                await requestEnded.Task;
                try
                {
                    await using var connection = await source.OpenConnectionAsync();
                    await connection.QueryAsync<long>(ProjectAccounts);
                    outcome.SetResult(null);
                }
                catch (Exception e)
                {
                    outcome.SetResult(e);
                }
            });
            return "started";
        }));

        var (status, _) = await host.GetAsync("/leave-work", ("X-Tenant", "1"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        requestEnded.SetResult();
        Assert.That(await outcome.Task.WaitAsync(TimeSpan.FromSeconds(30)), Is.TypeOf<TenantNotSetException>());
    }

    [Test]
    public void Application_that_registers_Npgsqls_data_source_does_not_start()
    {
        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(_ => { }, services => services.AddNpgsqlDataSource(_connectionString)));
        Assert.That(failure!.Message, Does.Contain("NpgsqlDataSource").And.Contain("AllowUnscopedDataSource"));
    }

    [Test]
    public void Application_that_registers_another_DbConnection_does_not_start()
    {
        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(_ => { }, services => services.AddScoped<DbConnection>(_ => new NpgsqlConnection(_connectionString))));
        Assert.That(failure!.Message, Does.Contain("DbConnection (NpgsqlConnection)"));
    }

    [Test]
    public async Task Application_that_says_why_it_needs_an_unscoped_data_source_starts_and_it_is_logged()
    {
        await using var host = await StartAsync(_ => { }, services => services.AddNpgsqlDataSource(_connectionString), "schema migrations at startup");
        Assert.That(host.Recorder.Entries, Has.Some.Matches<(LogLevel Level, string Category, string Message)>(
            e => e.Level == LogLevel.Warning && e.Message.Contains("schema migrations at startup", StringComparison.Ordinal)));
    }

    private Task<TenancyHost> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services = null, string? unscopedReason = null) =>
        TenancyHost.StartAsync(
            tenancy =>
            {
                tenancy.FromHeader("X-Tenant");
                if (unscopedReason is not null)
                {
                    tenancy.AllowUnscopedDataSource(unscopedReason);
                }
            },
            app =>
            {
                app.MapGet("/connection", async (DbConnection connection) => Join(await connection.QueryAsync<long>(ProjectAccounts)));
                app.MapGet("/data-source", async (DbDataSource source) =>
                {
                    await using var connection = await source.OpenConnectionAsync();
                    return Join(await connection.QueryAsync<long>(ProjectAccounts));
                });
                app.MapGet("/factory-connection", async (QueryFactory db) => Join(await db.Connection.QueryAsync<long>(ProjectAccounts)));
                app.MapGet("/connection-without-tenant", async (DbConnection connection) => Join(await connection.QueryAsync<long>(ProjectAccounts))).AllowWithoutTenant();
                map(app);
            },
            _connectionString,
            SampleModel.Model,
            services);

    private static string Join(IEnumerable<long> values) => string.Join(',', values);
}
