using System.Data;
using System.Data.Common;
using Npgsql;
using TenantDapper.Diagnostics;
using TenantDapper.Tenancy;

namespace TenantDapper.DataSource;

/// <summary>
/// A batch of the scoping data source: when it is executed, every command's text is scoped for the tenant captured at
/// that moment (one capture for the whole batch) and the tenant bound to it, before the driver's batch sends any of
/// them; a refusal of any command sends none.
/// </summary>
internal sealed class ScopingBatch : DbBatch, IScopedStatement<BoundCommand[]>
{
    private readonly NpgsqlBatch _inner;
    private TenantModel _model;
    private TenantSettingCarrier? _rowLevelSecurity;
    private readonly ScopingBatchCommandCollection _commands = new();
    private NpgsqlConnection? _connection;
    private ScopingTransaction? _transaction;
    private bool _preludeRow;

    /// <param name="inner">The driver's batch (of a connection, or of the driver's data source).</param>
    /// <param name="model">The model statements are scoped by.</param>
    /// <param name="connection">The scoping connection, or <see langword="null"/> for a batch of the data source.</param>
    /// <param name="rowLevelSecurity">How the batch carries its tenants to row-level security (a first command of its own), or <see langword="null"/> when it does not.</param>
    public ScopingBatch(NpgsqlBatch inner, TenantModel model, NpgsqlConnection? connection, TenantSettingCarrier? rowLevelSecurity)
    {
        _inner = inner;
        _model = model;
        _connection = connection;
        _rowLevelSecurity = rowLevelSecurity;
    }

    public override int Timeout
    {
        get => _inner.Timeout;
        set => _inner.Timeout = value;
    }

