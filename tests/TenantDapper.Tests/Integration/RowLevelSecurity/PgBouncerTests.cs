using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// Debian's PgBouncer in transaction pooling mode in front of the throwaway server, two server connections for
/// many clients: tenants interleaved over them see only their rows, and nothing of one statement's setting is left
/// for the next. Skipped with the reason when pgbouncer is not installed.
/// </summary>
public class PgBouncerTests : RowLevelSecurityFixture
{
    private const string Binary = "/usr/sbin/pgbouncer";
    private Process? _bouncer;
    private string? _directory;
    private int _port;

    [OneTimeSetUp]
    public async Task StartPgBouncerAsync()
    {
        if (!File.Exists(Binary))
        {
            return;
        }

        var server = new NpgsqlConnectionStringBuilder(ConnectionString);
        var application = new NpgsqlConnectionStringBuilder(ApplicationConnectionString);
        _directory = Directory.CreateTempSubdirectory("tenantdapper-pgbouncer-").FullName;
        _port = FreePort();
        await File.WriteAllTextAsync(Path.Combine(_directory, "users.txt"), $"\"{application.Username}\" \"{application.Password}\"\n\"{server.Username}\" \"{server.Password}\"\n");
        await File.WriteAllTextAsync(Path.Combine(_directory, "pgbouncer.ini"), $"""
            [databases]
            * = host=127.0.0.1 port={server.Port}
            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = {_port}
            unix_socket_dir =
            auth_type = plain
            auth_file = {_directory}/users.txt
            pool_mode = transaction
            default_pool_size = 2
            max_client_conn = 200
            logfile = {_directory}/pgbouncer.log
            ignore_startup_parameters = extra_float_digits
            """);
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            Process.Start("chown", ["-R", "postgres", _directory])!.WaitForExit();
        }

        var start = asRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", Binary, Path.Combine(_directory, "pgbouncer.ini")])
            : new ProcessStartInfo(Binary, [Path.Combine(_directory, "pgbouncer.ini")]);
        _bouncer = Process.Start(start);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
    }

    [OneTimeTearDown]
    public void StopPgBouncer()
    {
        if (_bouncer is { HasExited: false })
        {
            _bouncer.Kill(entireProcessTree: true);
            _bouncer.WaitForExit();
        }

        _bouncer?.Dispose();
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Interleaved_tenants_over_two_server_connections_see_only_their_rows_and_leave_no_setting(bool rowLevelSecurity)
    {
        IgnoreWithoutPgBouncer();

        // Without row-level security the policies of this database would hide every row from the application role,
        // so the rewriter alone is tested as the superuser.
        var role = rowLevelSecurity ? ApplicationConnectionString : ConnectionString;
        var through = new NpgsqlConnectionStringBuilder(role) { Port = _port, MaxAutoPrepare = 0, SslMode = SslMode.Disable }.ConnectionString;
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(through), Model, new TenantDataSourceOptions { RowLevelSecurity = rowLevelSecurity, PrepareStatements = false });
        var expected = new Dictionary<long, string[]> { [1] = ["one-a", "one-b"], [2] = ["two-a"], [3] = ["three-secret"] };
        var foreign = 0;
        await Task.WhenAll(Enumerable.Range(0, 60).Select(async i =>
        {
            var tenant = (i % 3) + 1L;
            using (CurrentTenant.Use(tenant))
            {
                await using var connection = await source.OpenConnectionAsync();
                var names = (await connection.QueryAsync<string>("SELECT name FROM projects ORDER BY name")).ToArray();
                if (!names.SequenceEqual(expected[tenant]))
                {
                    Interlocked.Increment(ref foreign);
                }
            }
        }));

        var leftSettings = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            await using var plain = new NpgsqlConnection(through);
            await plain.OpenAsync();
            leftSettings.Add(await plain.ExecuteScalarAsync<string?>("SELECT current_setting('tenantdapper.tenants', true)") ?? "");
        }

        Assert.That(foreign, Is.Zero);
        Assert.That(leftSettings, Is.All.Empty);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task With_preparation_off_a_statement_works_after_another_client_took_its_server_connection(bool rowLevelSecurity)
    {
        IgnoreWithoutPgBouncer();

        Assert.That(await AfterAnotherClientTookTheServerConnectionAsync(rowLevelSecurity, prepare: false), Is.EqualTo(new[] { "one-a", "one-b" }));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task With_preparation_on_PgBouncer_1_18_loses_the_prepared_statement_when_another_client_takes_its_server_connection(bool rowLevelSecurity)
    {
        IgnoreWithoutPgBouncer();

        Assert.That(
            async () => await AfterAnotherClientTookTheServerConnectionAsync(rowLevelSecurity, prepare: true),
            Throws.InstanceOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.InvalidSqlStatementName));
    }

    /// <summary>
    /// A statement of a data source through PgBouncer runs twice (the second time it is prepared, on the server
    /// connection PgBouncer hands out last); another client then holds that server connection in a transaction, and the
    /// statement runs a third time, on the other server connection. Returns what the third run read.
    /// </summary>
    private async Task<string[]> AfterAnotherClientTookTheServerConnectionAsync(bool rowLevelSecurity, bool prepare)
    {
        var role = rowLevelSecurity ? ApplicationConnectionString : ConnectionString;
        var through = new NpgsqlConnectionStringBuilder(role) { Port = _port, MaxAutoPrepare = 0, SslMode = SslMode.Disable }.ConnectionString;
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(through), Model, new TenantDataSourceOptions { RowLevelSecurity = rowLevelSecurity, PrepareStatements = prepare });
        const string Sql = "SELECT name FROM projects WHERE id >= @first ORDER BY name";
        using (CurrentTenant.Use(1L))
        {
            await using var connection = await source.OpenConnectionAsync();
            await connection.QueryAsync<string>(Sql, new { first = 1L });
            await connection.QueryAsync<string>(Sql, new { first = 1L });

            await using var other = new NpgsqlConnection(through);
            await other.OpenAsync();
            await using var holding = await other.BeginTransactionAsync();
            await other.ExecuteAsync("SELECT 1", transaction: holding);

            return (await connection.QueryAsync<string>(Sql, new { first = 1L })).ToArray();
        }
    }

    private void IgnoreWithoutPgBouncer()
    {
        if (_bouncer is null)
        {
            Assert.Ignore($"pgbouncer is not installed ({Binary}); install Debian's pgbouncer package to run this test.");
        }

        if (PostgresSetUp.IsCitusCoordinator)
        {
            Assert.Ignore("On a Citus coordinator the fixture's tables live in a schema of their own, chosen by the search_path startup parameter, which PgBouncer 1.18 refuses (unsupported startup parameter: search_path); run it on plain PostgreSQL.");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
