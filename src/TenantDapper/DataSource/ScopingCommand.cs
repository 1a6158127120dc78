using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Npgsql;
using TenantDapper.Diagnostics;
using TenantDapper.Tenancy;

namespace TenantDapper.DataSource;

/// <summary>
/// A command of the scoping data source. It keeps the caller's text and, on every execution path (reader, non-query,
/// scalar, their async forms, prepare), scopes it for the tenant captured at that moment and binds the tenant before
/// the driver's command sends anything; afterwards the caller sees its own text and parameters again.
/// </summary>
internal sealed class ScopingCommand : DbCommand, IScopedStatement<BoundCommand>
{
    private readonly NpgsqlCommand _inner;
    private TenantModel _model;
    private TenantSettingCarrier? _rowLevelSecurity;
    private NpgsqlConnection? _connection;
    private ScopingTransaction? _transaction;
    private PreScopedStatement? _preScoped;
    private bool _prepare;
    private bool _preludeRow;
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
        set
        {
            _text = value ?? "";
            _preScoped = null;
        }
    }

    /// <summary>
    /// Marks the text set last as a builder statement already scoped for <see cref="PreScopedStatement.State"/>: it is
    /// sent without being parsed again. Setting <see cref="CommandText"/> afterwards clears the mark.
    /// </summary>
    internal void MarkPreScoped(PreScopedStatement statement) => _preScoped = statement;

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
        get => _transaction;
        set
        {
            var scoping = RequireScoping<ScopingTransaction>(value, "transaction");
            _inner.Transaction = scoping?.Inner;
            _transaction = scoping;
        }
    }

    protected override DbParameterCollection DbParameterCollection => _inner.Parameters;

    public override void Cancel() => _inner.Cancel();

    protected override DbParameter CreateDbParameter() => _inner.CreateParameter();

    public override int ExecuteNonQuery() =>
        Send(CommandBehavior.Default, static (command, _, async, token) => NonQuery(command, async, token), async: false, default).GetAwaiter().GetResult();

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) =>
        Send(CommandBehavior.Default, static (command, _, async, token) => NonQuery(command, async, token), async: true, cancellationToken).AsTask();

    public override object? ExecuteScalar() =>
        Send(CommandBehavior.Default, static (command, _, async, token) => Scalar(command, async, token), async: false, default).GetAwaiter().GetResult();

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) =>
        Send(CommandBehavior.Default, static (command, _, async, token) => Scalar(command, async, token), async: true, cancellationToken).AsTask();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) =>
        Send(behavior, static (command, behavior, async, token) => Reader(command, behavior, async, token), async: false, default).GetAwaiter().GetResult();

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        Send(behavior, static (command, behavior, async, token) => Reader(command, behavior, async, token), async: true, cancellationToken).AsTask();

    public override void Prepare() =>
        Send(CommandBehavior.Default, static (command, _, async, token) => Prepare(command._inner, async, token), async: false, default).GetAwaiter().GetResult();

    public override Task PrepareAsync(CancellationToken cancellationToken = default) =>
        Send(CommandBehavior.Default, static (command, _, async, token) => Prepare(command._inner, async, token), async: true, cancellationToken).AsTask();

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

    NpgsqlConnection? IScopedStatement<BoundCommand>.Connection => _connection;

    TenantSettingCarrier? IScopedStatement<BoundCommand>.RowLevelSecurity => _rowLevelSecurity;

    string IScopedStatement<BoundCommand>.Path => _preScoped is null ? Telemetry.TextPath : Telemetry.BuilderPath;

    string IScopedStatement<BoundCommand>.Text => _text;

    int IScopedStatement<BoundCommand>.ScopedCount => _preScoped is null ? 1 : 0;

    TenantState? IScopedStatement<BoundCommand>.Capture() => _preScoped is { } statement ? statement.State : CurrentTenant.Current;

    BoundCommand IScopedStatement<BoundCommand>.Bind(TenantState? state, TenantPrelude? prelude)
    {
        var bound = _preScoped is not { } preScoped
            ? CommandScoping.Bind(_model, state, _text, _type, _inner.Parameters, prelude, connection: _connection)
            : CommandScoping.BindPreScoped(_text, preScoped, _inner.Parameters, prelude, _connection);
        _inner.CommandText = bound.Text;
        _inner.CommandType = bound.Type;
        if (state is { IsBypass: true })
        {
            TenantSession.Bypassed(_connection, _text);
            _prepare = false;
        }
        else
        {
            // Scoped text is one text for every tenant (the tenant is a parameter), so one prepared statement serves them all.
            _prepare = _connection?.Preparation?.ShouldPrepare(bound.Text) ?? false;
        }

        _preludeRow = bound.PreludeRow;
        return bound;
    }

    void IScopedStatement<BoundCommand>.Unbind(BoundCommand bound) => CommandScoping.Unbind(_inner.Parameters, bound, _connection);

    private ValueTask<TResult> Send<TResult>(CommandBehavior behavior, Func<ScopingCommand, CommandBehavior, bool, CancellationToken, ValueTask<TResult>> execute, bool async, CancellationToken cancellationToken) =>
        StatementSender.Send<ScopingCommand, BoundCommand, CommandBehavior, TResult>(this, behavior, execute, async, cancellationToken);

    private static async ValueTask<int> NonQuery(ScopingCommand command, bool async, CancellationToken cancellationToken)
    {
        await PrepareIfStable(command, CommandBehavior.Default, async, cancellationToken).ConfigureAwait(false);
        return async ? await command._inner.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) : command._inner.ExecuteNonQuery();
    }

    private static async ValueTask<object?> Scalar(ScopingCommand command, bool async, CancellationToken cancellationToken)
    {
        await PrepareIfStable(command, CommandBehavior.Default, async, cancellationToken).ConfigureAwait(false);
        var inner = command._inner;
        if (!command._preludeRow)
        {
            return async ? await inner.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) : inner.ExecuteScalar();
        }

        var reader = async ? await inner.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false) : inner.ExecuteReader();
        return await PreludeResults.Scalar(reader, async, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<DbDataReader> Reader(ScopingCommand command, CommandBehavior behavior, bool async, CancellationToken cancellationToken)
    {
        await PrepareIfStable(command, behavior, async, cancellationToken).ConfigureAwait(false);
        return await ConnectionClosingReader.ExecuteAsync(command._connection, command, PreludeResults.Behavior(behavior, command._preludeRow), static async (command, sent, async, token) =>
        {
            var inner = command._inner;
            DbDataReader reader = async ? await inner.ExecuteReaderAsync(sent, token).ConfigureAwait(false) : inner.ExecuteReader(sent);
            return command._preludeRow ? await PreludeResults.Skip(reader, async, token).ConfigureAwait(false) : reader;
        }, async, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Prepares the driver's command right before it runs when the data source prepares its text
    /// (<see cref="StatementPreparation"/>): Npgsql keeps prepared statements per physical connection by their text, so
    /// once this text is prepared there, this costs a look-up and no round trip; the first time, one round trip. Not while
    /// the driver's connection is busy (a reader open): the driver would record the statement as being prepared before it
    /// refuses the call, and a reader still open would then fail on the server's answer it did not expect; unprepared,
    /// the execution is refused as on the driver's own connection.
    /// </summary>
    private static ValueTask PrepareIfStable(ScopingCommand command, CommandBehavior behavior, bool async, CancellationToken cancellationToken)
    {
        if (!command._prepare || behavior.HasFlag(CommandBehavior.SchemaOnly) || command._inner.Connection?.FullState != ConnectionState.Open)
        {
            return ValueTask.CompletedTask;
        }

        if (async)
        {
            return new ValueTask(command._inner.PrepareAsync(cancellationToken));
        }

        command._inner.Prepare();
        return ValueTask.CompletedTask;
    }

    private static async ValueTask<bool> Prepare(NpgsqlCommand command, bool async, CancellationToken cancellationToken)
    {
        if (async)
        {
            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            command.Prepare();
        }

        return true;
    }
}
