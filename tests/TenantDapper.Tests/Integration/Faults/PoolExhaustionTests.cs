using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.Faults;

/// <summary>More concurrent tenants than connections: waits end at the connection timeout with the driver's exception, nothing crosses.</summary>
public class PoolExhaustionTests : FaultFixture
{
    [Test]
    public async Task Twenty_tenants_on_a_pool_of_three_wait_time_out_cleanly_and_read_only_their_own_rows()
    {
        await using var source = CreateSource(maxPoolSize: 3, timeout: 1);
        var outcomes = new ConcurrentBag<string>();
        var foreign = new ConcurrentBag<string>();

        await Task.WhenAll(Enumerable.Range(1, 20).Select(tenant => Task.Run(async () =>
        {
            using (CurrentTenant.Use((long)tenant))
            {
                try
                {
                    await using var connection = await source.OpenConnectionAsync();
                    var rows = await connection.QueryAsync<long>("SELECT account_id FROM items WHERE pg_sleep(0.1) IS NOT NULL AND id <= 3");
                    foreach (var other in rows.Where(r => r != tenant))
                    {
                        foreign.Add($"tenant {tenant} read a row of tenant {other}");
                    }

                    await connection.ExecuteAsync("UPDATE counters SET n = n + 1");
                    outcomes.Add("done");
                }
                catch (NpgsqlException e) when (e.InnerException is TimeoutException)
                {
                    outcomes.Add(e.Message);
                }
            }
        })));

        Assert.That(foreign, Is.Empty);
        Assert.That(outcomes.Distinct(), Is.SubsetOf(new[] { "done", PoolExhaustedMessage }));
        Assert.That(outcomes, Has.Some.EqualTo(PoolExhaustedMessage), "with 20 tenants on 3 connections for 1 s, some must wait too long");
        await using var admin = await OpenConnectionAsync();
        var counted = await admin.ExecuteScalarAsync<long>("SELECT sum(n) FROM counters");
        Assert.That(counted, Is.EqualTo(outcomes.Count(o => o == "done")), "every acknowledged update, and no other, is counted");
        await admin.ExecuteAsync("UPDATE counters SET n = 0");
    }

    /// <summary>The driver's message (Npgsql 10), which names both settings to change.</summary>
    private const string PoolExhaustedMessage =
        "The connection pool has been exhausted, either raise 'Max Pool Size' (currently 3) or 'Timeout' (currently 1 seconds) in your connection string.";
}
