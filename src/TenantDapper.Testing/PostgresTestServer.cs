using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Testcontainers.PostgreSql;

namespace TenantDapper.Testing;

/// <summary>
/// A real PostgreSQL server for tests, benchmarks and samples, plus uniquely named databases on it. Found in
/// this order: the connection string in <c>TENANTDAPPER_TEST_CONNECTION</c>; a container, where a Docker engine
/// answers; a throwaway server from the PostgreSQL binaries on this machine.
/// </summary>
/// <example>
/// <code>
/// await using var server = await PostgresTestServer.StartAsync();
/// var connectionString = await server.CreateDatabaseAsync("orders_tests");
/// </code>
/// </example>
public sealed class PostgresTestServer : IAsyncDisposable
{
    /// <summary>The image for a container: the PostgreSQL major version the Citus notes were observed on.</summary>
    private const string ContainerImage = "postgres:15-alpine";

    private const int MaxDatabaseNameLength = 63;

    private readonly IAsyncDisposable? ownedServer;
    private readonly ConcurrentDictionary<string, byte> createdDatabases = new(StringComparer.Ordinal);
    private int disposed;

    private PostgresTestServer(string connectionString, PostgresServerSource source, IAsyncDisposable? ownedServer)
    {
        ConnectionString = connectionString;
        Source = source;
        this.ownedServer = ownedServer;
    }

    /// <summary>
    /// The administrative connection: a superuser on the <c>postgres</c> database of a started server, or the
    /// connection string from <c>TENANTDAPPER_TEST_CONNECTION</c> as given.
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>Where the server came from.</summary>
    public PostgresServerSource Source { get; }

    /// <summary>The temporary directory of a throwaway server; null for the other sources.</summary>
    internal string? RunDirectory => (ownedServer as ThrowawayServer)?.RunDirectory;

    /// <summary>
    /// Finds or starts a PostgreSQL server: the connection string in <c>TENANTDAPPER_TEST_CONNECTION</c> if set; else a
    /// Testcontainers container if a Docker engine answers; else a throwaway server from local PostgreSQL binaries
    /// (on <c>PATH</c> or under <c>/usr/lib/postgresql/*/bin</c>), removed on dispose or when the process exits.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it.</returns>
    /// <exception cref="PostgresTestServerUnavailableException">No source works; the message says how to provide one.</exception>
    public static Task<PostgresTestServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartAsync(ServerDiscovery.FromMachine, cancellationToken);

    internal static async Task<PostgresTestServer> StartAsync(ServerDiscovery discovery, CancellationToken cancellationToken)
    {
        var configured = discovery.ReadConnectionString();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            await EnsureReachableAsync(configured, cancellationToken).ConfigureAwait(false);
            return new PostgresTestServer(configured, PostgresServerSource.ConnectionString, ownedServer: null);
        }

        if (await discovery.DockerEngineAnswersAsync(cancellationToken).ConfigureAwait(false))
        {
            return await StartContainerAsync(cancellationToken).ConfigureAwait(false);
        }

        var binaries = discovery.FindBinaries();
        if (binaries is not null)
        {
            var server = await ThrowawayServer.StartAsync(binaries, cancellationToken).ConfigureAwait(false);
            return new PostgresTestServer(server.ConnectionString, PostgresServerSource.LocalBinaries, server);
        }

