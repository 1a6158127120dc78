using Dapper;
using Npgsql;

namespace TenantDapper.Benchmarks.Database;

/// <summary>
/// The database the scenarios run on: a schema of the benchmark's own (so a shared server is left
/// as it was found), its tables and the loaded data set, and a description of the server.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string _administrationConnectionString;
    private readonly IAsyncDisposable? _server;

    private BenchmarkDatabase(string administrationConnectionString, string schema, ServerDescription server, IAsyncDisposable? ownedServer, string? socketDirectory)
    {
        _administrationConnectionString = administrationConnectionString;
        Schema = schema;
        Server = server;
        _server = ownedServer;
        ConnectionString = new NpgsqlConnectionStringBuilder(administrationConnectionString)
        {
            SearchPath = schema,
            ApplicationName = "tenantdapper-benchmarks",
        }.ConnectionString;
        UnixSocketConnectionString = socketDirectory is null
            ? null
            : new NpgsqlConnectionStringBuilder(ConnectionString) { Host = socketDirectory }.ConnectionString;
    }

    /// <summary>Connects to the benchmark's schema.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// The same database over the server's Unix-domain socket, or null when there is none this process can reach: the
    /// server listens on one only if its <c>unix_socket_directories</c> names a directory on this machine, and only a
    /// server on a loopback address is taken to be on this machine.
    /// </summary>
    public string? UnixSocketConnectionString { get; }

    /// <summary>The schema holding the benchmark's tables; dropped on dispose.</summary>
    public string Schema { get; }

    /// <summary>The server the figures are measured on.</summary>
    public ServerDescription Server { get; }

    /// <summary>
    /// Creates a uniquely named schema on the server behind <paramref name="connectionString"/>, its
    /// tables (distributed when the database has the citus extension) and loads <paramref name="dataSet"/>.
    /// Takes ownership of <paramref name="ownedServer"/> (disposed with this object) when given.
    /// </summary>
    public static async Task<BenchmarkDatabase> CreateAsync(
        string connectionString,
        string source,
        TenantDataSet dataSet,
        IAsyncDisposable? ownedServer,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var schema = $"tenantdapper_bench_{Guid.NewGuid():N}"[..27];
        ServerDescription server;
        string? socketDirectory;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            server = await DescribeAsync(connection, source, cancellationToken).ConfigureAwait(false);
            socketDirectory = await FindSocketDirectoryAsync(connection, connectionString, cancellationToken).ConfigureAwait(false);

            // The name is generated here from [a-z0-9_] only, never taken from input, so it needs no quoting.
            await connection.ExecuteAsync(new CommandDefinition($"CREATE SCHEMA {schema}", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var database = new BenchmarkDatabase(connectionString, schema, server, ownedServer, socketDirectory);
        try
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await BenchmarkSchema.CreateAsync(connection, server.IsCitus, cancellationToken).ConfigureAwait(false);
            await BenchmarkSchema.LoadAsync(connection, dataSet, cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>An open connection to the benchmark's schema.</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Drops the benchmark's schema and stops the server if this object started it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_administrationConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
            await connection.ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE").ConfigureAwait(false);
        }
        finally
        {
            if (_server is not null)
            {
                await _server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // A directory of unix_socket_directories holding the socket of the server's port (.s.PGSQL.<port>), for a server on
    // a loopback address (elsewhere the directory would be on another machine); "@name" entries are abstract sockets, skipped.
    private static async Task<string?> FindSocketDirectoryAsync(NpgsqlConnection connection, string connectionString, CancellationToken cancellationToken)
    {
        var host = new NpgsqlConnectionStringBuilder(connectionString).Host;
        if (host is not ("127.0.0.1" or "localhost" or "::1") || OperatingSystem.IsWindows())
        {
            return null;
        }

        var directories = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT current_setting('unix_socket_directories')", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var port = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT current_setting('port')", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (directories ?? string.Empty)
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(directory => !directory.StartsWith('@'))
            .FirstOrDefault(directory => File.Exists(Path.Combine(directory, $".s.PGSQL.{port}")));
    }

    private static async Task<ServerDescription> DescribeAsync(NpgsqlConnection connection, string source, CancellationToken cancellationToken)
    {
        var version = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SHOW server_version", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var citus = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT extversion FROM pg_extension WHERE extname = 'citus'", cancellationToken: cancellationToken)).ConfigureAwait(false);
        int? workers = citus is null
            ? null
            : await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT count(*)::int FROM citus_get_active_worker_nodes()", cancellationToken: cancellationToken)).ConfigureAwait(false);
        var settings = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT 'fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit') || ', shared_buffers=' || current_setting('shared_buffers')",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new ServerDescription(source, version ?? "unknown", citus, workers, settings ?? "unknown");
    }
}
