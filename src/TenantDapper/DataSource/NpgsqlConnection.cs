using System.Data;
using System.Data.Common;
using DriverConnection = Npgsql.NpgsqlConnection;

namespace TenantDapper.DataSource;

/// <summary>
/// A connection of a <see cref="TenantDataSource"/>: it wraps the driver's connection and gives out only commands,
/// batches and transactions that scope every statement before it is sent; the driver's connection is never exposed.
/// </summary>
/// <remarks>
/// Named <c>NpgsqlConnection</c> on purpose: Dapper picks PostgreSQL's features (a list bound as one array
/// parameter, for <c>= ANY(@ids)</c>) by the connection type's name, so plain Dapper code keeps working unchanged.
/// </remarks>
internal sealed class NpgsqlConnection : DbConnection
{
    private readonly DriverConnection _inner;
    private readonly bool _ownsInner;
    private readonly ConnectionSettings _settings;
    private DbTransaction? _transaction;
    private bool _subscribed;

    /// <summary>
    /// The tenant parameter this connection's commands reuse, while none holds it: in no parameter collection, and
    /// possibly still read by the driver for the statement that used it last until that statement's reader is closed
    /// (the driver sends the rest of a statement while the caller reads), so it is taken again only when the driver's
    /// connection is ready (<see cref="TakeTenantParameter"/>) and goes back to the shared pool only when nothing runs
    /// on it (<see cref="ReleaseTenantParameter"/>).
    /// </summary>
    private Npgsql.NpgsqlParameter? _idleTenantParameter;

    /// <summary>The tenant parameter last taken by a command of this connection, until the command gives it back (only that one is kept).</summary>
    private Npgsql.NpgsqlParameter? _lentTenantParameter;

    /// <summary>Whether the driver's connection may be enlisted in a <see cref="System.Transactions.Transaction"/> since it was opened.</summary>
    private bool _enlisted;

    /// <param name="inner">The driver's connection.</param>
    /// <param name="model">The model every statement is scoped by.</param>
    /// <param name="ownsInner">Whether disposing this connection disposes <paramref name="inner"/> (a data source's connection) or leaves it to its owner (a <see cref="QueryFactory"/>'s).</param>
    public NpgsqlConnection(DriverConnection inner, TenantModel model, bool ownsInner = true)
        : this(inner, new ConnectionSettings(model), ownsInner)
    {
    }

    /// <param name="inner">The driver's connection.</param>
    /// <param name="settings">What the connections of the data source share: the model, row-level security, preparation, the pool's reset and tenant parameter reuse.</param>
    /// <param name="ownsInner">Whether disposing this connection disposes <paramref name="inner"/> (a data source's connection) or leaves it to its owner (a <see cref="QueryFactory"/>'s).</param>
    public NpgsqlConnection(DriverConnection inner, ConnectionSettings settings, bool ownsInner = true)
    {
        _inner = inner;
        _ownsInner = ownsInner;
        _settings = settings;

        // A data source's connection forgets its session when it opens (ForgetSession), and listens to the driver's
        // connection only when someone listens to it (StateChange): no delegate per connection. A wrapper around a
        // factory's connection, which it never opens, listens from the start.
        if (!ownsInner)
        {
            SubscribeToInner();
        }
    }

    /// <summary>
    /// Raised when the connection's state changes (the driver's connection's changes, with this connection as the
    /// sender). The driver's connection is listened to from the first subscription on.
    /// </summary>
    public override event StateChangeEventHandler? StateChange
    {
        add
        {
            base.StateChange += value;
            SubscribeToInner();
        }

        remove => base.StateChange -= value;
    }

    /// <summary>The model every statement is scoped by.</summary>
    public TenantModel Model => _settings.Model;

    /// <summary>How every statement carries its tenants to the server's row-level security policies (<see cref="TenantSession"/>), or <see langword="null"/> when it does not.</summary>
    public TenantSettingCarrier? RowLevelSecurity => _settings.RowLevelSecurity;

    /// <summary>Which statements are prepared on the server (<see cref="TenantDataSourceOptions.PrepareStatements"/>), or <see langword="null"/> when none are.</summary>
    public StatementPreparation? Preparation => _settings.Preparation;

    /// <summary>The driver's pool when it resets nothing (<c>No Reset On Close</c>), or <see langword="null"/>.</summary>
    private UnresetPool? UnresetPool => _settings.UnresetPool;

