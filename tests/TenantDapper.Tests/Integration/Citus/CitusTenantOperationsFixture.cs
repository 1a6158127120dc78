using System.Globalization;
using Npgsql;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// The distributed sample schema with 30 more tenants (3..32), each with a manager, two projects and three tasks, and
/// helpers to compare every tenant's rows before and after a tenant operation.
/// </summary>
public abstract class CitusTenantOperationsFixture : CitusClusterFixture
{
    protected const string SnapshotSql = """
        SELECT a.id, count(DISTINCT p.id), count(t.id),
               md5(string_agg(p.id || ':' || p.name || '/' || coalesce(t.id || ':' || t.title, '-'), ',' ORDER BY p.id, t.id))
        FROM accounts a
        JOIN projects p ON p.account_id = a.id
        LEFT JOIN tasks t ON t.account_id = p.account_id AND t.project_id = p.id
        GROUP BY a.id
        ORDER BY a.id
        """;

    protected TableName Accounts => new(Schema, "accounts");

    [OneTimeSetUp]
    public async Task AddTenantsAsync()
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO accounts SELECT g, 'tenant ' || g, 'NL' FROM generate_series(3, 32) g;
            INSERT INTO managers (account_id, id, name) SELECT g, g, 'manager ' || g FROM generate_series(3, 32) g;
            INSERT INTO projects (account_id, id, name, manager_id) SELECT g, g * 10 + k, 'project ' || g || '.' || k, g FROM generate_series(3, 32) g, generate_series(0, 1) k;
            INSERT INTO tasks (account_id, id, project_id, title) SELECT g, g * 100 + k, g * 10 + k % 2, 'task ' || g || '.' || k FROM generate_series(3, 32) g, generate_series(0, 2) k;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The number of tasks (EXPLAIN's Task Count) of a statement.</summary>
    protected async Task<int> TaskCountAsync(string sql)
    {
        var plan = string.Join("\n", await QueryAsync("EXPLAIN (COSTS OFF) " + sql));
        var start = plan.IndexOf("Task Count: ", StringComparison.Ordinal);
        Assert.That(start, Is.GreaterThanOrEqualTo(0), plan);
        var digits = plan[(start + "Task Count: ".Length)..].TakeWhile(char.IsDigit).ToArray();
        return int.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>How many shards hold each tenant's tasks, and how many tenants share the shard of <paramref name="tenant"/>.</summary>
    protected async Task<long> TenantsSharingTheShardOfAsync(string table, long tenant)
    {
        var rows = await QueryAsync($"""
            SELECT count(DISTINCT account_id) FROM {table}
            WHERE get_shard_id_for_distribution_column('{table}', account_id) = get_shard_id_for_distribution_column('{table}', {tenant}::bigint)
            """);
        return long.Parse(rows.Single(), CultureInfo.InvariantCulture);
    }

    protected async Task<long> ScalarAsync(string sql) => long.Parse((await QueryAsync(sql)).Single(), CultureInfo.InvariantCulture);
}
