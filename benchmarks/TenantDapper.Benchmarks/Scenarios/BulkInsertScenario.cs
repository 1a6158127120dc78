using Dapper;
using Npgsql;
using NpgsqlTypes;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// Rows per second for loading one tenant's tasks: raw Npgsql binary COPY (the baseline, as fast as
/// the driver goes) against TenantDapper's tenant-checked <c>BulkInsert</c> (sync and async) and Dapper's
/// <c>Execute(sql, list)</c>, one INSERT per row inside one transaction.
/// Every contender builds its own fresh batch of rows inside the timed operation, so that cost is equal on all sides.
/// </summary>
internal sealed class BulkInsertScenario : IBenchmarkScenario
{
    private const string InsertSql = """
        INSERT INTO tasks (account_id, id, project_id, title, done)
        VALUES (@AccountId, @Id, @ProjectId, @Title, @Done)
        """;

    private const string CopySql = "COPY tasks (account_id, id, project_id, title, done) FROM STDIN (FORMAT BINARY)";

    /// <inheritdoc />
    public string Key => "bulk-insert";

    /// <inheritdoc />
    public string Title => "Bulk insert";

    /// <inheritdoc />
    public string Question => "How fast does each way of loading a tenant's rows go?";

    /// <inheritdoc />
    public async Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var dataSet = context.DataSet;
        var rows = dataSet.TasksPerTenant;

        // A tenant of its own, so the loaded data the other scenarios read is left as it was.
        var tenant = dataSet.Tenants + 1L;
        var project = dataSet.ProjectId(tenant, 0);
        await using var connection = await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO accounts (id, name) VALUES (@Tenant, 'bulk insert'); INSERT INTO projects (account_id, id, name) VALUES (@Tenant, @Project, 'bulk insert')",
            new { Tenant = tenant, Project = project },
            cancellationToken: cancellationToken)).ConfigureAwait(false);

        try
        {
            var model = BenchmarkSchema.TenantModel(context.Database.Schema);
            var batches = new TaskBatchSource(tenant, project, dataSet.FirstFreeTaskId, rows);
            var comparison = new Comparison(
                $"{rows:N0} rows per batch",
                Contender.Sync("Npgsql binary COPY", () => BinaryCopy(connection, batches.Next())),
                Contender.Sync("TenantDapper BulkInsert", () => TenantDapperBulkInsert(connection, model, tenant, batches.Next())),
                Contender.Async("TenantDapper BulkInsertAsync", token => TenantDapperBulkInsertAsync(connection, model, tenant, batches.Next(), token)),
                Contender.Sync("Dapper Execute(list), one transaction", () => DapperExecute(connection, batches.Next())))
            {
                ItemsPerOperation = rows,
                ItemName = "rows",
            };

            var result = await context.Runner.RunAsync(comparison, cancellationToken).ConfigureAwait(false);
            var loaded = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM tasks WHERE account_id = @Tenant", new { Tenant = tenant }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (loaded != batches.RowsHandedOut)
            {
                throw new InvalidOperationException(
                    $"The bulk insert contenders handed out {batches.RowsHandedOut:N0} rows but the table holds {loaded:N0}: a contender lost or duplicated rows, so its rate means nothing.");
            }

            return new ScenarioResult(Key, Title, Question, [result],
            [
                $"Each operation loads {rows:N0} new tasks of one tenant; the table grows through the run, equally for every contender.",
                $"All {loaded:N0} rows handed out were found in the table afterwards.",
            ]);
        }
        finally
        {
            await connection.ExecuteAsync(
                "DELETE FROM tasks WHERE account_id = @Tenant; DELETE FROM projects WHERE account_id = @Tenant; DELETE FROM accounts WHERE id = @Tenant",
                new { Tenant = tenant }).ConfigureAwait(false);
        }
    }

    private static void BinaryCopy(NpgsqlConnection connection, IReadOnlyList<TaskRow> rows)
    {
        using var import = connection.BeginBinaryImport(CopySql);
        foreach (var row in rows)
        {
            import.StartRow();
            import.Write(row.AccountId, NpgsqlDbType.Bigint);
            import.Write(row.Id, NpgsqlDbType.Bigint);
            import.Write(row.ProjectId, NpgsqlDbType.Bigint);
            import.Write(row.Title, NpgsqlDbType.Text);
            import.Write(row.Done, NpgsqlDbType.Boolean);
        }

        import.Complete();
    }

    private static void TenantDapperBulkInsert(NpgsqlConnection connection, TenantModel model, long tenant, IReadOnlyList<TaskRow> rows)
    {
        using (CurrentTenant.Use(tenant))
        {
            connection.BulkInsert(model, rows);
        }
    }

    private static async Task TenantDapperBulkInsertAsync(NpgsqlConnection connection, TenantModel model, long tenant, IReadOnlyList<TaskRow> rows, CancellationToken cancellationToken)
    {
        using (CurrentTenant.Use(tenant))
        {
            await connection.BulkInsertAsync(model, rows, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void DapperExecute(NpgsqlConnection connection, IReadOnlyList<TaskRow> rows)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute(InsertSql, rows, transaction);
        transaction.Commit();
    }
}