    protected override DbBatchCommandCollection DbBatchCommands => _commands;

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            var scoping = ScopingCommand.RequireScoping<NpgsqlConnection>(value, "connection");
            _inner.Connection = scoping?.Inner;
            _connection = scoping;
            _model = scoping?.Model ?? _model;
            _rowLevelSecurity = scoping?.RowLevelSecurity ?? _rowLevelSecurity;
        }
    }

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set
        {
            var scoping = ScopingCommand.RequireScoping<ScopingTransaction>(value, "transaction");
            _inner.Transaction = scoping?.Inner;
            _transaction = scoping;
        }
    }

    public override void Cancel() => _inner.Cancel();

    protected override DbBatchCommand CreateDbBatchCommand() => new ScopingBatchCommand(new NpgsqlBatchCommand());

    public override int ExecuteNonQuery() =>
        Send(CommandBehavior.Default, static (batch, _, async, token) => NonQuery(batch._inner, async, token), async: false, default).GetAwaiter().GetResult();

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default) =>
        Send(CommandBehavior.Default, static (batch, _, async, token) => NonQuery(batch._inner, async, token), async: true, cancellationToken).AsTask();

    public override object? ExecuteScalar() =>
        Send(CommandBehavior.Default, static (batch, _, async, token) => Scalar(batch, async, token), async: false, default).GetAwaiter().GetResult();

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default) =>
        Send(CommandBehavior.Default, static (batch, _, async, token) => Scalar(batch, async, token), async: true, cancellationToken).AsTask();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        Send(behavior, static (batch, behavior, async, token) => Reader(batch, behavior, async, token), async: false, default).GetAwaiter().GetResult();

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        Send(behavior, static (batch, behavior, async, token) => Reader(batch, behavior, async, token), async: true, cancellationToken).AsTask();

    public override void Prepare() =>
        Send(CommandBehavior.Default, static (batch, _, async, token) => Prepare(batch._inner, async, token), async: false, default).GetAwaiter().GetResult();

    public override Task PrepareAsync(CancellationToken cancellationToken = default) =>
        Send(CommandBehavior.Default, static (batch, _, async, token) => Prepare(batch._inner, async, token), async: true, cancellationToken).AsTask();

    public override void Dispose()
    {
        _inner.Dispose();
        base.Dispose();
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    NpgsqlConnection? IScopedStatement<BoundCommand[]>.Connection => _connection;

    TenantSettingCarrier? IScopedStatement<BoundCommand[]>.RowLevelSecurity => _rowLevelSecurity;

    string IScopedStatement<BoundCommand[]>.Path => Telemetry.TextPath;

    string IScopedStatement<BoundCommand[]>.Text => _commands.Commands.Count > 0 ? _commands.Commands[0].CommandText : "";

    int IScopedStatement<BoundCommand[]>.ScopedCount => _commands.Commands.Count;

    TenantState? IScopedStatement<BoundCommand[]>.Capture() => CurrentTenant.Current;

    /// <summary>Scopes every command before any is handed to the driver: a refusal leaves the driver's batch empty.</summary>
    BoundCommand[] IScopedStatement<BoundCommand[]>.Bind(TenantState? state, TenantPrelude? prelude)
    {
        var commands = _commands.Commands;
        var bound = new BoundCommand[commands.Count];
        _inner.BatchCommands.Clear();
        try
        {
            for (var i = 0; i < commands.Count; i++)
            {
                var command = commands[i];
                if (state is { IsBypass: true })
                {
                    TenantSession.Bypassed(_connection, command.CommandText);
                }

                bound[i] = CommandScoping.Bind(_model, state, command.CommandText, command.CommandType, command.Inner.Parameters, citusRowLevelSecurity: prelude is { OnCitus: true });
                command.Inner.CommandText = bound[i].Text;
                command.Inner.CommandType = bound[i].Type;
            }
        }
        catch
        {
            Unbind(bound);
            throw;
        }

        // One prelude for the whole batch: its commands share one Sync, so one transaction (on Citus a block of its own).
        _preludeRow = prelude is { ReturnsRow: true };
        if (prelude is { } opening)
        {
            TenantSession.Open(_inner.BatchCommands, opening);
        }

        foreach (var command in commands)
        {
            _inner.BatchCommands.Add(command.Inner);
        }

        if (prelude is { } closing)
        {
            TenantSession.Close(_inner.BatchCommands, closing);
        }

        return bound;
    }

    void IScopedStatement<BoundCommand[]>.Unbind(BoundCommand[] bound) => Unbind(bound);

    private ValueTask<TResult> Send<TResult>(CommandBehavior behavior, Func<ScopingBatch, CommandBehavior, bool, CancellationToken, ValueTask<TResult>> execute, bool async, CancellationToken cancellationToken) =>
        StatementSender.Send<ScopingBatch, BoundCommand[], CommandBehavior, TResult>(this, behavior, execute, async, cancellationToken);

    // The driver's task as it is, without a state machine of our own around it (the sender awaits it).
    private static ValueTask<int> NonQuery(NpgsqlBatch batch, bool async, CancellationToken cancellationToken) =>
        async ? new(batch.ExecuteNonQueryAsync(cancellationToken)) : new(batch.ExecuteNonQuery());

    private static async ValueTask<object?> Scalar(ScopingBatch batch, bool async, CancellationToken cancellationToken)
    {
        var inner = batch._inner;
        if (!batch._preludeRow)
        {
            return async ? await inner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : inner.ExecuteScalar();
        }

        var reader = async ? await inner.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false) : inner.ExecuteReader();
        return await PreludeResults.Scalar(reader, async, cancellationToken).ConfigureAwait(false);
    }

    private static ValueTask<DbDataReader> Reader(ScopingBatch batch, CommandBehavior behavior, bool async, CancellationToken cancellationToken) =>
        ConnectionClosingReader.ExecuteAsync(batch._connection, batch, PreludeResults.Behavior(behavior, batch._preludeRow), static async (batch, sent, async, token) =>
        {
            var inner = batch._inner;
            DbDataReader reader = async ? await inner.ExecuteReaderAsync(sent, token).ConfigureAwait(false) : inner.ExecuteReader(sent);
            return batch._preludeRow ? await PreludeResults.Skip(reader, async, token).ConfigureAwait(false) : reader;
        }, async, cancellationToken);

    private static async ValueTask<bool> Prepare(NpgsqlBatch batch, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await batch.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            batch.Prepare();
        }

        return true;
    }

    private void Unbind(BoundCommand[] bound)
    {
        var commands = _commands.Commands;
        for (var i = 0; i < bound.Length && i < commands.Count; i++)
        {
            CommandScoping.Unbind(commands[i].Inner.Parameters, bound[i]);
        }
    }
}
