using Npgsql;
using DriverConnection = Npgsql.NpgsqlConnection;

namespace TenantDapper.DataSource;

/// <summary>
/// The row-level security of one <see cref="TenantDataSource"/>: how its statements carry their tenants to the
/// server, which depends on whether the server is a Citus coordinator.
/// </summary>
/// <remarks>
/// Found once per data source (<c>pg_extension</c> names <c>citus</c>), not set by an option: on Citus a prelude
/// without a transaction block of its own never reaches the workers, so every statement would silently see and change
/// nothing; a data source points at one server, so the answer does not change. The look-up runs when the first
/// connection of the data source opens (one round trip, once), or for a command of the data source on a connection of
/// the driver's data source.
/// </remarks>
internal sealed class TenantSettingCarrier(NpgsqlDataSource dataSource)
{
    private const int Unknown = 0, PlainPostgres = 1, Citus = 2;
    private const string CitusInstalled = "SELECT EXISTS (SELECT FROM pg_catalog.pg_extension WHERE extname = 'citus')";

    private volatile int _server = Unknown;

    /// <summary>Whether the data source's server is a Citus coordinator; asks it the first time only.</summary>
    /// <param name="open">The connection the statement runs on, if it has one and it is open.</param>
    public bool OnCitus(DriverConnection? open)
    {
        if (_server == Unknown)
        {
            _server = open is { State: System.Data.ConnectionState.Open } ? Ask(open) : AskOwn();
        }

        return _server == Citus;
    }

    /// <summary>Asks the server behind <paramref name="open"/> unless the answer is known (called when a connection of the data source opens, so statements do not pay for it).</summary>
    public void Learn(DriverConnection open)
    {
        if (_server == Unknown)
        {
            _server = Ask(open);
        }
    }

    /// <summary>The asynchronous twin of <see cref="Learn"/>.</summary>
    public async Task LearnAsync(DriverConnection open, CancellationToken cancellationToken)
    {
        if (_server == Unknown)
        {
            await using var command = new NpgsqlCommand(CitusInstalled, open);
            _server = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true ? Citus : PlainPostgres;
        }
    }

    private int AskOwn()
    {
        using var connection = dataSource.OpenConnection();
        return Ask(connection);
    }

    private static int Ask(DriverConnection connection)
    {
        using var command = new NpgsqlCommand(CitusInstalled, connection);
        return command.ExecuteScalar() is true ? Citus : PlainPostgres;
    }
}
