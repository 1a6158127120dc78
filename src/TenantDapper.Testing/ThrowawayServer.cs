using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Npgsql;

namespace TenantDapper.Testing;

/// <summary>
/// A PostgreSQL server for one run, started from local binaries in its own temporary directory and tuned for
/// speed over durability. Each run holds an exclusive lock on <c>&lt;run&gt;.lock</c> beside its directory while
/// it lives; the operating system releases it when the process dies, however it dies, so the next start
/// recognises the directories (and servers) of dead runs and removes them.
/// </summary>
internal sealed class ThrowawayServer : IAsyncDisposable
{
    /// <summary>Room for the pooled connections of many fixtures running in parallel.</summary>
    internal const int MaxConnections = 300;

    /// <summary>The unprivileged account the server runs as when this process is root (PostgreSQL refuses root).</summary>
    private const string ServiceAccount = "postgres";

    private const int PortAttempts = 3;

    /// <summary>The longest Unix-domain socket path PostgreSQL accepts (sun_path less its terminating zero).</summary>
    private const int MaxSocketPathBytes = 107;

    private readonly PostgresBinaries binaries;
    private readonly string runDirectory;
    private readonly FileStream runLock;
    private readonly bool asServiceAccount;
    private readonly List<PosixSignalRegistration> signalRegistrations = [];

    // Completed when the first stop (a dispose or OnProcessEnding) has finished, so that a dispose coming second (the
    // host stopping after the signal that OnProcessEnding handles) waits for it instead of letting the process exit mid-delete.
    private readonly TaskCompletionSource stoppedAndRemoved = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int stopped;

    private ThrowawayServer(PostgresBinaries binaries, string runDirectory, FileStream runLock, bool asServiceAccount)
    {
        this.binaries = binaries;
        this.runDirectory = runDirectory;
        this.runLock = runLock;
        this.asServiceAccount = asServiceAccount;
    }

    /// <summary>Where every run of this OS user keeps its directory; per user, so root and a developer never collide.</summary>
    internal static string RunsDirectory { get; } = Path.Combine(Path.GetTempPath(), "tenantdapper-postgres-" + Environment.UserName);

    public string ConnectionString { get; private set; } = string.Empty;

    internal string RunDirectory => runDirectory;

    private string DataDirectory => Path.Combine(runDirectory, "data");

    private string LogFile => Path.Combine(runDirectory, "server.log");

