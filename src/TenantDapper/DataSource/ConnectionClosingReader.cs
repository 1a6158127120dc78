using System.Data;
using System.Data.Common;

namespace TenantDapper.DataSource;

/// <summary>
/// The reader of a command run with <see cref="System.Data.CommandBehavior.CloseConnection"/> on a connection whose
/// session is to be reset before it goes back to a pool that resets nothing (<see cref="UnresetPool"/>): the driver's
/// reader runs without the flag, so it cannot hand the session back to the pool itself, and closing this reader closes
/// the scoping connection, which resets the session first.
/// </summary>
internal sealed class ConnectionClosingReader(DbDataReader inner, NpgsqlConnection connection) : WrappingReader(inner)
{
    /// <summary>
    /// Runs the driver's reader of <paramref name="statement"/> (a command or a batch) for <paramref name="behavior"/>:
    /// as asked, or, when <paramref name="connection"/>'s session is to be reset before it goes back to the pool,
    /// without <see cref="CommandBehavior.CloseConnection"/> and wrapped, closing the scoping connection itself if the
    /// reader fails to start (as the driver would have).
    /// </summary>
    public static ValueTask<DbDataReader> ExecuteAsync<TStatement>(
        NpgsqlConnection? connection,
        TStatement statement,
        CommandBehavior behavior,
        Func<TStatement, CommandBehavior, bool, CancellationToken, ValueTask<DbDataReader>> execute,
        bool async,
        CancellationToken cancellationToken)
    {
        // The common case adds no state machine of its own.
        var sent = connection?.DriverBehavior(behavior) ?? behavior;
        return sent == behavior
            ? execute(statement, behavior, async, cancellationToken)
            : WrappedAsync(connection!, statement, sent, execute, async, cancellationToken);
    }

    private static async ValueTask<DbDataReader> WrappedAsync<TStatement>(
        NpgsqlConnection connection,
        TStatement statement,
        CommandBehavior sent,
        Func<TStatement, CommandBehavior, bool, CancellationToken, ValueTask<DbDataReader>> execute,
        bool async,
        CancellationToken cancellationToken)
    {
        DbDataReader reader;
        try
        {
            reader = await execute(statement, sent, async, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            if (async)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
            else
            {
                connection.Close();
            }

            throw;
        }

        return new ConnectionClosingReader(reader, connection);
    }

    public override void Close()
    {
        try
        {
            Inner.Close();
        }
        finally
        {
            connection.Close();
        }
    }

    public override async Task CloseAsync()
    {
        try
        {
            await Inner.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                Inner.Dispose();
            }
            finally
            {
                connection.Close();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await Inner.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await connection.CloseAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