    /// <summary>
    /// Whether the server may have dropped statements Npgsql believes prepared on this session: a bypassed statement
    /// named <c>DEALLOCATE</c> or <c>DISCARD</c>, or a prepared statement was not found. Npgsql does not notice either,
    /// and would send the missing statement's name again on every later execution; so before the next statement that is
    /// not bypassed, and before the connection goes back to the pool, its prepared statements are dropped
    /// (<see cref="TenantSession.Enter"/>, <see cref="ForgetPreparedStatements"/>) and prepared anew when next used.
    /// </summary>
    internal bool PreparedStatementsInDoubt { get; set; }

    /// <summary>
    /// Whether the open session is to be reset before the next statement that is not bypassed
    /// (<see cref="TenantSession.Enter"/>): a bypassed statement ran since it was last reset, or a rollback may have undone
    /// that reset (<see cref="TransactionUnwound"/>).
    /// </summary>
    internal bool BypassRan { get; set; }

    /// <summary>Whether a session reset ran inside the transaction still open on this connection, so that its end can undo it.</summary>
    private bool _resetInTransaction;

    /// <summary>
    /// Whether the session is to be reset before it goes back to a pool that resets nothing: a bypass used it since
    /// its last reset, or a reset ran inside the transaction still open, which closing rolls back.
    /// </summary>
    private bool ResetsBeforeReturn => UnresetPool is not null && (BypassRan || _resetInTransaction);

    /// <summary>Whether a transaction begun on this connection is still open.</summary>
    internal bool InTransaction => _transaction is ScopingTransaction { IsOpen: true };

    /// <summary>The driver's connection; never handed to callers.</summary>
    internal DriverConnection Inner => _inner;

    /// <summary>
    /// Whether a statement that is not bypassed reaches a Citus coordinator with row-level security on, which a builder
    /// statement is scoped for before it is sent (the server is asked once per data source).
    /// </summary>
    internal bool CitusRowLevelSecurity => RowLevelSecurity is { } carrier && carrier.OnCitus(_inner);

    /// <summary>
    /// <paramref name="transaction"/> as a transaction of this connection: one the driver began on the connection this
    /// one wraps (a <see cref="QueryFactory"/>'s own Npgsql connection, for its raw SQL) becomes this connection's, as its
    /// commands take only their own connection's transactions; any other is returned as it is.
    /// </summary>
    internal IDbTransaction? Adopt(IDbTransaction? transaction) =>
        transaction is Npgsql.NpgsqlTransaction driver && ReferenceEquals(driver.Connection, _inner) ? new ScopingTransaction(this, driver) : transaction;

    /// <summary>The connection string (as the data source gives it); it cannot be changed.</summary>
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string ConnectionString
    {
        get => _inner.ConnectionString;
        set => throw new NotSupportedException("A connection of a TenantDataSource takes its connection string from the data source; create another data source for another database.");
    }

    public override int ConnectionTimeout => _inner.ConnectionTimeout;

    public override string Database => _inner.Database;

    public override string DataSource => _inner.DataSource;

    public override string ServerVersion => _inner.ServerVersion;

    public override ConnectionState State => _inner.State;

    public override bool CanCreateBatch => true;

    // The model describes the data source's database; another database is another data source.
    public override void ChangeDatabase(string databaseName) => throw ChangeDatabaseRefused();

    public override Task ChangeDatabaseAsync(string databaseName, CancellationToken cancellationToken = default) =>
        Task.FromException(ChangeDatabaseRefused());

