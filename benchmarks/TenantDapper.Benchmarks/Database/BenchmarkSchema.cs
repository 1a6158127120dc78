using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace TenantDapper.Benchmarks.Database;

/// <summary>
/// The tables the scenarios run on: accounts (the tenant root), projects and tasks, keyed by
/// (account_id, id) as a Citus-ready schema must be, with indexes led by the tenant column.
/// </summary>
internal static class BenchmarkSchema
{
    private const string AccountsDdl = """
        CREATE TABLE accounts (
            id bigint PRIMARY KEY,
            name text NOT NULL)
        """;

    private const string ProjectsDdl = """
        CREATE TABLE projects (
            account_id bigint NOT NULL REFERENCES accounts (id),
            id bigint NOT NULL,
            name text NOT NULL,
            PRIMARY KEY (account_id, id))
        """;

    private const string TasksDdl = """
        CREATE TABLE tasks (
            account_id bigint NOT NULL,
            id bigint NOT NULL,
            project_id bigint NOT NULL,
            title text NOT NULL,
            done boolean NOT NULL,
            PRIMARY KEY (account_id, id),
            FOREIGN KEY (account_id, project_id) REFERENCES projects (account_id, id));
        CREATE INDEX tasks_project_idx ON tasks (account_id, project_id)
        """;

    /// <summary>
    /// The tenant model of these tables, as an application would declare it: accounts is the tenant root,
    /// projects and tasks carry the tenant in account_id. Unqualified names resolve to <paramref name="schema"/>.
    /// </summary>
    public static TenantModel TenantModel(string schema) => new TenantModelBuilder()
        .TenantRoot("accounts", "id")
        .TenantTable("projects", "account_id")
        .TenantTable("tasks", "account_id")
        .TenantKey<long>()
        .DefaultSchema(schema)
        .Strict()
        .Build();

    /// <summary>
    /// Creates the tables in the connection's current schema. On Citus each table is distributed by
    /// its tenant column right after it is created, parents first, all in one colocation group.
    /// </summary>
    public static async Task CreateAsync(NpgsqlConnection connection, bool citus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await ExecuteAsync(connection, AccountsDdl, cancellationToken).ConfigureAwait(false);
        if (citus)
        {
            await ExecuteAsync(connection, "SELECT create_distributed_table('accounts', 'id')", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, ProjectsDdl, cancellationToken).ConfigureAwait(false);
        if (citus)
        {
            await ExecuteAsync(connection, "SELECT create_distributed_table('projects', 'account_id', colocate_with => 'accounts')", cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, TasksDdl, cancellationToken).ConfigureAwait(false);
        if (citus)
        {
            await ExecuteAsync(connection, "SELECT create_distributed_table('tasks', 'account_id', colocate_with => 'accounts')", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Loads the data set with binary COPY, then refreshes the planner's statistics.</summary>
    public static async Task LoadAsync(NpgsqlConnection connection, TenantDataSet dataSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(dataSet);

        await using (var accounts = await connection.BeginBinaryImportAsync("COPY accounts (id, name) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (long tenant = 1; tenant <= dataSet.Tenants; tenant++)
            {
                await accounts.WriteRowAsync(cancellationToken, tenant, $"account {tenant}").ConfigureAwait(false);
            }

            await accounts.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var projects = await connection.BeginBinaryImportAsync("COPY projects (account_id, id, name) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (long tenant = 1; tenant <= dataSet.Tenants; tenant++)
            {
                for (var p = 0; p < dataSet.ProjectsPerTenant; p++)
                {
                    var id = dataSet.ProjectId(tenant, p);
                    await projects.WriteRowAsync(cancellationToken, tenant, id, $"project {id}").ConfigureAwait(false);
                }
            }

            await projects.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var tasks = await connection.BeginBinaryImportAsync("COPY tasks (account_id, id, project_id, title, done) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (long tenant = 1; tenant <= dataSet.Tenants; tenant++)
            {
                for (var t = 0; t < dataSet.TasksPerTenant; t++)
                {
                    var id = dataSet.TaskId(tenant, t);
                    await tasks.StartRowAsync(cancellationToken).ConfigureAwait(false);
                    await tasks.WriteAsync(tenant, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await tasks.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await tasks.WriteAsync(dataSet.ProjectId(tenant, t % dataSet.ProjectsPerTenant), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
                    await tasks.WriteAsync($"task {id}", NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
                    await tasks.WriteAsync(t % 3 == 0, NpgsqlDbType.Boolean, cancellationToken).ConfigureAwait(false);
                }
            }

            await tasks.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, "ANALYZE accounts, projects, tasks", cancellationToken).ConfigureAwait(false);
    }

    private static Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
}
