using System.Diagnostics;
using TenantDapper.Testing;

namespace TenantDapper.Tests.Integration;

/// <summary>
/// Starts one PostgreSQL server for every fixture in <c>TenantDapper.Tests.Integration</c> and below, and stops it
/// when they have all run.
/// </summary>
[SetUpFixture]
public sealed class PostgresSetUp
{
    private static PostgresTestServer? server;

    /// <summary>The server of this run; fixtures usually reach it through <see cref="DatabaseFixture"/>.</summary>
    public static PostgresTestServer Server =>
        server ?? throw new InvalidOperationException(
            $"The test server runs only for fixtures in the {typeof(PostgresSetUp).Namespace} namespace or below; move the fixture there.");

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        server = await PostgresTestServer.StartAsync();
        TestContext.Progress.WriteLine($"PostgreSQL test server from {server.Source} ready in {stopwatch.Elapsed.TotalSeconds:F2} s.");
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        if (server is not null)
        {
            var stopwatch = Stopwatch.StartNew();
            await server.DisposeAsync();
            server = null;
            TestContext.Progress.WriteLine($"PostgreSQL test server stopped in {stopwatch.Elapsed.TotalSeconds:F2} s.");
        }
    }
}