    public override void Open()
    {
        ForgetSessionIfClosed();
        _inner.Open();
        _enlisted = EnlistsInAmbientTransaction;
        RowLevelSecurity?.Learn(_inner);
    }

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        ForgetSessionIfClosed();
        await _inner.OpenAsync(cancellationToken).ConfigureAwait(false);
        _enlisted = EnlistsInAmbientTransaction;
        if (RowLevelSecurity is { } carrier)
        {
            await carrier.LearnAsync(_inner, cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Close()
    {
        ResetBeforeReturnAsync(async: false).GetAwaiter().GetResult();
        ForgetPreparedStatements();
        _inner.Close();
        ReleaseTenantParameter();
    }

    public override async Task CloseAsync()
    {
        await ResetBeforeReturnAsync(async: true).ConfigureAwait(false);
        ForgetPreparedStatements();
        await _inner.CloseAsync().ConfigureAwait(false);
        ReleaseTenantParameter();
    }

    public override DataTable GetSchema() => _inner.GetSchema();

    public override DataTable GetSchema(string collectionName) => _inner.GetSchema(collectionName);

    public override DataTable GetSchema(string collectionName, string?[] restrictionValues) => _inner.GetSchema(collectionName, restrictionValues);

    public override void EnlistTransaction(System.Transactions.Transaction? transaction)
    {
        _inner.EnlistTransaction(transaction);
        _enlisted |= transaction is not null;
    }

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) =>
        _transaction = new ScopingTransaction(this, _inner.BeginTransaction(isolationLevel));

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        _transaction = new ScopingTransaction(this, await _inner.BeginTransactionAsync(isolationLevel, cancellationToken).ConfigureAwait(false));

    protected override DbCommand CreateDbCommand() => new ScopingCommand(_inner.CreateCommand(), Model, this, RowLevelSecurity);

    protected override DbBatch CreateDbBatch() => new ScopingBatch(_inner.CreateBatch(), Model, this, RowLevelSecurity);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ResetBeforeReturnAsync(async: false).GetAwaiter().GetResult();
            UnsubscribeFromInner();
            ForgetPreparedStatements();
            if (_ownsInner)
            {
                _inner.Dispose();
            }

            ReleaseTenantParameter();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await ResetBeforeReturnAsync(async: true).ConfigureAwait(false);
        UnsubscribeFromInner();
        ForgetPreparedStatements();
        if (_ownsInner)
        {
            await _inner.DisposeAsync().ConfigureAwait(false);
        }

        ReleaseTenantParameter();

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Called right after the session was reset (<see cref="TenantSession.Enter"/>).</summary>
    internal void SessionReset()
    {
        BypassRan = false;
        _resetInTransaction |= InTransaction;
    }

    /// <summary>
    /// Called when a transaction of this connection ended (<paramref name="ended"/>: committed, rolled back or disposed)
    /// or rolled back to a savepoint. A reset that ran inside it is transactional in part (<c>RESET ALL</c>, <c>SET
    /// SESSION AUTHORIZATION DEFAULT</c>, <c>DISCARD TEMP</c>, <c>UNLISTEN *</c>), so a rollback brings back what a bypass
    /// had left; and a <c>COMMIT</c> of a failed transaction rolls it back too. So the session is marked again, and the
    /// next tenant statement resets it once more (outside a transaction, where nothing can undo it, once it has ended).
    /// </summary>
    internal void TransactionUnwound(bool ended)
    {
        if (_resetInTransaction)
        {
            BypassRan = true;
            _resetInTransaction = !ended;
        }
    }

    /// <summary>
    /// Drops the prepared statements of the open session when they are in doubt (<see cref="PreparedStatementsInDoubt"/>),
    /// through Npgsql (<c>DEALLOCATE ALL</c>, and its bookkeeping with it), so that the physical connection goes back to
    /// the pool with no statement Npgsql believes prepared and the server has not. When that fails (a failed transaction
    /// is still open), the pool is cleared instead, so that this physical connection is closed rather than handed out.
    /// </summary>
    internal void ForgetPreparedStatements()
    {
        if (!PreparedStatementsInDoubt || _inner.State != ConnectionState.Open)
        {
            return;
        }

        PreparedStatementsInDoubt = false;
        try
        {
            _inner.UnprepareAll();
        }
        catch (Npgsql.NpgsqlException)
        {
            if (Preparation is { } preparation)
            {
                preparation.Discard();
            }
            else
            {
                DriverConnection.ClearPool(_inner);
            }
        }
    }

    /// <summary>
    /// The behavior the driver's reader runs with: without <see cref="CommandBehavior.CloseConnection"/> when the
    /// session is to be reset before it goes back to the pool, since the driver's reader would hand it back unreset
    /// (<see cref="ConnectionClosingReader"/> closes this connection instead). Asked after the statement entered the
    /// session (<see cref="TenantSession.Enter"/>), so a bypassed statement counts.
    /// </summary>
    internal CommandBehavior DriverBehavior(CommandBehavior behavior) =>
        (behavior & CommandBehavior.CloseConnection) != 0 && ResetsBeforeReturn ? behavior & ~CommandBehavior.CloseConnection : behavior;

    private static NotSupportedException ChangeDatabaseRefused() =>
        new("A connection of a TenantDataSource stays on the data source's database, which its tenant model describes; create another TenantDataSource for another database.");

    private bool EnlistsInAmbientTransaction => UnresetPool is { Enlists: true } && System.Transactions.Transaction.Current is not null;

    /// <summary>
    /// Before the session goes back to a pool that resets nothing (<c>No Reset On Close</c>): when a bypass used it,
    /// rolls back what is open (closing would, and after the reset, undoing it) and resets it, in one round trip. A
    /// session that cannot be reset, or that may be enlisted in a <see cref="System.Transactions.Transaction"/> (which
    /// ends after it goes back, and whose rollback would undo the reset), is never handed out again: the pool closes it
    /// when it comes back (<see cref="UnresetPool.Discard"/>). Closing goes on either way, as the caller asked.
    /// </summary>
    private async ValueTask ResetBeforeReturnAsync(bool async)
    {
        if (!ResetsBeforeReturn || _inner.State != ConnectionState.Open)
        {
            return;
        }

        try
        {
            if (_enlisted)
            {
                UnresetPool!.Discard();
                return;
            }

            await using var reset = new Npgsql.NpgsqlCommand(TenantSession.RollbackAndResetSession, _inner);
            if (async)
            {
                await reset.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            else
            {
                reset.ExecuteNonQuery();
            }

            BypassRan = false;
            _resetInTransaction = false;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
        {
            // Broken, or busy (a reader still open), or refused: it goes back unreset, so the pool must not keep it.
            UnresetPool!.Discard();
        }
    }

    /// <summary>
    /// The tenant parameter for a command of this connection to bind (its value set by the caller), or
    /// <see langword="null"/> when the command is to create one: the connection does not reuse one, or the driver's
    /// connection is not ready (a reader is open, whose statement the driver may still be sending with the parameter).
    /// The parameter is the caller's alone until it gives it back (<see cref="KeepTenantParameter"/>).
    /// </summary>
    internal Npgsql.NpgsqlParameter? TakeTenantParameter()
    {
        if (!_settings.ReusesTenantParameter || _inner.FullState != ConnectionState.Open)
        {
            return null;
        }

        var parameter = Interlocked.Exchange(ref _idleTenantParameter, null) ?? TenantParameterPool.Take();
        Volatile.Write(ref _lentTenantParameter, parameter);
        return parameter;
    }

    /// <summary>
    /// Takes back the tenant parameter a command of this connection took (<see cref="TakeTenantParameter"/>) and has
    /// taken out of its parameters again. Any other parameter (one the command created, a positional one) is not kept.
    /// </summary>
    internal void KeepTenantParameter(Npgsql.NpgsqlParameter parameter)
    {
        if (ReferenceEquals(Interlocked.CompareExchange(ref _lentTenantParameter, null, parameter), parameter))
        {
            Interlocked.CompareExchange(ref _idleTenantParameter, parameter, null);
        }
    }

    /// <summary>Gives the kept tenant parameter back to the shared pool once nothing runs on the driver's connection (closed, or no reader open); else drops it.</summary>
    private void ReleaseTenantParameter()
    {
        if (Interlocked.Exchange(ref _idleTenantParameter, null) is { } parameter
            && (_inner.FullState & (ConnectionState.Executing | ConnectionState.Fetching)) == 0)
        {
            TenantParameterPool.Return(parameter);
        }
    }

    private void SubscribeToInner()
    {
        if (!_subscribed)
        {
            _subscribed = true;
            _inner.StateChange += OnInnerStateChange;
        }
    }

    private void UnsubscribeFromInner()
    {
        if (_subscribed)
        {
            _subscribed = false;
            _inner.StateChange -= OnInnerStateChange;
        }
    }

    /// <summary>
    /// Forgets what this connection knew of a session: a session it gets now is new to it, reset by the pool before it
    /// is handed out again, or by this connection before it went back (<see cref="ResetBeforeReturnAsync"/>), or with No
    /// Reset On Close untouched by a bypass. Called when the connection opens from closed (every flag is read only while
    /// it is open) and when the driver's connection closes, if it is listened to.
    /// </summary>
    private void ForgetSession()
    {
        BypassRan = false;
        PreparedStatementsInDoubt = false;
        _resetInTransaction = false;
        _enlisted = false;
    }

    // Opening an open connection fails in the driver: what this connection knows of that session still holds.
    private void ForgetSessionIfClosed()
    {
        if (_inner.State == ConnectionState.Closed)
        {
            ForgetSession();
        }
    }

    private void OnInnerStateChange(object sender, StateChangeEventArgs e)
    {
        if (e.CurrentState == ConnectionState.Closed)
        {
            ForgetSession();
        }

        OnStateChange(e);
    }
}
