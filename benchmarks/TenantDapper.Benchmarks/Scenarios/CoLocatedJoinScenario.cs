using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// What the tenant column in a join buys: the scoped join (tenant column in ON and WHERE, as the
/// rewriter writes it) against the same join with the tenant column only on one side's filter. On
/// plain PostgreSQL the difference is whether the (account_id, project_id) index can be used; on a
/// Citus coordinator it is a one-shard router plan against a repartition join across the cluster.
/// </summary>
internal sealed class CoLocatedJoinScenario : IBenchmarkScenario
{
    /// <summary>The join the tenant rewriter produces: tenant column equal across the join and fixed on both tables.</summary>
    public const string ScopedJoinSql = """
        SELECT t.id, t.title, p.name AS project
        FROM projects p
        JOIN tasks t ON t.account_id = p.account_id AND t.project_id = p.id
        WHERE p.account_id = @Tenant AND t.account_id = @Tenant AND p.id = @Project
        """;

    /// <summary>The same join as commonly hand-written: the tenant filter on the parent only, the join on the foreign key alone.</summary>
    public const string UnscopedJoinSql = """
        SELECT t.id, t.title, p.name AS project
        FROM projects p
        JOIN tasks t ON t.project_id = p.id
        WHERE p.account_id = @Tenant AND p.id = @Project
        """;

    // Enough keys to cover several tenants and projects; the check is cheap next to the measurement.
    private const int KeysChecked = 10;

    /// <inheritdoc />
    public string Key => "join";

    /// <inheritdoc />
    public string Title => "Co-located join";

    /// <inheritdoc />
    public string Question => "What does putting the tenant column in a join buy?";

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var citus = context.Database.Server.IsCitus;
        var dataSet = context.DataSet;
        var notes = new List<string>();

        await using var connection = await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (citus)
        {
            // Without it Citus refuses the unscoped join outright; with it, it shuffles both tables between workers.
            await connection.ExecuteAsync(new CommandDefinition("SET citus.enable_repartition_joins = on", cancellationToken: cancellationToken)).ConfigureAwait(false);
            notes.Add("citus.enable_repartition_joins = on for the session, so the join without the tenant column runs at all.");
        }

        await CheckSameRowsAsync(connection, new JoinKeySequence(dataSet), cancellationToken).ConfigureAwait(false);
        notes.Add($"Both joins returned the same rows for the first {KeysChecked} keys; each call reads one project's tasks ({dataSet.TasksPerTenant / dataSet.ProjectsPerTenant} rows); each join walks its own lane of tenants and projects (disjoint keys), so neither finds pages the other has just read in the cache.");

        var sample = new JoinKeySequence(dataSet).Next();
        // On plain PostgreSQL the plans run once more with ANALYZE to count the pages each touches;
        // on Citus the coordinator's plan is what matters, and its task counts need no run.
        var scopedPlan = await QueryPlan.ExplainAsync(connection, ScopedJoinSql, sample, analyze: !citus, cancellationToken).ConfigureAwait(false);
        var unscopedPlan = await QueryPlan.ExplainAsync(connection, UnscopedJoinSql, sample, analyze: !citus, cancellationToken).ConfigureAwait(false);

        // Each contender walks a lane of its own: the one without the tenant column reads many more index pages, and
        // on a shared walk the second to ask for a project would find them in the cache the first one filled.
        var scopedKeys = new JoinKeySequence(dataSet, lane: 0, lanes: 2);
        var unscopedKeys = new JoinKeySequence(dataSet, lane: 1, lanes: 2);
        var comparison = new Comparison(
            $"{dataSet.Tenants:N0} tenants × {dataSet.TasksPerTenant:N0} tasks",
            Contender.Sync("tenant column in ON and WHERE", () => connection.Query<JoinedTask>(ScopedJoinSql, scopedKeys.Next()).AsList())
                with { Facts = scopedPlan.Facts },
            Contender.Sync("join without tenant column", () => connection.Query<JoinedTask>(UnscopedJoinSql, unscopedKeys.Next()).AsList())
                with { Facts = unscopedPlan.Facts });

        var result = await context.Runner.RunAsync(comparison, cancellationToken).ConfigureAwait(false);
        return new ScenarioResult(Key, Title, Question, [result], notes);
    }

    private static async Task CheckSameRowsAsync(NpgsqlConnection connection, JoinKeySequence keys, CancellationToken cancellationToken)
    {
        for (var i = 0; i < KeysChecked; i++)
        {
            var key = keys.Next();
            var scoped = await connection.QueryAsync<JoinedTask>(new CommandDefinition(ScopedJoinSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var unscoped = await connection.QueryAsync<JoinedTask>(new CommandDefinition(UnscopedJoinSql, key, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var scopedRows = scoped.OrderBy(row => row.Id).ToArray();
            if (scopedRows.Length == 0 || !scopedRows.SequenceEqual(unscoped.OrderBy(row => row.Id)))
            {
                throw new InvalidOperationException(
                    $"The two joins disagree for tenant {key.Tenant}, project {key.Project}: the comparison would time different work. " +
                    "Check that the benchmark schema was loaded by this run and not changed by hand.");
            }
        }
    }
}
