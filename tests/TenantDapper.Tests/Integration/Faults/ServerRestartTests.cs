using System.Diagnostics;
using Npgsql;
using TenantDapper.Testing;

namespace TenantDapper.Tests.Integration.Faults;

/// <summary>
/// The server restarts during a mixed-tenant workload (builder, plain Dapper, entities, BulkInsert): calls in flight
/// fail with the driver's exception, none hangs, the pool recovers by itself, no acknowledged write is missing and no
/// failed one half there. The fixture has a server of its own, so the restart disturbs no other fixture.
/// </summary>
[Category("Faults")]
public class ServerRestartTests
{
    private const int Workers = 4;

    private PostgresTestServer? _server;
    private string _connectionString = "";

    [OneTimeSetUp]
    public async Task StartOwnServerAsync()
    {
        _server = await PostgresTestServer.StartAsync();
        if (_server.Source != PostgresServerSource.LocalBinaries)
        {
            Assert.Ignore($"A restart needs a throwaway server from local binaries; this run's server is from {_server.Source}.");
        }

        _connectionString = await _server.CreateDatabaseAsync(nameof(ServerRestartTests));
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(FaultSchema.Ddl, connection);
        await command.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public async Task StopOwnServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public async Task A_restart_during_a_mixed_workload_fails_calls_in_flight_cleanly_and_the_pool_recovers()
    {
        var workload = new FaultWorkload();
        var restarted = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var successesAfter = 0;
        var stop = new CancellationTokenSource();
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(_connectionString)
        {
            MaxPoolSize = Workers,
            CommandTimeout = 15,
            Timeout = 5,
        }.ConnectionString), FaultSchema.Model);

        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            long next = worker + 1;
            return await WorkloadRunner.RunWorkerAsync(
                async op =>
                {
                    var ok = await workload.RunAsync(source, null, _ => Task.CompletedTask, random.Next(1, FaultSchema.Tenants + 1), op, FaultWorkload.PickKind(random), FaultKind.None);
                    if (ok && restarted.Task.IsCompleted && Interlocked.Increment(ref successesAfter) >= 200)
                    {
                        await stop.CancelAsync();
                    }

                    return ok;
                },
                Ops(worker, stop.Token));
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var restart = Stopwatch.StartNew();
        await _server!.RestartAsync(TimeSpan.FromSeconds(1));
        restarted.SetResult(restart.Elapsed);
        var recoveries = await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(2));

        // Not pooled: a pooled session of the set-up did not live through the restart.
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        var (problems, rowsChecked, acknowledged) = await workload.VerifyAsync(admin);
        TestContext.Progress.WriteLine(WorkloadRunner.Table(
            $"Server restart (down {restart.Elapsed.TotalSeconds:F1} s incl. stop and start):", workload, rowsChecked, acknowledged, problems.Count, recoveries.Max(), watch.Elapsed));

        Assert.That(workload.Foreign, Is.Empty);
        Assert.That(problems, Is.Empty);
        Assert.That(workload.Exceptions.Keys, Is.Not.Empty, "the restart must have failed some calls in flight or while the server was down");
        Assert.That(successesAfter, Is.GreaterThanOrEqualTo(200), "the pool must recover by itself");
    }

    private static IEnumerable<long> Ops(int worker, CancellationToken stop)
    {
        for (long i = 0; !stop.IsCancellationRequested; i++)
        {
            yield return i * Workers + worker + 1;
        }
    }
}