    public static async Task<ThrowawayServer> StartAsync(PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        var asServiceAccount = !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;
        if (asServiceAccount && !ServiceAccountExists())
        {
            throw new PostgresTestServerUnavailableException(
                $"This process runs as root, and PostgreSQL refuses to run as root, so the throwaway server must run as the " +
                $"'{ServiceAccount}' user, which does not exist. Install the postgresql package (it creates that user), " +
                $"run the tests as a normal user, or set {ServerDiscovery.ConnectionVariable} to a running server.");
        }

        CreateRunsDirectory(asServiceAccount);
        await RemoveStaleRunsAsync(RunsDirectory, binaries, asServiceAccount).ConfigureAwait(false);

        var runDirectory = Path.Combine(RunsDirectory, $"run-{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
        var runLock = new FileStream(runDirectory + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        var server = new ThrowawayServer(binaries, runDirectory, runLock, asServiceAccount);
        server.StopWhenTheProcessEnds();
        try
        {
            await server.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await server.StartServerAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            await stoppedAndRemoved.Task.ConfigureAwait(false);
            return;
        }

        try
        {
            AppDomain.CurrentDomain.ProcessExit -= OnProcessEnding;
            signalRegistrations.ForEach(registration => registration.Dispose());
            var removed = await StopAndRemoveAsync(binaries, runDirectory, asServiceAccount).ConfigureAwait(false);
            await runLock.DisposeAsync().ConfigureAwait(false);
            if (removed)
            {
                // Kept when the directory could not be removed, so the next start finds the dead run and retries.
                File.Delete(runDirectory + ".lock");
            }
        }
        finally
        {
            stoppedAndRemoved.TrySetResult();
        }
    }

    /// <summary>
    /// Stops the server when the process ends without disposing it: on exit, and on the signals that end a run
    /// early (.NET 10 no longer turns SIGTERM into ProcessExit). The default action of each signal still follows.
    /// A SIGKILL leaves the server running; the next start removes it (see <see cref="RemoveStaleRunsAsync"/>).
    /// </summary>
    private void StopWhenTheProcessEnds()
    {
        AppDomain.CurrentDomain.ProcessExit += OnProcessEnding;
        foreach (var signal in (PosixSignal[])[PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP])
        {
            signalRegistrations.Add(PosixSignalRegistration.Create(signal, _ => OnProcessEnding(this, EventArgs.Empty)));
        }
    }

    /// <summary>
    /// No child process may be started here: a handler can run on the runtime's signal thread, the one that would
    /// notice the child exit, so waiting for pg_ctl would never end. The postmaster is signalled directly instead.
    /// </summary>
    private void OnProcessEnding(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        var postmasterFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!OperatingSystem.IsWindows() && File.Exists(postmasterFile)
            && int.TryParse(File.ReadLines(postmasterFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var postmasterId)
            && PostmasterSignal.ImmediateShutdown(postmasterId))
        {
            // The postmaster deletes its postmaster.pid as it exits, after its children have gone.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (File.Exists(postmasterFile) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }

        try
        {
            Directory.Delete(runDirectory, recursive: true);
            runLock.Dispose();
            File.Delete(runDirectory + ".lock");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the next start, which finds this run dead by its released lock.
        }
        finally
        {
            stoppedAndRemoved.TrySetResult();
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(runDirectory);
        }
        else
        {
            Directory.CreateDirectory(runDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var password = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var passwordFile = Path.Combine(runDirectory, "password");
        await File.WriteAllTextAsync(passwordFile, password + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        if (asServiceAccount)
        {
            await RunCheckedAsync("chown", ["-R", ServiceAccount, runDirectory], RunsDirectory, asServiceAccount: false, cancellationToken).ConfigureAwait(false);
        }

        await RunCheckedAsync(
            binaries.InitDb,
            ["-D", DataDirectory, "-U", "postgres", "--pwfile=" + passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
            runDirectory,
            asServiceAccount,
            cancellationToken).ConfigureAwait(false);
        File.Delete(passwordFile);
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), Settings(SocketDirectory(runDirectory)), cancellationToken).ConfigureAwait(false);
        ConnectionString = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Username = "postgres", Password = password, Database = "postgres" }.ConnectionString;
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // The port is free when asked for; another process may take it before the server binds, hence the retries.
            var port = FreeLoopbackPort();
            var (exitCode, output) = await RunAsync(
                binaries.PgCtl,
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {port}"],
                runDirectory,
                asServiceAccount,
                cancellationToken).ConfigureAwait(false);
            if (exitCode == 0)
            {
                ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Port = port }.ConnectionString;
                return;
            }

            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken).ConfigureAwait(false) : string.Empty;
            if (attempt < PortAttempts && log.Contains("could not bind", StringComparison.Ordinal))
            {
                continue;
            }

            throw new PostgresTestServerUnavailableException(
                $"PostgreSQL from {binaries.Directory} did not start (pg_ctl exit code {exitCode}). Its output and the end of its log:{Environment.NewLine}" +
                $"{output}{Environment.NewLine}{Tail(log)}{Environment.NewLine}Fix the installation, or set {ServerDiscovery.ConnectionVariable} to a running server.");
        }
    }

    /// <summary>
    /// Stops the server as an administrator would (fast: every session is ended with 57P01), keeps it down for
    /// <paramref name="down"/>, and starts it again on the same port with the same data, for tests of a restart.
    /// </summary>
    internal async Task RestartAsync(TimeSpan down, CancellationToken cancellationToken)
    {
        await RunCheckedAsync(binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], runDirectory, asServiceAccount, cancellationToken)
            .ConfigureAwait(false);
        await Task.Delay(down, cancellationToken).ConfigureAwait(false);
        var port = new NpgsqlConnectionStringBuilder(ConnectionString).Port;
        await RunCheckedAsync(
            binaries.PgCtl, ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {port}"], runDirectory, asServiceAccount, cancellationToken)
            .ConfigureAwait(false);
    }

    private static void CreateRunsDirectory(bool asServiceAccount)
    {
        Directory.CreateDirectory(RunsDirectory);
        if (asServiceAccount && !OperatingSystem.IsWindows())
        {
            // The service account must pass through to its own run directory, whatever this process's umask.
            File.SetUnixFileMode(RunsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                                                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>Stops the servers and removes the directories of runs whose process has died.</summary>
    internal static async Task RemoveStaleRunsAsync(string runsDirectory, PostgresBinaries binaries, bool asServiceAccount)
    {
        foreach (var lockFile in Directory.EnumerateFiles(runsDirectory, "*.lock"))
        {
            FileStream staleLock;
            try
            {
                staleLock = new FileStream(lockFile, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                // Held by a live run (or removed by another starting run a moment ago).
                continue;
            }

            await using (staleLock.ConfigureAwait(false))
            {
                if (await StopAndRemoveAsync(binaries, lockFile[..^".lock".Length], asServiceAccount).ConfigureAwait(false))
                {
                    File.Delete(lockFile);
                }
            }
        }
    }

    private static async Task<bool> StopAndRemoveAsync(PostgresBinaries binaries, string runDirectory, bool asServiceAccount)
    {
        var dataDirectory = Path.Combine(runDirectory, "data");
        if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            // Immediate: the files are deleted next, so there is nothing worth a shutdown checkpoint. If pg_ctl fails,
            // removing the directory still ends the server: PostgreSQL shuts down once its postmaster.pid is gone.
            try
            {
                await RunAsync(binaries.PgCtl, ["stop", "-D", dataDirectory, "-m", "immediate", "-w", "-t", "30"], runDirectory, asServiceAccount, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (PostgresTestServerUnavailableException)
            {
                // pg_ctl could not be run at all; the directory is removed all the same.
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(runDirectory))
                {
                    Directory.Delete(runDirectory, recursive: true);
                }

                return true;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    private static async Task RunCheckedAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, bool asServiceAccount, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunAsync(program, arguments, workingDirectory, asServiceAccount, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new PostgresTestServerUnavailableException(
                $"'{Path.GetFileName(program)} {string.Join(' ', arguments)}' failed with exit code {exitCode}:{Environment.NewLine}{output}{Environment.NewLine}" +
                $"Fix the PostgreSQL installation, or set {ServerDiscovery.ConnectionVariable} to a running server.");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, bool asServiceAccount, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(asServiceAccount ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.Exists(workingDirectory) ? workingDirectory : Path.GetTempPath(),
        };
        if (asServiceAccount)
        {
            foreach (var argument in (string[])["-u", ServiceAccount, "--", program])
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // English messages, whatever the machine's locale, so the output can be read and searched.
        startInfo.Environment["LC_ALL"] = "C";

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new Win32Exception($"{startInfo.FileName} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new PostgresTestServerUnavailableException(
                $"Could not run {startInfo.FileName}: {e.Message}. Install it, or set {ServerDiscovery.ConnectionVariable} to a running server.", e);
        }

        using (process)
        {
            var standardOutput = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var standardError = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await standardOutput.ConfigureAwait(false) + await standardError.ConfigureAwait(false));
        }
    }

    /// <summary>
    /// The settings added to the server's configuration. Besides loopback TCP it listens on a Unix-domain socket in its own
    /// run directory (only this OS user, or root, can reach it), so a benchmark can compare the two transports; where the
    /// socket path would be too long for PostgreSQL, or on Windows, it listens on TCP only.
    /// </summary>
    private static string Settings(string socketDirectory) => $"""

        # Added by TenantDapper.Testing: a throwaway server for one run, so durability is traded for speed.
        listen_addresses = '127.0.0.1'
        unix_socket_directories = '{socketDirectory.Replace("'", "''", StringComparison.Ordinal)}'
        max_connections = {MaxConnections}
        fsync = off
        synchronous_commit = off
        full_page_writes = off

        """;

    // The socket is <directory>/.s.PGSQL.<port>; a port has at most five digits.
    private static string SocketDirectory(string runDirectory) =>
        !OperatingSystem.IsWindows() && System.Text.Encoding.UTF8.GetByteCount(Path.Combine(runDirectory, ".s.PGSQL.65535")) <= MaxSocketPathBytes
            ? runDirectory
            : string.Empty;

    private static bool ServiceAccountExists() =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(ServiceAccount + ":", StringComparison.Ordinal));

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Tail(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', lines.TakeLast(20));
    }
}
