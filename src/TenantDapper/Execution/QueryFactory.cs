using System.Data;
using Dapper;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper;

/// <summary>
/// Runs queries on a connection through Dapper, as SqlKata.Execution's QueryFactory does:
/// <c>var db = new QueryFactory(connection, new PostgresCompiler()); db.Query("projects").Where("id", 1).First&lt;Project&gt;();</c>
/// </summary>
public partial class QueryFactory : IDisposable, Building.IQueryExecutor
{
    // The default logger: a statement is shown (its SqlResult made) only for a logger that was set.
    private static readonly Action<SqlResult> NoLogging = static _ => { };

    private readonly TenantModel? _model;

    /// <summary>Creates a factory running on <paramref name="connection"/>, compiling with <paramref name="compiler"/>.</summary>
    /// <param name="connection">The connection statements run on (opened by Dapper when closed).</param>
    /// <param name="compiler">The SQL dialect, e.g. <see cref="PostgresCompiler"/>.</param>
    /// <param name="timeout">The command timeout in seconds.</param>
    public QueryFactory(IDbConnection connection, Compiler compiler, int timeout = 30)
    {
        Connection = connection ?? throw new ArgumentNullException(nameof(connection));
        Compiler = compiler ?? throw new ArgumentNullException(nameof(compiler));
        QueryTimeout = timeout;
    }

    /// <summary>The connection statements run on.</summary>
    public IDbConnection Connection { get; }

    /// <summary>The compiler that writes the SQL.</summary>
    public Compiler Compiler { get; }

    /// <summary>
    /// The tenant model every statement is scoped by for <see cref="CurrentTenant"/>. Without one, statements run as
    /// written while no tenant is set, and are refused while one is (there is nothing to scope them by); on a
    /// connection of a <see cref="TenantDataSource"/>, the model is the data source's, and setting another one throws
    /// <see cref="TenantModelException"/> (builder statements are scoped by the factory's model and sent as scoped, so a
    /// model that declares less would send them under-scoped).
    /// </summary>
    public TenantModel? Model
    {
        get => _model ?? (Connection as DataSource.NpgsqlConnection)?.Model;
        init => _model = Connection is DataSource.NpgsqlConnection scoping && value is not null && !ReferenceEquals(value, scoping.Model)
            ? throw new TenantModelException("This QueryFactory runs on a connection of a TenantDataSource, which scopes by its own model; another model could scope less. Leave Model unset (the data source's is used), or pass the data source's model.")
            : value;
    }

    /// <summary>The command timeout in seconds, unless a call passes its own.</summary>
    public int QueryTimeout { get; set; }

    /// <summary>Called with every compiled statement before it runs (for logging).</summary>
    public Action<SqlResult> Logger { get; set; } = NoLogging;

    /// <summary>A new executable query without a table.</summary>
    public Query Query() => new() { Factory = this };

    /// <summary>A new executable query on <paramref name="table"/>.</summary>
    public Query Query(string table) => new(table) { Factory = this };

    /// <summary>An executable copy of <paramref name="query"/>.</summary>
    public Query FromQuery(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var clone = query.Clone();
        clone.Factory = this;
        return clone;
    }

