using Npgsql;

namespace TenantDapper.Citus.Cli;

/// <summary>The commands of <c>tenantdapper-citus</c>; writes to the given streams and returns the exit code.</summary>
internal sealed class CitusTool(TextWriter output, TextWriter error)
{
    public const string Usage = """
        tenantdapper-citus: plans the Citus distribution of a TenantDapper schema and writes the
        scripts a DBA runs with psql on the coordinator.

        Usage:
          tenantdapper-citus plan [model] [--connection CS] [--out FILE]
          tenantdapper-citus script distribute|undistribute|verify|rls|rls-remove|rls-verify [model] [--connection CS]
                             [--concurrently [--lock-timeout SECONDS]] [--truncate-local-data]
                             [--shard-count N] [--citus] [--out FILE]
          tenantdapper-citus verify --connection CS [model]
          tenantdapper-citus verify-rls --connection CS [model]
          tenantdapper-citus isolate plan|script|verify --connection CS --table TABLE --value TENANT
                             [--node HOST:PORT] [--transfer-mode MODE] [--out FILE]
          tenantdapper-citus stats [script] [--connection CS] [--table TABLE] [--top N] [--by queries|cpu]
          tenantdapper-citus rebalance plan|script|verify [--connection CS] [--table TABLE]
                             [--transfer-mode MODE] [--out FILE]
          tenantdapper-citus --help

        Commands:
          plan        Print the plan: reference tables, the root, the colocated tables in order,
                      the constraint changes, and the problems to fix first.
          script      Write a script: distribute (constraint changes around create_reference_table /
                      create_distributed_table), undistribute (undistribute_table, children first) or
                      verify (fails unless every table is distributed as planned); rls (row-level
                      security as the second line: policies on every tenant and reference table, for a
                      TenantDataSource with RowLevelSecurity), rls-remove, rls-verify.
          verify      Run the verification on a Citus coordinator.
          verify-rls  Run the row-level security verification.
          isolate     Give one tenant a shard of its own in every co-located table
                      (isolate_tenant_to_new_shard ... 'CASCADE') and, with --node, move that shard
                      group to a node (citus_move_shard_placement). plan shows where the tenant is
                      and what would change; script writes the guarded .sql; verify fails unless done.
          stats       The top tenants by queries (or --by cpu) from citus_stat_tenants (Citus 11.3+);
                      says on which nodes citus.stat_tenants_track is not 'all' and how to switch it on.
                      stats script writes the query.
          rebalance   After citus_add_node: plan lists the shards per node and every shard that would move
                      (get_rebalance_table_shards_plan); script writes citus_rebalance_start and waits
                      (with --table: rebalance_table_shards for that table's colocation group only);
                      verify fails while the plan still moves shards.

        Model:
          --root TABLE[:KEY]         The tenant root table and its key column (default: its one-column
                                     primary key, else id). Required.
          --tenant-column COLUMN     With --connection, every table of --schema with this column is a
                                     tenant table.
          --tenant TABLE:COLUMN      A tenant table and its tenant column (repeatable).
          --reference TABLE          A reference table (repeatable). With --connection, the tables
                                     tenant tables point at are reference tables too.
          --global TABLE             A table that stays local (repeatable).
          --schema SCHEMA            The schema of unqualified names (default: public).

        Options:
          --connection CS            An Npgsql connection string (Host=...;Database=...;Username=...).
                                     Without it the plan comes from the model alone and its script
                                     only distributes: keys and foreign keys are not checked.
          --concurrently             Use create_distributed_table_concurrently (Citus 11.2+): writes
                                     continue, the script runs in three parts outside one transaction.
                                     With --connection, checks the prerequisites it can see
                                     (wal_level, citus.shard_replication_factor, the coordinator
                                     in the metadata, citus in output_plugin_libraries).
          --lock-timeout SECONDS     With --concurrently, the script's lock_timeout (default 10; 0 for
                                     no limit): DDL beside the distribution can deadlock with it
                                     undetected, so the script fails instead of hanging.
          --truncate-local-data      Add truncate_local_data_after_distributing_table after each
                                     table: distributing copies the rows into the shards and leaves
                                     the old ones on the coordinator's disk, unused; this frees it.
          --shard-count N            The shard count of the colocation group (1..64000).
          --citus                    Write the rls scripts for a Citus coordinator (the default
                                     when --connection is one): policies without a sub-select, a
                                     procedure whose setting reaches the workers, shards verified.
          --out FILE                 Write to FILE instead of standard output.

        Tenant operations:
          --table TABLE              A distributed table (schema.table; default schema --schema), usually
                                     the tenant root: isolate splits its whole colocation group.
          --value TENANT             The tenant value to isolate, as text (e.g. 42).
          --node HOST:PORT           Move the isolated tenant to this node (as pg_dist_node names it).
          --transfer-mode MODE       auto (default; logical replication, needs a primary key or replica
                                     identity), force_logical or block_writes (writes wait during the copy).
          --top N                    How many tenants stats lists (default 10).
          --by queries|cpu           What ranks them (default queries).

        Exit codes: 0 done; 1 the plan has problems or the verification failed; 2 wrong command
        line; 3 the database could not be read.

        Example:
          tenantdapper-citus script distribute --connection "Host=db;Database=app;Username=dba" \
              --root accounts --tenant-column account_id --tenant comments:acc_id --out distribute.sql
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        ToolArguments arguments;
        try
        {
            arguments = ToolArguments.Parse(args);
            if (arguments.Help || args.Count == 0)
            {
                await (args.Count == 0 ? error : output).WriteLineAsync(Usage).ConfigureAwait(false);
                return args.Count == 0 ? ExitCode.Usage : ExitCode.Success;
            }

            if (arguments.Command is "isolate" or "stats" or "rebalance")
            {
                TenantOperationsCommand.Validate(arguments);
            }
            else
            {
                Validate(arguments);
            }
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"tenantdapper-citus: {e.Message} See tenantdapper-citus --help.").ConfigureAwait(false);
            return ExitCode.Usage;
        }

        try
        {
            return arguments.Command is "isolate" or "stats" or "rebalance"
                ? await new TenantOperationsCommand(output, error).RunAsync(arguments, cancellationToken).ConfigureAwait(false)
                : await RunCommandAsync(arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (Operations.CitusOperationException e)
        {
            await error.WriteLineAsync("tenantdapper-citus: " + e.Message).ConfigureAwait(false);
            return ExitCode.Problems;
        }
        catch (DistributionPlanException e)
        {
            await error.WriteLineAsync("tenantdapper-citus: " + e.Message).ConfigureAwait(false);
            return ExitCode.Problems;
        }
        catch (CitusVerificationException e)
        {
            await error.WriteLineAsync("tenantdapper-citus: " + e.Message).ConfigureAwait(false);
            return ExitCode.Problems;
        }
        catch (InvalidIdentifierException e)
        {
            await error.WriteLineAsync("tenantdapper-citus: " + e.Message).ConfigureAwait(false);
            return ExitCode.Problems;
        }
        catch (TenantModelException e)
        {
            await error.WriteLineAsync("tenantdapper-citus: " + e.Message).ConfigureAwait(false);
            return ExitCode.Usage;
        }
        catch (NpgsqlException e)
        {
            await error.WriteLineAsync($"tenantdapper-citus: could not read the database: {e.Message} Check --connection and that the server is up.").ConfigureAwait(false);
            return ExitCode.Database;
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"tenantdapper-citus: {e.Message} See tenantdapper-citus --help.").ConfigureAwait(false);
            return ExitCode.Usage;
        }
        catch (IOException e)
        {
            await error.WriteLineAsync($"tenantdapper-citus: could not write {arguments.Out}: {e.Message}").ConfigureAwait(false);
            return ExitCode.Usage;
        }
    }

    private static void Validate(ToolArguments arguments)
    {
        switch (arguments.Command)
        {
            case "plan":
            case "verify":
            case "verify-rls":
                break;
            case "script":
                if (arguments.ScriptKind is not ("distribute" or "undistribute" or "verify" or "rls" or "rls-remove" or "rls-verify"))
                {
                    throw new UsageException(arguments.ScriptKind is null
                        ? "script needs a kind: distribute, undistribute, verify, rls, rls-remove or rls-verify."
                        : $"Unknown script '{arguments.ScriptKind}': use distribute, undistribute, verify, rls, rls-remove or rls-verify.");
                }

                break;
            case "":
                throw new UsageException("Give a command: plan, script, verify, verify-rls, isolate, stats or rebalance.");
            default:
                throw new UsageException($"Unknown command '{arguments.Command}': use plan, script, verify, verify-rls, isolate, stats or rebalance.");
        }

        if (arguments.Root is null)
        {
            throw new UsageException("--root is required: name the tenant root table, e.g. --root accounts.");
        }

        if (arguments.Command == "verify" && arguments.Connection is null)
        {
            throw new UsageException("verify runs on the coordinator: give --connection.");
        }

        if (arguments.Command == "verify-rls" && arguments.Connection is null)
        {
            throw new UsageException("verify-rls runs on the database: give --connection.");
        }

        if (arguments.Connection is null && arguments.TenantColumn is not null && arguments.TenantTables.Count == 0)
        {
            throw new UsageException("--tenant-column finds tenant tables in a database: give --connection, or name them with --tenant TABLE:COLUMN.");
        }
    }

    private async Task<int> RunCommandAsync(ToolArguments arguments, CancellationToken cancellationToken)
    {
        var inference = new TenantModelInference
        {
            Root = arguments.Root!,
            RootKeyColumn = arguments.RootKey,
            TenantColumn = arguments.TenantColumn,
            TenantTables = arguments.TenantTables,
            ReferenceTables = arguments.ReferenceTables,
            GlobalTables = arguments.GlobalTables,
            DefaultSchema = arguments.Schema,
        };

        DistributionPlan plan;
        NpgsqlConnection? connection = null;
        try
        {
            TenantModel model;
            if (arguments.Connection is null)
            {
                model = inference.Infer(null);
                plan = DistributionPlanner.Plan(model);
            }
            else
            {
                connection = new NpgsqlConnection(arguments.Connection);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var catalog = await SchemaCatalog.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
                model = inference.Infer(catalog);
                plan = DistributionPlanner.Plan(model, catalog);
            }

            if (arguments.Command == "verify-rls")
            {
                await RowLevelSecurityScripts.VerifyAsync(connection!, model, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"Verified: row-level security is enabled, forced and has its policy on {model.TenantTables.Count + model.ReferenceTables.Count} tables.").ConfigureAwait(false);
                return ExitCode.Success;
            }

            if (arguments.ScriptKind is "rls" or "rls-remove" or "rls-verify")
            {
                var server = arguments.Citus || (connection is not null && await RowLevelSecurityScripts.ServerAsync(connection, cancellationToken).ConfigureAwait(false) == RowLevelSecurityServer.Citus)
                    ? RowLevelSecurityServer.Citus
                    : RowLevelSecurityServer.PostgreSql;
                var rls = arguments.ScriptKind switch
                {
                    "rls" => RowLevelSecurityScripts.Enable(model, server),
                    "rls-remove" => RowLevelSecurityScripts.Remove(model, server),
                    _ => RowLevelSecurityScripts.Verification(model, server),
                };
                await WriteAsync(arguments.Out, rls, cancellationToken).ConfigureAwait(false);
                return ExitCode.Success;
            }

            if (arguments.Command == "plan")
            {
                await WriteAsync(arguments.Out, plan.ToText(), cancellationToken).ConfigureAwait(false);
                return plan.IsReady ? ExitCode.Success : ExitCode.Problems;
            }

            if (arguments.Command == "verify")
            {
                await CitusDistribution.VerifyAsync(connection!, plan, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"Verified: {plan.ReferenceTables.Count + plan.DistributedTables.Count} tables are distributed as planned.").ConfigureAwait(false);
                return ExitCode.Success;
            }

            if (arguments.ScriptKind == "distribute" && arguments.Concurrently && connection is not null)
            {
                var missing = await ConcurrentPrerequisites.CheckAsync(connection, cancellationToken).ConfigureAwait(false);
                if (missing.Count > 0)
                {
                    await error.WriteLineAsync("tenantdapper-citus: --concurrently needs what this server does not have yet:").ConfigureAwait(false);
                    foreach (var line in missing)
                    {
                        await error.WriteLineAsync("  " + line).ConfigureAwait(false);
                    }

                    return ExitCode.Problems;
                }
            }

            if (arguments.ScriptKind == "distribute" && plan.IsReady && plan.IsComplete)
            {
                await error.WriteLineAsync("Nothing to do: every table is already distributed as planned.").ConfigureAwait(false);
            }

            var writer = new CitusScriptWriter(new CitusScriptOptions { Concurrently = arguments.Concurrently, TruncateLocalData = arguments.TruncateLocalData, ShardCount = arguments.ShardCount, LockTimeout = arguments.LockTimeout });
            var script = arguments.ScriptKind switch
            {
                "distribute" => writer.WriteDistribution(plan),
                "undistribute" => writer.WriteUndistribution(plan),
                _ => writer.WriteVerification(plan),
            };
            await WriteAsync(arguments.Out, script, cancellationToken).ConfigureAwait(false);
            return ExitCode.Success;
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
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
