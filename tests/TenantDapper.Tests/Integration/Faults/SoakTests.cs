using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace TenantDapper.Tests.Integration.Faults;

/// <summary>
/// 50 tenants, a seeded mix of every kind of operation with random faults, then the invariants checked from the
/// database. <c>TENANTDAPPER_SOAK_OPERATIONS</c> sets the number of operations (5,000 by default);
/// <c>TENANTDAPPER_SOAK_SEED</c> replays a seed the output printed.
/// </summary>
public class SoakTests : FaultFixture
{
    private const int Workers = 4;
    private const double FaultRate = 0.02;

    [Test]
    public async Task A_seeded_mix_of_operations_with_random_faults_loses_no_write_and_crosses_no_tenant()
    {
        var operations = long.Parse(Environment.GetEnvironmentVariable("TENANTDAPPER_SOAK_OPERATIONS") ?? "5000", CultureInfo.InvariantCulture);
        var seed = int.Parse(Environment.GetEnvironmentVariable("TENANTDAPPER_SOAK_SEED") ?? Random.Shared.Next(1_000_000).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        TestContext.Progress.WriteLine($"Fault soak: seed {seed}, {operations} operations; TENANTDAPPER_SOAK_SEED={seed} replays it.");

        var workload = new FaultWorkload();
        var watch = Stopwatch.StartNew();
        var recoveries = await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            await using var proxy = FaultProxy.InFrontOf(ConnectionString);
            await using var source = CreateSource(maxPoolSize: 2, connectionString: proxy.Route(ConnectionString), timeout: 5);
            var random = new Random(seed + worker);
            var ops = Enumerable.Range(0, (int)((operations - worker + Workers - 1) / Workers)).Select(i => (long)i * Workers + worker + 1);
            return await WorkloadRunner.RunWorkerAsync(
                op =>
                {
                    var tenant = random.Next(1, FaultSchema.Tenants + 1);
                    var kind = FaultWorkload.PickKind(random);
                    return workload.RunAsync(source, proxy, TerminateAsync, tenant, op, kind, WorkloadRunner.PickFault(kind, random, FaultRate));
                },
                ops);
        })));

        await using var admin = await OpenConnectionAsync();
        var (problems, rowsChecked, acknowledged) = await workload.VerifyAsync(admin);
        TestContext.Progress.WriteLine(WorkloadRunner.Table(
            $"Fault soak, seed {seed}:", workload, rowsChecked, acknowledged, problems.Count, recoveries.Max(), watch.Elapsed));

        Assert.That(workload.Foreign, Is.Empty, $"seed {seed}");
        Assert.That(problems, Is.Empty, $"seed {seed}");
        Assert.That(workload.Operations, Is.EqualTo(operations));
        Assert.That(acknowledged, Is.GreaterThan(workload.Writes.Count / 2), $"seed {seed}: most writes must succeed");
    }
}