    /// <summary>Runs <paramref name="query"/> and maps every row to <typeparamref name="T"/>; dynamic rows get the query's <see cref="Query.Include"/> relations.</summary>
    public IEnumerable<T> Get<T>(Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Get<T>(query, CurrentTenant.Current, transaction, timeout);

    /// <summary>Runs <paramref name="query"/> and maps every row to <typeparamref name="T"/>; dynamic rows get the query's <see cref="Query.Include"/> relations.</summary>
    public Task<IEnumerable<T>> GetAsync<T>(Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        GetAsync<T>(query, CurrentTenant.Current, transaction, timeout, cancellationToken);

    /// <summary>The first row of <paramref name="query"/>; throws when there is none. A dynamic row gets the query's <see cref="Query.Include"/> relations, as with <see cref="Get{T}(Query, IDbTransaction?, int?)"/>.</summary>
    public T First<T>(Query query, IDbTransaction? transaction = null, int? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return HasIncludes<T>(query)
            ? Get<T>(FirstRowQuery(query), CurrentTenant.Current, transaction, timeout).First()
            : Connection.QueryFirst<T>(Command(query, CurrentTenant.Current, transaction, timeout, default, firstRowOnly: true));
    }

    /// <summary>The first row of <paramref name="query"/>; throws when there is none. A dynamic row gets the query's <see cref="Query.Include"/> relations, as with <see cref="GetAsync{T}(Query, IDbTransaction?, int?, CancellationToken)"/>.</summary>
    public async Task<T> FirstAsync<T>(Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return HasIncludes<T>(query)
            ? (await GetAsync<T>(FirstRowQuery(query), CurrentTenant.Current, transaction, timeout, cancellationToken).ConfigureAwait(false)).First()
            : await Connection.QueryFirstAsync<T>(Command(query, CurrentTenant.Current, transaction, timeout, cancellationToken, firstRowOnly: true)).ConfigureAwait(false);
    }

    /// <summary>The first row of <paramref name="query"/>, or the default of <typeparamref name="T"/> when there is none. A dynamic row gets the query's <see cref="Query.Include"/> relations.</summary>
    public T? FirstOrDefault<T>(Query query, IDbTransaction? transaction = null, int? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        return HasIncludes<T>(query)
            ? Get<T>(FirstRowQuery(query), CurrentTenant.Current, transaction, timeout).FirstOrDefault()
            : Connection.QueryFirstOrDefault<T>(Command(query, CurrentTenant.Current, transaction, timeout, default, firstRowOnly: true));
    }

    /// <summary>The first row of <paramref name="query"/>, or the default of <typeparamref name="T"/> when there is none. A dynamic row gets the query's <see cref="Query.Include"/> relations.</summary>
    public async Task<T?> FirstOrDefaultAsync<T>(Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return HasIncludes<T>(query)
            ? (await GetAsync<T>(FirstRowQuery(query), CurrentTenant.Current, transaction, timeout, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
            : await Connection.QueryFirstOrDefaultAsync<T>(Command(query, CurrentTenant.Current, transaction, timeout, cancellationToken, firstRowOnly: true)).ConfigureAwait(false);
    }

    /// <summary>Runs an INSERT, UPDATE or DELETE query and returns the number of rows it changed.</summary>
    public int Execute(Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Connection.Execute(Command(query, transaction, timeout, default));

    /// <summary>Runs an INSERT, UPDATE or DELETE query and returns the number of rows it changed.</summary>
    public Task<int> ExecuteAsync(Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Connection.ExecuteAsync(Command(query, transaction, timeout, cancellationToken));

    /// <summary>Runs <paramref name="query"/> and returns the first column of its first row, or <see langword="default"/> when there is no row or the value is NULL, as Dapper's <c>ExecuteScalar&lt;T&gt;</c>.</summary>
    public T? ExecuteScalar<T>(Query query, IDbTransaction? transaction = null, int? timeout = null) =>
        Connection.ExecuteScalar<T>(Command(query, transaction, timeout, default));

    /// <summary>Runs <paramref name="query"/> and returns the first column of its first row, or <see langword="default"/> when there is no row or the value is NULL, as Dapper's <c>ExecuteScalarAsync&lt;T&gt;</c>.</summary>
    public Task<T?> ExecuteScalarAsync<T>(Query query, IDbTransaction? transaction = null, int? timeout = null, CancellationToken cancellationToken = default) =>
        Connection.ExecuteScalarAsync<T>(Command(query, transaction, timeout, cancellationToken));

    /// <summary>Disposes the connection.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the connection when <paramref name="disposing"/>.</summary>
    /// <param name="disposing">Whether this is called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Connection.Dispose();
        }
    }

    /// <summary>
    /// What tenant scoping does to <paramref name="query"/> for the current tenant: the SQL that would be sent and a
    /// readable account, e.g. <c>projects p: account_id = @tenant (WHERE); tasks t: account_id = @tenant, t.account_id = p.account_id (LEFT JOIN ON)</c>.
    /// Nothing is sent. It needs what running the query needs: a tenant scope (<see cref="CurrentTenant.Use"/>,
    /// <see cref="CurrentTenant.UseMany"/> or <see cref="CurrentTenant.Bypass"/>) when the query touches a tenant table;
    /// outside one, explain for a given tenant with <see cref="Explain(Query, object)"/>.
    /// </summary>
    /// <param name="query">The query to explain.</param>
    /// <exception cref="TenantNotSetException">The query touches a tenant table and no tenant is set.</exception>
    public ScopingExplanation Explain(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return TenantScoping.Explain(query.ToStatement(), RequireModel(), CurrentTenant.Current);
    }

    /// <summary>
    /// What tenant scoping does to <paramref name="query"/> for <paramref name="tenant"/>, whatever the current tenant
    /// scope (for a log line, a test or a tool that runs outside one). Nothing is sent.
    /// </summary>
    /// <param name="query">The query to explain.</param>
    /// <param name="tenant">The tenant to explain it for, of the model's key type.</param>
    /// <exception cref="TenantKeyTypeException">The tenant is not of the model's key type.</exception>
    public ScopingExplanation Explain(Query query, object tenant)
    {
        ArgumentNullException.ThrowIfNull(query);
        return TenantScoping.Explain(query.ToStatement(), RequireModel(), TenantState.For(TenantKeys.Validate(tenant, nameof(tenant))));
    }

    /// <summary>
    /// The one path from a builder to what runs: snapshot the query into the SQL tree, scope it for the tenant
    /// captured now, then write it. Capturing here means a deferred or streamed query keeps its tenant.
    /// </summary>
    internal SqlResult Compile(Query query) => Compile(query, CurrentTenant.Current);

    /// <summary>Compiles <paramref name="query"/> scoped for <paramref name="state"/>, a tenant captured earlier (the pages of a chunk, the queries of an include).</summary>
    internal SqlResult Compile(Query query, TenantState? state) => Prepare(query, state, firstRowOnly: false).ToResult();

    // A shape seen before is taken from the cache: the snapshot's values go to their slots, nothing is scoped or written.
    private Execution.BuilderStatement Prepare(Query query, TenantState? state, bool firstRowOnly)
    {
        ArgumentNullException.ThrowIfNull(query);
        var statement = query.ToStatement(firstRowOnly);
        var model = Model is null && state is null ? null : RequireModel();
        return Execution.BuilderShapes.Compile(statement, model, state, model is not null && CitusRowLevelSecurity(state));
    }

    // Whether the statement will reach a Citus coordinator with row-level security on (asks the server once per data source).
    private bool CitusRowLevelSecurity(TenantState? state) =>
        state is not { IsBypass: true } && Connection is DataSource.NpgsqlConnection { CitusRowLevelSecurity: true };

    private static Query FirstRowQuery(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Clone().Limit(1);
    }

    private TenantModel RequireModel() => Model ?? throw new TenantModelException(
        "This QueryFactory has no tenant model, so it cannot scope statements for the current tenant. Create it with new QueryFactory(connection, compiler) { Model = model }, where model comes from TenantModelBuilder.");

    private CommandDefinition Command(Query query, IDbTransaction? transaction, int? timeout, CancellationToken cancellationToken) =>
        Command(query, CurrentTenant.Current, transaction, timeout, cancellationToken);

    private CommandDefinition Command(Query query, TenantState? state, IDbTransaction? transaction, int? timeout, CancellationToken cancellationToken, bool firstRowOnly = false)
    {
        var started = Diagnostics.Telemetry.StartScoping();
        Execution.BuilderStatement prepared;
        try
        {
            prepared = Prepare(query, state, firstRowOnly);
        }
        catch (TenantDapperException e)
        {
            Diagnostics.Telemetry.StatementRefused(null, e);
            throw;
        }

        if (state is not { IsBypass: true })
        {
            Diagnostics.Telemetry.StatementsScoped(Diagnostics.Telemetry.BuilderPath, 1, started);
        }

        if (!ReferenceEquals(Logger, NoLogging))
        {
            Logger(prepared.ToResult());
        }

        // On a data source's connection the statement goes to its one sender, marked as scoped already (not parsed
        // again); the sender enters the session and carries the row-level security prelude, as for every statement.
        var bindings = new Execution.PreScopedParameters(prepared.Prepared, prepared.Values, prepared.Tenant, state);
        return new CommandDefinition(prepared.Prepared.Sql, bindings, transaction, timeout ?? QueryTimeout, cancellationToken: cancellationToken);
    }
}
