using System.Globalization;
using Npgsql;
using TenantDapper.Citus.Operations;

namespace TenantDapper.Citus.Cli;

/// <summary>The tenant operations of <c>tenantdapper-citus</c>: isolate, stats and rebalance.</summary>
internal sealed class TenantOperationsCommand(TextWriter output, TextWriter error)
{
    public static void Validate(ToolArguments arguments)
    {
        var actions = arguments.Command == "stats" ? new[] { "script" } : ["plan", "script", "verify"];
        if (arguments.Action is not null && !actions.Contains(arguments.Action))
        {
            throw new UsageException($"Unknown action '{arguments.Action}' of {arguments.Command}: use {string.Join(", ", actions)}.");
        }

        if (arguments.Command != "stats" && arguments.Action is null)
        {
            throw new UsageException($"{arguments.Command} needs an action: plan, script or verify.");
        }

        switch (arguments.Command)
        {
            case "isolate":
                if (arguments.Table is null || arguments.Value is null)
                {
                    throw new UsageException("isolate needs --table (a distributed table, e.g. public.accounts) and --value (the tenant, e.g. 42).");
                }

                if (arguments.Connection is null)
                {
                    throw new UsageException("isolate reads the tenant's shards on the coordinator: give --connection.");
                }

                break;
            case "rebalance" when arguments.Action != "script" && arguments.Connection is null:
                throw new UsageException($"rebalance {arguments.Action} runs on the coordinator: give --connection.");
            case "stats" when arguments.Action is null && arguments.Connection is null:
                throw new UsageException("stats reads citus_stat_tenants on the coordinator: give --connection, or write the query with stats script.");
            case "stats" when arguments.By is not ("queries" or "cpu"):
                throw new UsageException($"--by takes queries or cpu, not '{arguments.By}'.");
        }

        if (arguments.Node is not null && arguments.Command != "isolate")
        {
            throw new UsageException("--node is an option of isolate.");
        }
    }

    public async Task<int> RunAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        TableName? table = arguments.Table is null ? null : Qualify(TableName.Parse(arguments.Table), arguments.Schema);
        var mode = ShardTransferModes.Validate(arguments.TransferMode);
        if (arguments.Command == "stats" && arguments.Action == "script")
        {
            await WriteAsync(arguments.Out, TenantOperationScripts.Render(TenantOperationScripts.Statistics(arguments.Top, Ranking(arguments), table)), cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        }

        if (arguments.Command == "rebalance" && arguments.Action == "script")
        {
            await WriteAsync(arguments.Out, TenantOperationScripts.Render(TenantOperationScripts.Rebalance(table, mode)), cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        }

        await using var connection = new NpgsqlConnection(arguments.Connection);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return arguments.Command switch
        {
            "isolate" => await IsolateAsync(connection, arguments, table!.Value, mode, cancellationToken).ConfigureAwait(false),
            "rebalance" => await RebalanceAsync(connection, arguments, table, cancellationToken).ConfigureAwait(false),
            _ => await StatsAsync(connection, arguments, table, cancellationToken).ConfigureAwait(false),
        };
    }

    private static TableName Qualify(TableName table, string schema) => table.Schema is null ? new TableName(schema, table.Name) : table;

    private static TenantRanking Ranking(ToolArguments arguments) => arguments.By == "cpu" ? TenantRanking.Cpu : TenantRanking.Queries;

    private async Task<int> IsolateAsync(NpgsqlConnection connection, ToolArguments arguments, TableName table, string mode, CancellationToken cancellationToken)
    {
        var node = arguments.Node is null ? (CitusNode?)null : CitusNode.Parse(arguments.Node);
        var plan = await TenantIsolationPlan.ReadAsync(connection, table, arguments.Value!, node, mode, cancellationToken).ConfigureAwait(false);
        switch (arguments.Action)
        {
            case "plan":
                await WriteAsync(arguments.Out, plan.ToText(), cancellationToken).ConfigureAwait(false);
                return plan.IsReady ? ExitCode.Success : ExitCode.Problems;
            case "verify":
                await CitusDistribution.RunVerificationAsync(connection, TenantOperationScripts.IsolationVerification(plan.Isolation), cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"Verified: tenant {plan.Isolation.Tenant} has a shard of its own in {plan.ColocatedTables.Count} co-located tables"
                    + (node is { } n ? $" on {n}." : ".")).ConfigureAwait(false);
                return ExitCode.Success;
            default:
                if (!plan.IsReady)
                {
                    await error.WriteAsync("tenantdapper-citus: the isolation cannot be scripted yet:\n" + plan.ToText()).ConfigureAwait(false);
                    return ExitCode.Problems;
                }

                if (plan.IsComplete)
                {
                    await error.WriteLineAsync($"Nothing to do: tenant {plan.Isolation.Tenant} already has a shard group of its own (the script's guards skip every step).").ConfigureAwait(false);
                }

                var script = TenantOperationScripts.Render([.. TenantOperationScripts.Isolation(plan.Isolation)]);
                await WriteAsync(arguments.Out, script, cancellationToken).ConfigureAwait(false);
                return ExitCode.Success;
        }
    }

    private async Task<int> RebalanceAsync(NpgsqlConnection connection, ToolArguments arguments, TableName? table, CancellationToken cancellationToken)
    {
        if (arguments.Action == "verify")
        {
            await CitusDistribution.RunVerificationAsync(connection, TenantOperationScripts.RebalanceVerification(table), cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync("Verified: the rebalance plan moves nothing.").ConfigureAwait(false);
            return ExitCode.Success;
        }

        var plan = await RebalancePlan.ReadAsync(connection, table, cancellationToken).ConfigureAwait(false);
        await WriteAsync(arguments.Out, plan.ToText(), cancellationToken).ConfigureAwait(false);
        return ExitCode.Success;
    }

    private async Task<int> StatsAsync(NpgsqlConnection connection, ToolArguments arguments, TableName? table, CancellationToken cancellationToken)
    {
        var notTracking = await TenantStatistics.NodesNotTrackingAsync(connection, cancellationToken).ConfigureAwait(false);
        if (notTracking.Count > 0)
        {
            await error.WriteLineAsync($"tenantdapper-citus: citus.stat_tenants_track is not 'all' on {string.Join(", ", notTracking)}: their tenants are not counted. "
                + "Switch it on with SELECT run_command_on_all_nodes($$ALTER SYSTEM SET citus.stat_tenants_track = 'all'$$); "
                + "SELECT run_command_on_all_nodes($$SELECT pg_reload_conf()$$);").ConfigureAwait(false);
        }

        var rows = await TenantStatistics.ReadTopAsync(connection, arguments.Top, Ranking(arguments), table, cancellationToken).ConfigureAwait(false);
        var text = new System.Text.StringBuilder();
        text.Append("tenant\tcolocation_id\tqueries\tqueries_last_period\treads\tcpu_ms\tcpu_ms_last_period\n");
        foreach (var row in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row.Tenant}\t{row.ColocationId}\t{row.Queries}\t{row.QueriesLastPeriod}\t{row.Reads}\t{row.CpuMilliseconds}\t{row.CpuMillisecondsLastPeriod}\n");
        }

        if (rows.Count == 0)
        {
            text.Append("(no tenants counted in the last two periods)\n");
        }

        await WriteAsync(arguments.Out, text.ToString(), cancellationToken).ConfigureAwait(false);
        return ExitCode.Success;
    }

    private async Task WriteAsync(string? path, string text, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            await output.WriteAsync(text).ConfigureAwait(false);
            return;
        }

        await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        await error.WriteLineAsync($"Wrote {path}.").ConfigureAwait(false);
    }
}
