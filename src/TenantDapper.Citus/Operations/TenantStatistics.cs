using Npgsql;

namespace TenantDapper.Citus.Operations;

/// <summary>One tenant's load in a colocation group, summed over the nodes (<c>citus_stat_tenants</c>).</summary>
internal sealed record TenantStatistics(string Tenant, int ColocationId, long Queries, long QueriesLastPeriod, long Reads, decimal CpuMilliseconds, decimal CpuMillisecondsLastPeriod)
{
    /// <summary>Runs the top-tenants query of <see cref="TenantOperationScripts.Statistics"/>.</summary>
    public static async Task<List<TenantStatistics>> ReadTopAsync(NpgsqlConnection connection, int top, TenantRanking ranking, TableName? table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var query = TenantOperationScripts.Statistics(top, ranking, table).Single(l => l.IsStatement);
        await using var command = new NpgsqlCommand(query.Text, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<TenantStatistics>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new TenantStatistics(
                reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetDecimal(5), reader.GetDecimal(6)));
        }

        return rows;
    }

    /// <summary>The nodes (host:port) where <c>citus.stat_tenants_track</c> is not <c>all</c>.</summary>
    public static async Task<List<string>> NodesNotTrackingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nodename || ':' || n.nodeport || ' (' || coalesce(r.result, 'unreachable') || ')'
            FROM run_command_on_all_nodes($$SHOW citus.stat_tenants_track$$) r
            JOIN pg_dist_node n ON n.nodeid = r.nodeid
            WHERE NOT r.success OR r.result IS DISTINCT FROM 'all'
            ORDER BY n.nodename, n.nodeport
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var nodes = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            nodes.Add(reader.GetString(0));
        }

        return nodes;
    }
}
