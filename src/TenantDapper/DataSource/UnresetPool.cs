using Npgsql;

namespace TenantDapper.DataSource;

/// <summary>
/// The caller's pool when it resets nothing when a connection goes back to it (<c>No Reset On Close</c>): the data
/// source then resets a session itself, only when a bypass used it (<see cref="NpgsqlConnection"/>), and drops the pool's
/// sessions (<see cref="Discard"/>) when it cannot reset one, so that one is closed instead of handed out again.
/// </summary>
/// <param name="pool">The caller's data source, whose pool this is.</param>
internal sealed class UnresetPool(NpgsqlDataSource pool)
{
    /// <summary>Whether a connection opened inside a <see cref="System.Transactions.TransactionScope"/> enlists in it (<c>Enlist</c>, on by default).</summary>
    public bool Enlists { get; } = new NpgsqlConnectionStringBuilder(pool.ConnectionString).Enlist;

    /// <summary>
    /// Closes the pool's idle sessions, and every session in use when it comes back: the driver's pool closes a
    /// session opened before a clear instead of keeping it. Used only when a changed session cannot be reset.
    /// </summary>
    public void Discard() => pool.Clear();
}
