using System.Globalization;
using Npgsql;

namespace TenantDapper.Citus;

/// <summary>
/// Checks the server settings that <c>create_distributed_table_concurrently</c> needs and a client can
/// see, before a <c>--concurrently</c> script is written: it splits shards with logical replication.
/// </summary>
internal static class ConcurrentPrerequisites
{
    private const string SettingsSql = """
        SELECT current_setting('wal_level'),
               current_setting('citus.shard_replication_factor', true),
               (SELECT setting FROM pg_settings WHERE name = 'output_plugin_libraries'),
               EXISTS (SELECT FROM pg_extension WHERE extname = 'citus'),
               current_setting('server_version')
        """;

    private const string CoordinatorSql = "SELECT EXISTS (SELECT FROM pg_dist_node WHERE groupid = 0)";

    /// <summary>Returns one line per missing prerequisite, each saying what to change; empty when all that can be seen is in place.</summary>
    /// <param name="connection">An open connection to the coordinator's database.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    public static async Task<IReadOnlyList<string>> CheckAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var missing = new List<string>();
        string walLevel;
        string? replicationFactor;
        string? outputPlugins;
        bool hasCitus;
        string version;
        await using (var command = new NpgsqlCommand(SettingsSql, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            walLevel = reader.GetString(0);
            replicationFactor = reader.IsDBNull(1) ? null : reader.GetString(1);
            outputPlugins = reader.IsDBNull(2) ? null : reader.GetString(2);
            hasCitus = reader.GetBoolean(3);
            version = reader.GetString(4);
        }

        if (!hasCitus)
        {
            missing.Add("the citus extension is not installed in this database: CREATE EXTENSION citus (on the coordinator and every worker).");
            return missing;
        }

        if (!string.Equals(walLevel, "logical", StringComparison.Ordinal))
        {
            missing.Add($"wal_level is {walLevel}: set wal_level = logical on every node and restart (shards are split with logical replication).");
        }

        if (replicationFactor is not null && int.TryParse(replicationFactor, NumberStyles.Integer, CultureInfo.InvariantCulture, out var factor) && factor > 1)
        {
            missing.Add($"citus.shard_replication_factor is {factor}: set it to 1 (Citus distributes concurrently only without shard replication).");
        }

        // PostgreSQL 15.20 and the later minor versions load logical decoding output plugins only from this list.
        if (outputPlugins is not null && !outputPlugins.Split(',').Select(p => p.Trim()).Contains("citus", StringComparer.Ordinal))
        {
            missing.Add($"output_plugin_libraries is '{outputPlugins}' on PostgreSQL {version}: add citus to it on every node and restart (create_distributed_table_concurrently decodes with Citus's output plugin).");
        }

        await using (var command = new NpgsqlCommand(CoordinatorSql, connection))
        {
            if (!(bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                missing.Add("the coordinator is not in the Citus metadata: SELECT citus_set_coordinator_host('<coordinator host>', <port>).");
            }
        }

        return missing;
    }
}
