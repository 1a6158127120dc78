using System.Data;
using System.Data.Common;
using Npgsql;

namespace TenantDapper.DataSource;

/// <summary>A transaction of a scoping connection: its <see cref="DbConnection"/> is the scoping connection, never the driver's.</summary>
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

    public override void Commit() => Inner.Commit();

    public override Task CommitAsync(CancellationToken cancellationToken = default) => Inner.CommitAsync(cancellationToken);

    public override void Rollback() => Inner.Rollback();

    public override Task RollbackAsync(CancellationToken cancellationToken = default) => Inner.RollbackAsync(cancellationToken);

    public override void Save(string savepointName) => Inner.Save(savepointName);

    public override Task SaveAsync(string savepointName, CancellationToken cancellationToken = default) => Inner.SaveAsync(savepointName, cancellationToken);

    public override void Rollback(string savepointName) => Inner.Rollback(savepointName);

    public override Task RollbackAsync(string savepointName, CancellationToken cancellationToken = default) => Inner.RollbackAsync(savepointName, cancellationToken);

    public override void Release(string savepointName) => Inner.Release(savepointName);

    public override Task ReleaseAsync(string savepointName, CancellationToken cancellationToken = default) => Inner.ReleaseAsync(savepointName, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed = true;
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _disposed = true;
        await Inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
