using System.Data;
using System.Data.Common;

namespace TenantDapper.DataSource;

/// <summary>
/// A batch of a <see cref="TenantDataSource"/> whose pool resets nothing (<see cref="UnresetPool"/>): each execution
/// opens one of the data source's own connections and closes it again, so what a bypass left in the session is reset
/// before it goes back (<see cref="NpgsqlConnection"/>). It stands in for the framework's own wrapper, which cannot
/// create a batch command.
/// </summary>
/// <param name="connection">A new, closed connection of the data source, owned by the batch.</param>
internal sealed class OwnConnectionBatch(DbConnection connection) : DbBatch
{
    private readonly DbBatch _batch = connection.CreateBatch();

    public override int Timeout
    {
        get => _batch.Timeout;
        set => _batch.Timeout = value;
    }

    protected override DbBatchCommandCollection DbBatchCommands => _batch.BatchCommands;

    protected override DbConnection? DbConnection
    {
        get => null;
        set => throw new NotSupportedException("A batch of a TenantDataSource opens a connection of its own for each execution; create the batch on an open connection (connection.CreateBatch()) to run it on that connection.");
    }

    protected override DbTransaction? DbTransaction
    {
        get => null;
        set => throw new NotSupportedException("A batch of a TenantDataSource runs outside any transaction; create the batch on the transaction's connection and set its Transaction there.");
    }

    public override void Cancel() => _batch.Cancel();

    protected override DbBatchCommand CreateDbBatchCommand() => _batch.CreateBatchCommand();

    public override int ExecuteNonQuery()
    {
        connection.Open();
        try
        {
            return _batch.ExecuteNonQuery();
        }
        finally
        {
            connection.Close();
        }
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default)
    {
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    public override object? ExecuteScalar()
    {
        connection.Open();
        try
        {
            return _batch.ExecuteScalar();
        }
        finally
        {
            connection.Close();
        }
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default)
    {
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    // The reader closes the connection when it is closed.
    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        connection.Open();
        try
        {
            return _batch.ExecuteReader(behavior | CommandBehavior.CloseConnection);
        }
        catch
        {
            connection.Close();
            throw;
        }
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await _batch.ExecuteReaderAsync(behavior | CommandBehavior.CloseConnection, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override void Prepare() => throw PrepareRefused();

    public override Task PrepareAsync(CancellationToken cancellationToken = default) => Task.FromException(PrepareRefused());

    public override void Dispose()
    {
        _batch.Dispose();
        connection.Dispose();
        base.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await _batch.DisposeAsync().ConfigureAwait(false);
        await connection.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static NotSupportedException PrepareRefused() =>
        new("A batch of a TenantDataSource opens a new connection for each execution, so there is nothing to prepare it on; create the batch on an open connection to prepare it.");
}
