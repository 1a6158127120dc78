using Npgsql;
using TenantDapper.Testing;

namespace TenantDapper.Tests.Integration.TestServer;

/// <summary>Each source of <see cref="PostgresTestServer"/> in turn, with the others switched off through the discovery seam.</summary>
public sealed class ResolutionOrderTests
{
    [Test]
    public async Task Connection_string_variable_wins_without_asking_docker_or_looking_for_binaries()
    {
        var discovery = new ServerDiscovery
        {
            ReadConnectionString = () => PostgresSetUp.Server.ConnectionString,
            DockerEngineAnswersAsync = _ => throw new AssertionException("Docker was asked although a connection string was set."),
            FindBinaries = () => throw new AssertionException("Binaries were looked for although a connection string was set."),
        };

        await using var server = await PostgresTestServer.StartAsync(discovery, CancellationToken.None);

        Assert.That(server.Source, Is.EqualTo(PostgresServerSource.ConnectionString));
        Assert.That(server.ConnectionString, Is.EqualTo(PostgresSetUp.Server.ConnectionString));
    }

    [Test]
    public async Task Server_from_the_variable_drops_its_leftover_databases_when_disposed()
    {
        var discovery = new ServerDiscovery { ReadConnectionString = () => PostgresSetUp.Server.ConnectionString };
        var server = await PostgresTestServer.StartAsync(discovery, CancellationToken.None);
        var leftover = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync("leftover")).Database!;

        await server.DisposeAsync();

        Assert.That(await ServerTests.DatabaseExistsAsync(leftover), Is.False);
    }

    [Test]
    public void Unreachable_connection_string_fails_naming_the_variable()
    {
        var discovery = new ServerDiscovery
        {
            ReadConnectionString = () => "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2",
            FindBinaries = () => throw new AssertionException("Binaries were looked for although a connection string was set."),
        };

        Assert.That(
            () => PostgresTestServer.StartAsync(discovery, CancellationToken.None),
            Throws.TypeOf<PostgresTestServerUnavailableException>().With.Message.Contains("TENANTDAPPER_TEST_CONNECTION is set"));
    }

    [Test]
    public async Task Throwaway_server_also_listens_on_a_unix_socket_in_its_run_directory()
    {
        var binaries = PostgresBinaries.Find();
        if (binaries is null || OperatingSystem.IsWindows())
        {
            Assert.Ignore("No PostgreSQL server binaries on this machine (apt-get install postgresql), or Windows, where the server listens on TCP only.");
        }

        var discovery = new ServerDiscovery
        {
            ReadConnectionString = () => null,
            DockerEngineAnswersAsync = _ => Task.FromResult(false),
            FindBinaries = () => binaries,
        };
        await using var server = await PostgresTestServer.StartAsync(discovery, CancellationToken.None);
        var overSocket = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = server.RunDirectory }.ConnectionString;

        var address = await ServerTests.QueryAsync(overSocket, "SELECT coalesce(inet_client_addr()::text, 'local')");

        Assert.That(address, Is.EqualTo("local"));
    }

    [Test]
    public async Task Local_binaries_start_a_throwaway_server_that_leaves_nothing_behind()
    {
        var binaries = PostgresBinaries.Find();
        if (binaries is null)
        {
            Assert.Ignore("No PostgreSQL server binaries on this machine: apt-get install postgresql.");
        }

        var discovery = new ServerDiscovery
        {
            ReadConnectionString = () => null,
            DockerEngineAnswersAsync = _ => Task.FromResult(false),
            FindBinaries = () => binaries,
        };
        var server = await PostgresTestServer.StartAsync(discovery, CancellationToken.None);
        var runDirectory = server.RunDirectory!;
        var postmasterId = int.Parse(File.ReadLines(Path.Combine(runDirectory, "data", "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);
        var version = await ServerTests.QueryAsync(server.ConnectionString, "SHOW server_version_num");

        await server.DisposeAsync();

        Assert.That(server.Source, Is.EqualTo(PostgresServerSource.LocalBinaries));
        Assert.That(version, Is.Not.Empty);
        Assert.That(Directory.Exists(runDirectory), Is.False);
        Assert.That(File.Exists(runDirectory + ".lock"), Is.False);
        Assert.That(IsRunning(postmasterId), Is.False);
    }

    [Test]
    public async Task Docker_engine_runs_postgresql_in_a_container()
    {
        if (!await DockerEngine.AnswersAsync(CancellationToken.None))
        {
            Assert.Ignore($"No Docker engine answered at {string.Join(", ", DockerEngine.CandidateEndpoints())}; the container source runs where one does.");
        }

        var discovery = new ServerDiscovery
        {
            ReadConnectionString = () => null,
            FindBinaries = () => throw new AssertionException("Binaries were looked for although a Docker engine answered."),
        };
        await using var server = await PostgresTestServer.StartAsync(discovery, CancellationToken.None);

        Assert.That(server.Source, Is.EqualTo(PostgresServerSource.Container));
        Assert.That(await ServerTests.QueryAsync(server.ConnectionString, "SHOW max_connections"), Is.EqualTo("300"));
    }

    /// <summary>
    /// A stopped postmaster may linger as a zombie until init reaps it (it is not this process's child), so a
    /// zombie counts as stopped.
    /// </summary>
    private static bool IsRunning(int processId)
    {
        var stat = Path.Combine("/proc", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "stat");
        if (!OperatingSystem.IsLinux())
        {
            Assert.Ignore("Process states are read from /proc, which only Linux has.");
        }

        try
        {
            // The state follows the parenthesised program name: "1234 (postgres) S ...".
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }
}
