using System.Data.Common;
using Npgsql;
using TenantDapper.DataSource;
using ScopingConnection = TenantDapper.DataSource.NpgsqlConnection;

namespace TenantDapper;

/// <summary>
/// A data source whose connections scope every statement to the current tenant, so that plain Dapper and ADO.NET code
/// is tenant-scoped with no change but where its connections come from:
/// <code>
/// var tenants = new TenantDataSource(NpgsqlDataSource.Create(connectionString), model);
/// using (CurrentTenant.Use(42L))
/// {
///     await using var connection = await tenants.OpenConnectionAsync();
///     var tasks = await connection.QueryAsync&lt;TaskRow&gt;("select t.* from projects p join tasks t on t.project_id = p.id where p.id = @id", new { id });
/// }
/// </code>
/// Right before a command (or each command of a batch) is executed, its text is parsed, scoped for the tenant set at
/// that moment and written back with the tenant as the parameter <c>@tenant</c> (reserved: a caller parameter of that
/// name is refused). Refusals are thrown before anything is sent: <see cref="TenantNotSetException"/>,
/// <see cref="TenantMismatchException"/>, <see cref="TenantWriteRequiresSingleTenantException"/>, and
/// <see cref="UnscopableSqlException"/> for text the parser or the rewriter cannot scope, stored procedures and
/// <c>TableDirect</c>. Under <see cref="CurrentTenant.Bypass"/> commands are sent as written.
/// </summary>
public sealed class TenantDataSource : DbDataSource
{
    private readonly NpgsqlDataSource _inner;
    private readonly TenantSettingCarrier? _carrier;
    private readonly StatementPreparation? _preparation;
    private readonly UnresetPool? _unresetPool;

    private readonly ConnectionSettings _connectionSettings;

    /// <summary>
    /// Wraps <paramref name="dataSource"/>, which the new data source owns (disposing it disposes the driver's data
    /// source). Hand out only this data source: a connection of the driver's data source is not scoped.
    /// </summary>
    /// <param name="dataSource">The driver's data source, e.g. <c>NpgsqlDataSource.Create(connectionString)</c>.</param>
    /// <param name="model">The tenant model every statement is scoped by.</param>
    /// <remarks>
    /// By default the driver's pool resets every session when it is used again (<c>DISCARD ALL</c>, in front of the
    /// first statement after an open). The fast mode is <c>No Reset On Close=true</c> on the driver's data source: the
    /// pool then resets nothing, and this data source resets a session itself only after a bypass used it (a scoped
    /// statement leaves nothing in a session, since every statement that changes it is refused outside a bypass): before
    /// the next tenant statement on the open connection, and before the session goes back to the pool; a session whose
    /// reset fails is closed instead of handed out again. Connections of the driver's data source itself are not reset
    /// by this one: hand out only this data source.
    /// </remarks>
    /// <exception cref="ArgumentException">The connection string sets a search path that names a schema before pg_catalog (<c>Search Path</c>), or any in <c>Options</c>, which could put an application's operator or function before PostgreSQL's.</exception>
    public TenantDataSource(NpgsqlDataSource dataSource, TenantModel model)
        : this(dataSource, model, new TenantDataSourceOptions())
    {
    }

    /// <summary>
    /// Wraps <paramref name="dataSource"/> as <see cref="TenantDataSource(NpgsqlDataSource, TenantModel)"/> does, with
    /// <paramref name="options"/>, e.g. <c>new TenantDataSourceOptions { RowLevelSecurity = true }</c>.
    /// </summary>
    /// <param name="dataSource">The driver's data source, e.g. <c>NpgsqlDataSource.Create(connectionString)</c>.</param>
    /// <param name="model">The tenant model every statement is scoped by.</param>
    /// <param name="options">What else the data source does for its tenants.</param>
    /// <exception cref="ArgumentException">The connection string sets a search path that names a schema before pg_catalog.</exception>
    public TenantDataSource(NpgsqlDataSource dataSource, TenantModel model, TenantDataSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RowLevelSecurity = options.RowLevelSecurity;
        _inner = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _carrier = RowLevelSecurity ? new TenantSettingCarrier(dataSource) : null;
        _preparation = StatementPreparation.For(dataSource, options);
        Model = model ?? throw new ArgumentNullException(nameof(model));
        RefuseSearchPath(dataSource);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        if (settings.NoResetOnClose)
        {
            _unresetPool = new UnresetPool(dataSource);
        }

        _connectionSettings = new ConnectionSettings(Model, _carrier, _preparation, _unresetPool, ReusesTenantParameter: !settings.Multiplexing);
    }

    /// <summary>The tenant model every statement is scoped by.</summary>
    public TenantModel Model { get; }

    /// <summary>Whether every statement carries its tenants to the server's row-level security policies (<see cref="TenantDataSourceOptions.RowLevelSecurity"/>).</summary>
    public bool RowLevelSecurity { get; }

    // Trusted built-in functions and types are written as pg_catalog's, but operators are resolved through the search
    // path: one that names a schema before pg_catalog would let an application's operator stand in for the built-in the
    // rewriter checked. A path without pg_catalog keeps it first (PostgreSQL searches it before the path), so it is fine.
    private static void RefuseSearchPath(NpgsqlDataSource dataSource)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var path = settings.SearchPath?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        var catalog = Array.FindIndex(path, schema => schema.Trim('"').Equals("pg_catalog", StringComparison.OrdinalIgnoreCase));
        if (catalog > 0 || (settings.Options?.Contains("search_path", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            throw new ArgumentException(
                "The connection string sets a search_path that puts a schema before pg_catalog (Search Path naming pg_catalog after another schema), or sets search_path in Options, so an application's operator, function or type could stand in for PostgreSQL's where the tenant rewriter cannot see it. Leave pg_catalog out of Search Path (PostgreSQL then searches it first) or name it first, and do not set search_path in Options.",
                nameof(dataSource));
        }
    }

    /// <summary>The connection string of the driver's data source (without its password unless it says to persist it).</summary>
    public override string ConnectionString => _inner.ConnectionString;

    /// <summary>A new, closed connection whose commands are scoped.</summary>
    protected override DbConnection CreateDbConnection() => new ScopingConnection(_inner.CreateConnection(), _connectionSettings);

    /// <summary>
    /// A command that opens a connection of its own for each execution, scoped like a connection's. With <c>No Reset On
    /// Close</c> it opens one of this data source's connections, which resets what a bypass left before it closes.
    /// </summary>
    protected override DbCommand CreateDbCommand(string? commandText = null) =>
        _unresetPool is null
            ? new ScopingCommand(_inner.CreateCommand(), Model, connection: null, _carrier) { CommandText = commandText }
            : base.CreateDbCommand(commandText);

    /// <summary>A batch that opens a connection of its own for each execution, each command scoped (with <c>No Reset On Close</c>, as <see cref="CreateDbCommand"/>).</summary>
    protected override DbBatch CreateDbBatch() =>
        _unresetPool is null ? new ScopingBatch(_inner.CreateBatch(), Model, connection: null, _carrier) : new OwnConnectionBatch(CreateDbConnection());

    /// <summary>Disposes the driver's data source.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Disposes the driver's data source.</summary>
    protected override async ValueTask DisposeAsyncCore()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }
}
