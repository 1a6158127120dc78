using Microsoft.Extensions.DependencyInjection;
using TenantDapper.Sample.Data;
using TenantDapper.Sample.Domain;

namespace TenantDapper.AspNetCore.Tests.Tenancy;

/// <summary>Per-tenant background work on the sample database: each unit of work sees only its tenant's rows.</summary>
[TestFixture]
public sealed class TenantWorkRunnerTests
{
    private string _connectionString = null!;
    private ServiceProvider _services = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _connectionString = await PostgresSetUp.Server.CreateDatabaseAsync("work_runner");
        await SampleDatabase.PrepareAsync(_connectionString);
        _services = new ServiceCollection().AddLogging()
            .AddTenantDapper(_connectionString, SampleModel.Model, t => t.FromClaim("account_id"))
            .BuildServiceProvider();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _services.DisposeAsync();
        await PostgresSetUp.Server.DropDatabaseAsync(_connectionString);
    }

    [Test]
    public async Task The_work_runs_once_per_tenant_in_its_own_scope_and_sees_only_that_tenants_rows()
    {
        var seen = new System.Collections.Concurrent.ConcurrentBag<(object? Tenant, long[] Accounts, QueryFactory Db)>();
        var runner = _services.GetRequiredService<TenantWorkRunner>();

        var tenants = await runner.RunForEachTenantAsync("list projects", async (services, cancel) =>
        {
            var db = services.GetRequiredService<QueryFactory>();
            var projects = await db.Entities<Project>().GetAllAsync(cancel);
            seen.Add((CurrentTenant.Id, projects.Select(p => p.AccountId).ToArray(), db));
        });

        Assert.That(tenants, Is.EqualTo(2));
        Assert.That(seen.Select(s => s.Tenant), Is.EquivalentTo(new object[] { 1L, 2L }));
        Assert.That(seen, Has.All.Matches<(object? Tenant, long[] Accounts, QueryFactory Db)>(s => s.Accounts.Length == 2 && s.Accounts.All(a => a == (long)s.Tenant!)));
        Assert.That(seen.Select(s => s.Db).Distinct().Count(), Is.EqualTo(2), "each tenant gets its own query factory");
        Assert.That(CurrentTenant.IsSet || CurrentTenant.IsBypassed, Is.False);
    }

    [Test]
    public async Task A_tenant_whose_work_fails_does_not_stop_the_others()
    {
        var ran = new System.Collections.Concurrent.ConcurrentBag<object?>();
        var runner = _services.GetRequiredService<TenantWorkRunner>();

        var failure = Assert.ThrowsAsync<AggregateException>(() => runner.RunForEachTenantAsync("fail for the first", (_, _) =>
        {
            ran.Add(CurrentTenant.Id);
            return (long)CurrentTenant.Id! == 1L ? throw new InvalidOperationException("tenant 1 failed") : Task.CompletedTask;
        }));

        Assert.That(ran, Is.EquivalentTo(new object[] { 1L, 2L }));
        Assert.That(failure!.InnerExceptions.Select(e => e.Message), Is.EqualTo(new[] { "tenant 1 failed" }));
    }
}
