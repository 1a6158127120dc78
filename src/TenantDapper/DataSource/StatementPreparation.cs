using System.Collections.Concurrent;
using Npgsql;

namespace TenantDapper.DataSource;

/// <summary>
/// Which statements of one <see cref="TenantDataSource"/> are prepared on the server
/// (<see cref="TenantDataSourceOptions.PrepareStatements"/>): a scoped text the data source has sent before, up to
/// <see cref="MaxStatements"/> distinct texts. Npgsql never evicts an explicitly prepared statement, so the bound on
/// the texts is the bound on what each physical connection of the data source keeps prepared; builder shapes are
/// bounded by the code, but a text that varies with its data (a list spelled out item by item) is not, and a text seen
/// once costs no round trip and takes no place. When the bound is reached, new texts run unprepared, as they would
/// without the option.
/// </summary>
internal sealed class StatementPreparation(NpgsqlDataSource pool)
{
    /// <summary>How many distinct texts the data source prepares at most (Npgsql warns above 256 automatically prepared ones).</summary>
    public const int MaxStatements = 256;

    /// <summary>How many texts seen once are remembered; when more come, the list starts over (a miss only delays a preparation).</summary>
    private const int MaxCandidates = 4 * MaxStatements;

    private readonly ConcurrentDictionary<string, bool> _prepared = new();
    private readonly ConcurrentDictionary<string, bool> _seenOnce = new();
    private int _preparedCount;
    private int _seenOnceCount;

    /// <summary>
    /// The preparation of a data source over <paramref name="dataSource"/>, or <see langword="null"/> when it prepares
    /// nothing: the option is off, Npgsql prepares on its own (<c>Max Auto Prepare</c>, which explicit preparation would
    /// take out of its least-recently-used bound), or the connection string turns on multiplexing (no explicit preparation).
    /// </summary>
    public static StatementPreparation? For(NpgsqlDataSource dataSource, TenantDataSourceOptions options)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return options.PrepareStatements && settings.MaxAutoPrepare == 0 && !settings.Multiplexing ? new StatementPreparation(dataSource) : null;
    }

    /// <summary>
    /// Closes the pool's idle sessions, and every session in use when it comes back: used when a session whose prepared
    /// statements are in doubt cannot drop them, so that no later statement sends a name the server no longer knows.
    /// (<c>NpgsqlConnection.ClearPool</c> would not do: it clears only the pools of connections made from a connection
    /// string, not a data source's.)
    /// </summary>
    public void Discard() => pool.Clear();

    /// <summary>Whether to prepare <paramref name="text"/> (the text the driver's command sends) before it runs: it was sent before, and it is among the texts prepared or there is room for it.</summary>
    public bool ShouldPrepare(string text)
    {
        if (_prepared.ContainsKey(text))
        {
            return true;
        }

        if (Volatile.Read(ref _preparedCount) >= MaxStatements)
        {
            return false;
        }

        if (!_seenOnce.TryRemove(text, out _))
        {
            RememberSeenOnce(text);
            return false;
        }

        Interlocked.Decrement(ref _seenOnceCount);
        if (Interlocked.Increment(ref _preparedCount) > MaxStatements || !_prepared.TryAdd(text, true))
        {
            Interlocked.Decrement(ref _preparedCount);
            return _prepared.ContainsKey(text);
        }

        return true;
    }

    private void RememberSeenOnce(string text)
    {
        if (_seenOnce.TryAdd(text, true) && Interlocked.Increment(ref _seenOnceCount) > MaxCandidates)
        {
            _seenOnce.Clear();
            Volatile.Write(ref _seenOnceCount, 0);
        }
    }
}
