using System.Data;
using System.Data.Common;
using Dapper;
using TenantDapper.DataSource;
using DriverConnection = Npgsql.NpgsqlConnection;
using ScopingConnection = TenantDapper.DataSource.NpgsqlConnection;

namespace TenantDapper;

/// <summary>SqlKata.Execution's raw-SQL methods: plain SQL text, scoped like every command of a <see cref="TenantDataSource"/>.</summary>
public partial class QueryFactory
{
    /// <summary>
    /// Runs <paramref name="sql"/> (one statement, or several separated by <c>;</c>) with Dapper and maps every row to
    /// <typeparamref name="T"/>. The text is parsed, scoped for <see cref="CurrentTenant"/> by <see cref="Model"/> and
    /// written back right before it is sent, after Dapper's own rewriting (<c>{=literal}</c>, lists); <c>@tenant</c> in it is
    /// the current tenant. Refusals are those of <see cref="TenantDataSource"/>; nothing is sent then.
    /// </summary>
    /// <param name="sql">PostgreSQL text with Dapper's <c>@name</c> parameters.</param>
    /// <param name="param">The parameters, as for Dapper (an object, a dictionary, <see cref="DynamicParameters"/>).</param>
    /// <param name="transaction">The transaction of <see cref="Connection"/> to run in.</param>
    /// <param name="timeout">The command timeout in seconds; <see cref="QueryTimeout"/> when null.</param>
    public IEnumerable<T> Select<T>(string sql, object? param = null, IDbTransaction? transaction = null, int? timeout = null)
    {
        using var connection = RawConnection();
        return connection.Query<T>(RawCommand(sql, param, connection.Adopt(transaction), timeout, default));
    }

    /// <summary>Runs <paramref name="sql"/> and returns every row as a dynamic object; scoped as <see cref="Select{T}"/>.</summary>
    /// <param name="sql">PostgreSQL text with Dapper's <c>@name</c> parameters.</param>
    /// <param name="param">The parameters, as for Dapper.</param>
    /// <param name="transaction">The transaction of <see cref="Connection"/> to run in.</param>
    /// <param name="timeout">The command timeout in seconds; <see cref="QueryTimeout"/> when null.</param>
    public IEnumerable<dynamic> Select(string sql, object? param = null, IDbTransaction? transaction = null, int? timeout = null) =>
        Select<dynamic>(sql, param, transaction, timeout);

    /// <summary>Runs <paramref name="sql"/> and maps every row to <typeparamref name="T"/>; scoped as <see cref="Select{T}"/>.</summary>
    /// <param name="sql">PostgreSQL text with Dapper's <c>@name</c> parameters.</param>
    /// <param name="param">The parameters, as for Dapper.</param>
    /// <param name="transaction">The transaction of <see cref="Connection"/> to run in.</param>
    /// <param name="timeout">The command timeout in seconds; <see cref="QueryTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public async Task<IEnumerable<T>> SelectAsync<T>(string sql, object? param = null, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default)
    {
        await using var connection = RawConnection();
        return await connection.QueryAsync<T>(RawCommand(sql, param, connection.Adopt(transaction), timeout, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="sql"/> and returns every row as a dynamic object; scoped as <see cref="Select{T}"/>.</summary>
    /// <param name="sql">PostgreSQL text with Dapper's <c>@name</c> parameters.</param>
    /// <param name="param">The parameters, as for Dapper.</param>
    /// <param name="transaction">The transaction of <see cref="Connection"/> to run in.</param>
    /// <param name="timeout">The command timeout in seconds; <see cref="QueryTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public Task<IEnumerable<dynamic>> SelectAsync(string sql, object? param = null, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        SelectAsync<dynamic>(sql, param, transaction, timeout, cancellationToken);

    /// <summary>Runs <paramref name="sql"/> (INSERT, UPDATE, DELETE, ...) and returns the number of rows it changed; scoped as <see cref="Select{T}"/>.</summary>
    /// <param name="sql">PostgreSQL text with Dapper's <c>@name</c> parameters.</param>
    /// <param name="param">The parameters, as for Dapper; a list runs the statement once per item.</param>
    /// <param name="transaction">The transaction of <see cref="Connection"/> to run in.</param>
    /// <param name="timeout">The command timeout in seconds; <see cref="QueryTimeout"/> when null.</param>
    public int Statement(string sql, object? param = null, IDbTransaction? transaction = null, int? timeout = null)
    {
        using var connection = RawConnection();
        return connection.Execute(RawCommand(sql, param, connection.Adopt(transaction), timeout, default));
    }

    /// <summary>Runs <paramref name="sql"/> and returns the number of rows it changed; scoped as <see cref="Select{T}"/>.</summary>
    /// <param name="sql">PostgreSQL text with Dapper's <c>@name</c> parameters.</param>
    /// <param name="param">The parameters, as for Dapper; a list runs the statement once per item.</param>
    /// <param name="transaction">The transaction of <see cref="Connection"/> to run in.</param>
    /// <param name="timeout">The command timeout in seconds; <see cref="QueryTimeout"/> when null.</param>
    /// <param name="cancellationToken">Cancels the command.</param>
    public async Task<int> StatementAsync(string sql, object? param = null, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default)
    {
        await using var connection = RawConnection();
        return await connection.ExecuteAsync(RawCommand(sql, param, connection.Adopt(transaction), timeout, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// The connection raw SQL runs on: the factory's own when it is a <see cref="TenantDataSource"/>'s; else a scoping
    /// wrapper around the factory's Npgsql connection (disposing it leaves that connection open and owned by the factory).
    /// Without a model and a tenant, the text runs as written, as the factory's builder statements do.
    /// </summary>
    private RawConnectionLease RawConnection() => Connection switch
    {
        ScopingConnection scoping => new RawConnectionLease(scoping, null),
        DriverConnection driver when Model is not null || CurrentTenant.Current is not null =>
            Lease(new ScopingConnection(driver, RequireModel(), ownsInner: false)),
        DriverConnection driver => new RawConnectionLease(driver, null),
        _ => throw new TenantModelException(
            $"Raw SQL through a QueryFactory is scoped on Npgsql connections; this factory's connection is a {Connection.GetType().Name}. Create the factory on an NpgsqlConnection or on a connection of a TenantDataSource."),
    };

    private static RawConnectionLease Lease(ScopingConnection wrapper) => new(wrapper, wrapper);

    private CommandDefinition RawCommand(string sql, object? param, IDbTransaction? transaction, int? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return new CommandDefinition(sql, param, transaction, timeout ?? QueryTimeout, cancellationToken: cancellationToken);
    }

    /// <summary>A connection for one raw call, and the wrapper to dispose after it (never the factory's connection).</summary>
    private readonly struct RawConnectionLease(DbConnection connection, ScopingConnection? wrapper) : IDisposable, IAsyncDisposable
    {
        public IEnumerable<T> Query<T>(CommandDefinition command) => connection.Query<T>(command);

        public Task<IEnumerable<T>> QueryAsync<T>(CommandDefinition command) => connection.QueryAsync<T>(command);

        public int Execute(CommandDefinition command) => connection.Execute(command);

        public Task<int> ExecuteAsync(CommandDefinition command) => connection.ExecuteAsync(command);

        /// <summary>The caller's transaction as the wrapper's (<see cref="ScopingConnection.Adopt"/>), when there is a wrapper.</summary>
        public IDbTransaction? Adopt(IDbTransaction? transaction) => wrapper is null ? transaction : wrapper.Adopt(transaction);

        public void Dispose() => wrapper?.Dispose();

        public ValueTask DisposeAsync() => wrapper?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
