using System.Data;
using System.Data.Common;
using Npgsql;

namespace TenantDapper.DataSource;

/// <summary>
/// A transaction of a scoping connection: its <see cref="DbConnection"/> is the scoping connection, never the driver's.
/// Every end of it, and every rollback to a savepoint, tells the connection, whose session reset it may have undone
/// (<see cref="NpgsqlConnection.TransactionUnwound"/>), whether the driver's call succeeded or not.
/// </summary>
internal sealed class ScopingTransaction(NpgsqlConnection connection, NpgsqlTransaction inner) : DbTransaction
{
    /// <summary>The driver's transaction, set on the driver's command when a scoping command runs in this transaction.</summary>
    internal NpgsqlTransaction Inner { get; } = inner;

    /// <summary>Whether the transaction is still open: neither committed, rolled back nor disposed (a disposed driver's transaction throws when asked).</summary>
    internal bool IsOpen => !_disposed && Inner.Connection is not null;

    private bool _disposed;

    public override IsolationLevel IsolationLevel => Inner.IsolationLevel;

    public override bool SupportsSavepoints => Inner.SupportsSavepoints;

    protected override DbConnection? DbConnection => Inner.Connection is null ? null : connection;

    public override void Commit()
    {
        try
        {
            Inner.Commit();
        }
        finally
        {
            connection.TransactionUnwound(ended: true);
        }
    }

    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Inner.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connection.TransactionUnwound(ended: true);
        }
    }

    public override void Rollback()
    {
        try
        {
            Inner.Rollback();
        }
        finally
        {
            connection.TransactionUnwound(ended: true);
        }
    }

    public override async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await Inner.RollbackAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connection.TransactionUnwound(ended: true);
        }
    }

    public override void Save(string savepointName) => Inner.Save(savepointName);

    public override Task SaveAsync(string savepointName, CancellationToken cancellationToken = default) => Inner.SaveAsync(savepointName, cancellationToken);

    public override void Rollback(string savepointName)
    {
        try
        {
            Inner.Rollback(savepointName);
        }
        finally
        {
            connection.TransactionUnwound(ended: false);
        }
    }

    public override async Task RollbackAsync(string savepointName, CancellationToken cancellationToken = default)
    {
        try
        {
            await Inner.RollbackAsync(savepointName, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            connection.TransactionUnwound(ended: false);
        }
    }

    public override void Release(string savepointName) => Inner.Release(savepointName);

    public override Task ReleaseAsync(string savepointName, CancellationToken cancellationToken = default) => Inner.ReleaseAsync(savepointName, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            try
            {
                Inner.Dispose();
            }
            finally
            {
                connection.TransactionUnwound(ended: true);
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            try
            {
                await Inner.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                connection.TransactionUnwound(ended: true);
            }
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }
}
