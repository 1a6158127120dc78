using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Npgsql;
using TenantDapper.Diagnostics;

namespace TenantDapper.DataSource;

/// <summary>
/// A batch of the scoping data source: when it is executed, every command's text is scoped for the tenant captured at
/// that moment (one capture for the whole batch) and the tenant bound to it, before the driver's batch sends any of
/// them; a refusal of any command sends none.
/// </summary>
internal sealed class ScopingBatch : DbBatch
{
    private readonly NpgsqlBatch _inner;
    private TenantModel _model;
    private TenantSettingCarrier? _rowLevelSecurity;
    private readonly ScopingBatchCommandCollection _commands = new();
    private NpgsqlConnection? _connection;
    private ScopingTransaction? _transaction;
    private bool _block;

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

    public override int ExecuteNonQuery()
    {
        var bound = Bind(out var span);
        try
        {
            return _inner.ExecuteNonQuery();
        }
        catch when (_block)
        {
            TenantSession.Abandon(_connection);
            throw;
        }
        finally
        {
            Unbind(bound);
            span?.Dispose();
        }
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken = default)
    {
        var bound = Bind(out var span);
        try
        {
            return await _inner.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (_block)
        {
            await TenantSession.AbandonAsync(_connection).ConfigureAwait(false);
            throw;
        }
        finally
        {
            Unbind(bound);
            span?.Dispose();
        }
    }

    public override object? ExecuteScalar()
    {
        var bound = Bind(out var span);
        try
        {
            return _inner.ExecuteScalar();
        }
        catch when (_block)
        {
            TenantSession.Abandon(_connection);
            throw;
        }
        finally
        {
            Unbind(bound);
            span?.Dispose();
        }
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken = default)
    {
        var bound = Bind(out var span);
        try
        {
            return await _inner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (_block)
        {
            await TenantSession.AbandonAsync(_connection).ConfigureAwait(false);
            throw;
        }
        finally
        {
            Unbind(bound);
            span?.Dispose();
        }
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var bound = Bind(out var span);
        try
        {
            var reader = _inner.ExecuteReader(behavior);
            return _block ? new BlockReader(reader, _connection) : reader;
        }
        catch when (_block)
        {
            TenantSession.Abandon(_connection);
            throw;
        }
        finally
        {
            Unbind(bound);
            span?.Dispose();
        }
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var bound = Bind(out var span);
        try
        {
            var reader = await _inner.ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);
            return _block ? new BlockReader(reader, _connection) : reader;
        }
        catch when (_block)
        {
            await TenantSession.AbandonAsync(_connection).ConfigureAwait(false);
            throw;
        }
        finally
        {
            Unbind(bound);
            span?.Dispose();
        }
    }

    public override void Prepare()
    {
        var bound = Bind(out var span);
        try
        {
            _inner.Prepare();
        }
        finally
        {
            Unbind(bound);
            span?.Dispose();
        }
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        var bound = Bind(out var span);
        try
        {
            await _inner.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Unbind(bound);
            span?.Dispose();
        }
    }

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

    /// <summary>Scopes every command before any is handed to the driver: a refusal leaves the driver's batch empty.</summary>
    private BoundCommand[] Bind(out Activity? span)
    {
        var state = CurrentTenant.Current;
        var commands = _commands.Commands;
        span = Telemetry.Start(Telemetry.TextPath, state, commands.Count > 0 ? commands[0].CommandText : "");
        var started = Telemetry.StartScoping();
        var bound = new BoundCommand[commands.Count];
        _inner.BatchCommands.Clear();
        try
        {
            TenantSession.Enter(_connection, state);
            for (var i = 0; i < commands.Count; i++)
            {
                var command = commands[i];
                bound[i] = CommandScoping.Bind(_model, state, command.CommandText, command.CommandType, command.Inner.Parameters);
                command.Inner.CommandText = bound[i].Text;
                command.Inner.CommandType = bound[i].Type;
            }
        }
        catch (Exception e)
        {
            Unbind(bound);
            if (e is TenantDapperException)
            {
                Telemetry.StatementRefused(span, e);
            }
            else
            {
                span?.Dispose();
            }

            throw;
        }

        if (state is not { IsBypass: true })
        {
            Telemetry.StatementsScoped(Telemetry.TextPath, commands.Count, started);
        }

        // One prelude for the whole batch: its commands share one Sync, so one transaction (on Citus a block of its own).
        var prelude = TenantSession.PreludeFor(_rowLevelSecurity, state, _connection);
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

        _block = prelude is { Block: true };

        return bound;
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