        throw new PostgresTestServerUnavailableException(NothingAvailableMessage());
    }

    /// <summary>Creates a new, empty database with a unique name that starts with the given prefix.</summary>
    /// <param name="namePrefix">Readable start of the name, such as the fixture's name; characters other than letters, digits and underscores become underscores.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>A connection string for the new database, with the administrative credentials.</returns>
    public async Task<string> CreateDatabaseAsync(string namePrefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(namePrefix);
        ObjectDisposedException.ThrowIf(disposed != 0, this);

        var name = UniqueDatabaseName(namePrefix);
        await ExecuteAsync($"CREATE DATABASE {QuoteIdentifier(name)}", cancellationToken).ConfigureAwait(false);
        createdDatabases.TryAdd(name, 0);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, ending any sessions still connected to it.</summary>
    /// <param name="connectionString">The connection string <see cref="CreateDatabaseAsync"/> returned.</param>
    /// <param name="cancellationToken">Cancels the drop.</param>
    /// <exception cref="ArgumentException">The connection string names a database this server did not create.</exception>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ObjectDisposedException.ThrowIf(disposed != 0, this);

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        if (name is null || !createdDatabases.ContainsKey(name))
        {
            throw new ArgumentException(
                $"Database '{name}' was not created by this {nameof(PostgresTestServer)}; only databases from {nameof(CreateDatabaseAsync)} are dropped.",
                nameof(connectionString));
        }

        await DropAsync(connectionString, name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops a container or throwaway server and deletes its files; for a server from
    /// <c>TENANTDAPPER_TEST_CONNECTION</c>, drops the databases created here that are still there.
    /// </summary>
    /// <returns>A task that completes when the server is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (ownedServer is not null)
        {
            await ownedServer.DisposeAsync().ConfigureAwait(false);
            return;
        }

        foreach (var name in createdDatabases.Keys)
        {
            await DropAsync(new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString, name, CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Restarts a throwaway server (fast stop, <paramref name="down"/> without a server, start on the same port), for
    /// tests of what clients see when the server restarts; the other sources cannot be restarted from here.
    /// </summary>
    /// <exception cref="NotSupportedException">The server is a container or comes from the connection string.</exception>
    internal Task RestartAsync(TimeSpan down, CancellationToken cancellationToken = default) =>
        ownedServer is ThrowawayServer throwaway
            ? throwaway.RestartAsync(down, cancellationToken)
            : throw new NotSupportedException($"Only a throwaway server from local binaries can be restarted by the tests; this one is from {Source}.");

    internal static string UniqueDatabaseName(string namePrefix)
    {
        var prefix = new StringBuilder(namePrefix.Length);
        foreach (var character in namePrefix.ToLowerInvariant())
        {
            prefix.Append(char.IsAsciiLetterOrDigit(character) ? character : '_');
        }

        var suffix = "_" + RandomNumberGenerator.GetHexString(12, lowercase: true);
        var maxPrefixLength = MaxDatabaseNameLength - suffix.Length;
        var start = prefix.Length > maxPrefixLength ? prefix.ToString(0, maxPrefixLength) : prefix.ToString();
        return (start.Length == 0 ? "db" : start) + suffix;
    }

    internal static string NothingAvailableMessage() =>
        "No PostgreSQL server is available for the tests. Provide one of these:" + Environment.NewLine +
        $"  1. set {ServerDiscovery.ConnectionVariable} to the connection string of a PostgreSQL 15+ server whose user may create databases, " +
        "e.g. Host=localhost;Username=postgres;Password=secret;" + Environment.NewLine +
        $"  2. start a Docker engine so Testcontainers can run {ContainerImage} (looked at: {string.Join(", ", DockerEngine.CandidateEndpoints())});" +
        Environment.NewLine +
        "  3. install the PostgreSQL server binaries, e.g. 'apt-get install postgresql' on Debian or Ubuntu " +
        $"(looked for initdb, pg_ctl and postgres on PATH and under {PostgresBinaries.DebianVersionsRoot}/*/bin).";

    private static async Task EnsureReachableAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new PostgresTestServerUnavailableException(
                $"{ServerDiscovery.ConnectionVariable} is set, but no PostgreSQL server accepted a connection with it: {e.Message} " +
                "Fix the connection string, or unset the variable to let the tests use Docker or local PostgreSQL binaries.", e);
        }
    }

    private static async Task<PostgresTestServer> StartContainerAsync(CancellationToken cancellationToken)
    {
        var container = new PostgreSqlBuilder(ContainerImage)
            .WithCommand("-c", $"max_connections={ThrowawayServer.MaxConnections}")
            .Build();
        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw new PostgresTestServerUnavailableException(
                $"A Docker engine answered, but the {ContainerImage} container did not start: {e.Message} " +
                $"Fix the Docker engine (can it pull the image?), or set {ServerDiscovery.ConnectionVariable} to a running server.", e);
        }

        return new PostgresTestServer(container.GetConnectionString(), PostgresServerSource.Container, container);
    }

    private async Task DropAsync(string databaseConnectionString, string name, CancellationToken cancellationToken)
    {
        // Pooled idle connections would otherwise hold the database open; FORCE ends any session still in it.
        await using (var pooled = new NpgsqlConnection(databaseConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", cancellationToken).ConfigureAwait(false);
        createdDatabases.TryRemove(name, out _);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
