using System.Data.Common;

namespace TenantDapper.DataSource;

/// <summary>
/// The reader of a statement whose prelude opened a transaction block (on Citus, <see cref="TenantPrelude.Block"/>):
/// the block's <c>COMMIT</c> comes after the rows, so it runs when the reader is consumed; an error while reading
/// (a row, the commit) leaves the block aborted, so the reader is closed and the block rolled back
/// (<see cref="TenantSession.Abandon"/>) before the error reaches the caller.
/// </summary>
internal sealed class BlockReader(DbDataReader inner, NpgsqlConnection? connection) : WrappingReader(inner)
{
    public override bool Read()
    {
        try
        {
            return Inner.Read();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override bool NextResult()
    {
        try
        {
            return Inner.NextResult();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    public override async Task<bool> NextResultAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await Inner.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override void Close()
    {
        try
        {
            Inner.Close();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    public override async Task CloseAsync()
    {
        try
        {
            await Inner.CloseAsync().ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync().ConfigureAwait(false);
            throw;
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
            catch
            {
                Abandon();
                throw;
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
        catch
        {
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the driver's reader (the connection runs one statement at a time) and rolls the block back.</summary>
    private void Abandon()
    {
        try
        {
            Inner.Dispose();
        }
        catch (Npgsql.NpgsqlException)
        {
            // The error being thrown is the one that counts; closing only consumes what the server still sends.
        }

        TenantSession.Abandon(connection);
    }

    private async Task AbandonAsync()
    {
        try
        {
            await Inner.DisposeAsync().ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException)
        {
            // As in Abandon.
        }

        await TenantSession.AbandonAsync(connection).ConfigureAwait(false);
    }
}
