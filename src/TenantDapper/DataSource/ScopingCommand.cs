using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Npgsql;
using TenantDapper.Diagnostics;

namespace TenantDapper.DataSource;

/// <summary>
/// A command of the scoping data source. It keeps the caller's text and, on every execution path (reader, non-query,
/// scalar, their async forms, prepare), scopes it for the tenant captured at that moment and binds the tenant before
/// the driver's command sends anything; afterwards the caller sees its own text and parameters again.
/// </summary>
internal sealed class ScopingCommand : DbCommand
{
    private readonly NpgsqlCommand _inner;
    private TenantModel _model;
    private TenantSettingCarrier? _rowLevelSecurity;
    private NpgsqlConnection? _connection;
    private ScopingTransaction? _transaction;
    private NpgsqlTransaction? _ownerTransaction;
    private string _text = "";
    private CommandType _type = CommandType.Text;

    /// <param name="inner">The driver's command (of a connection, or of the driver's data source).</param>
    /// <param name="model">The model statements are scoped by.</param>
    /// <param name="connection">The scoping connection, or <see langword="null"/> for a command of the data source.</param>
    /// <param name="rowLevelSecurity">How statements carry their tenants to row-level security, or <see langword="null"/> when they do not.</param>
    public ScopingCommand(NpgsqlCommand inner, TenantModel model, NpgsqlConnection? connection, TenantSettingCarrier? rowLevelSecurity)
    {
        _inner = inner;
        _model = model;
        _connection = connection;
        _rowLevelSecurity = rowLevelSecurity;
    }

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set => _text = value ?? "";
    }

    public override int CommandTimeout
    {
        get => _inner.CommandTimeout;
        set => _inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => _type;
        set => _type = value;
    }

    public override bool DesignTimeVisible
    {
        get => _inner.DesignTimeVisible;
        set => _inner.DesignTimeVisible = value;
    }

    public override UpdateRowSource UpdatedRowSource
    {
        get => _inner.UpdatedRowSource;
        set => _inner.UpdatedRowSource = value;
    }

    protected override DbConnection? DbConnection
    {
        get => _connection;
        set
        {
            var scoping = RequireScoping<NpgsqlConnection>(value, "connection");
            _inner.Connection = scoping?.Inner;
            _connection = scoping;
            _model = scoping?.Model ?? _model;
            _rowLevelSecurity = scoping?.RowLevelSecurity ?? _rowLevelSecurity;
        }
    }

    protected override DbTransaction? DbTransaction
    {
        get => _transaction ?? (DbTransaction?)_ownerTransaction;
        set
        {
            // A QueryFactory's caller holds the driver's transaction of the very connection this command wraps.
            if (value is NpgsqlTransaction owner && owner.Connection is { } of && ReferenceEquals(of, _inner.Connection))
            {
                _inner.Transaction = owner;
                _ownerTransaction = owner;
                _transaction = null;
                return;
            }

            var scoping = RequireScoping<ScopingTransaction>(value, "transaction");
            _inner.Transaction = scoping?.Inner;
            _transaction = scoping;
            _ownerTransaction = null;
        }
    }

    protected override DbParameterCollection DbParameterCollection => _inner.Parameters;

    public override void Cancel() => _inner.Cancel();

    protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

    public override int ExecuteNonQuery()
    {
        var bound = Bind(out var span);
        try
        {
            return _inner.ExecuteNonQuery();
        }
        catch when (bound.Block)
        {
            TenantSession.Abandon(_connection);
            throw;
        }
        finally
        {
            CommandScoping.Unbind(_inner.Parameters, bound);
            span?.Dispose();
        }
    }

    public override async Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        var bound = Bind(out var span);
        try
        {
            return await _inner.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (bound.Block)
        {
            await TenantSession.AbandonAsync(_connection).ConfigureAwait(false);
            throw;
        }
        finally
        {
            CommandScoping.Unbind(_inner.Parameters, bound);
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
        catch when (bound.Block)
        {
            TenantSession.Abandon(_connection);
            throw;
        }
        finally
        {
            CommandScoping.Unbind(_inner.Parameters, bound);
            span?.Dispose();
        }
    }

    public override async Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        var bound = Bind(out var span);
        try
        {
            return await _inner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (bound.Block)
        {
            await TenantSession.AbandonAsync(_connection).ConfigureAwait(false);
            throw;
        }
        finally
        {
            CommandScoping.Unbind(_inner.Parameters, bound);
            span?.Dispose();
        }
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        var bound = Bind(out var span);
        try
        {
            var reader = _inner.ExecuteReader(behavior);
            return bound.Block ? new BlockReader(reader, _connection) : reader;
        }
        catch when (bound.Block)
        {
            TenantSession.Abandon(_connection);
            throw;
        }
        finally
        {
            CommandScoping.Unbind(_inner.Parameters, bound);
            span?.Dispose();
        }
    }

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var bound = Bind(out var span);
        try
        {
            var reader = await _inner.ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);
            return bound.Block ? new BlockReader(reader, _connection) : reader;
        }
        catch when (bound.Block)
        {
            await TenantSession.AbandonAsync(_connection).ConfigureAwait(false);
            throw;
        }
        finally
        {
            CommandScoping.Unbind(_inner.Parameters, bound);
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
            CommandScoping.Unbind(_inner.Parameters, bound);
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
            CommandScoping.Unbind(_inner.Parameters, bound);
            span?.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Only the data source's own connections and transactions: the driver's would be a way around scoping.</summary>
    internal static T? RequireScoping<T>(object? value, string what)
        where T : class => value switch
        {
            null => null,
            T scoping => scoping,
            _ => throw new ArgumentException(
                $"A command of a TenantDataSource runs only on that data source's own {what}s (a {value.GetType().Name} was given). Open the connection with tenantDataSource.OpenConnection() and begin the transaction on it.",
                nameof(value)),
        };

    /// <summary>Scopes the text for the tenant captured now; <paramref name="span"/> (the driver's span becomes its child) ends after the driver's call.</summary>
    private BoundCommand Bind(out Activity? span)
    {
        var state = CurrentTenant.Current;
        span = Telemetry.Start(Telemetry.TextPath, state, _text);
        var started = Telemetry.StartScoping();
        BoundCommand bound;
        try
        {
            TenantSession.Enter(_connection, state);
            bound = CommandScoping.Bind(_model, state, _text, _type, _inner.Parameters, TenantSession.PreludeFor(_rowLevelSecurity, state, _connection));
        }
        catch (Exception e)
        {
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
            Telemetry.StatementsScoped(Telemetry.TextPath, 1, started);
        }

        _inner.CommandText = bound.Text;
        _inner.CommandType = bound.Type;
        return bound;
    }
}
