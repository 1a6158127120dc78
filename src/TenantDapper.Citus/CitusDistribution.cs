using Npgsql;
using TenantDapper.Citus.Scripting;

namespace TenantDapper.Citus;

/// <summary>
/// Distributes a tenant schema on a live Citus coordinator, statement by statement, as the
/// generated distribution script would; and verifies a distribution. The test suite calls
/// <see cref="DistributeIfCoordinatorAsync"/> so that it runs unchanged on Citus.
/// </summary>
public static class CitusDistribution
{
    /// <summary>Whether the connected database has the <c>citus</c> extension (it is a Citus coordinator's database).</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public static async Task<bool> IsCoordinatorAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Reads the catalog, plans the distribution of <paramref name="model"/> and runs it: constraint
    /// changes, reference tables, the root and the colocated tables, the foreign keys.
    /// </summary>
    /// <param name="connection">An open connection to the Citus coordinator's database.</param>
    /// <param name="model">The tenant model of the tables to distribute (tables Citus already holds as planned are left alone).</param>
    /// <param name="options">How to distribute; one transaction by default.</param>
    /// <param name="cancellationToken">Cancels the work (the open transaction rolls back).</param>
    /// <returns>The plan that was run.</returns>
    /// <exception cref="DistributionPlanException">The plan has problems; nothing was run.</exception>
    public static async Task<DistributionPlan> DistributeAsync(NpgsqlConnection connection, TenantModel model, CitusScriptOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var catalog = await SchemaCatalog.ReadAsync(connection, cancellationToken).ConfigureAwait(false);
        var plan = DistributionPlanner.Plan(model, catalog);
        var lines = new CitusScriptWriter(options).DistributionLines(plan);
        await RunAsync(connection, lines, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    /// <summary>
    /// Distributes <paramref name="model"/> with <see cref="DistributeAsync"/> when the connected
    /// database is a Citus coordinator's; on plain PostgreSQL does nothing.
    /// </summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="model">The tenant model of the tables to distribute.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The plan that was run, or <see langword="null"/> on plain PostgreSQL.</returns>
    /// <exception cref="DistributionPlanException">The plan has problems; nothing was run.</exception>
    public static async Task<DistributionPlan?> DistributeIfCoordinatorAsync(NpgsqlConnection connection, TenantModel model, CancellationToken cancellationToken = default) =>
        await IsCoordinatorAsync(connection, cancellationToken).ConfigureAwait(false)
            ? await DistributeAsync(connection, model, null, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>Runs the verification script of <paramref name="plan"/>.</summary>
    /// <param name="connection">An open connection to the Citus coordinator's database.</param>
    /// <param name="plan">The plan to verify.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <exception cref="CitusVerificationException">A table is not distributed as planned, or the database is not a Citus coordinator's.</exception>
    public static async Task VerifyAsync(NpgsqlConnection connection, DistributionPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await RunVerificationAsync(connection, new CitusScriptWriter().VerificationLines(plan), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a check script; the error it raises becomes a <see cref="CitusVerificationException"/> with its hint.</summary>
    internal static async Task RunVerificationAsync(NpgsqlConnection connection, IEnumerable<ScriptLine> lines, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(connection, lines, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.RaiseException)
        {
            throw new CitusVerificationException(e.MessageText + (e.Hint is null ? "." : ". " + e.Hint), e);
        }
    }

    internal static async Task RunAsync(NpgsqlConnection connection, IEnumerable<ScriptLine> lines, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var line in lines.Where(l => l.IsStatement))
            {
                // One statement per command: create_distributed_table_concurrently refuses the
                // implicit transaction block of a multi-statement batch.
                await using var command = new NpgsqlCommand(line.Text, connection) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await RollBackQuietlyAsync(connection).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task RollBackQuietlyAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var rollback = new NpgsqlCommand("ROLLBACK", connection);
            await rollback.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The connection is already broken; the server rolls the transaction back with it.
        }
    }
}
