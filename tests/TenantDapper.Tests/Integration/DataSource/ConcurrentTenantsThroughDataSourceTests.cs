using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// 1,000 concurrent Dapper operations for 20 tenants over one scoping data source (reads, joins, inserts, updates):
/// not one row of another tenant is read or written.
/// </summary>
public class ConcurrentTenantsThroughDataSourceTests : DatabaseFixture
{
    private const int Tenants = 20;
    private const int Operations = 1000;

    private static readonly TenantModel Model = new TenantModelBuilder()
        .TenantKey<long>()
        .TenantRoot("accounts", "id")
        .TenantTable("projects", "account_id")
        .TenantTable("tasks", "account_id")
        .Build();

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        var sql = new StringBuilder("""
            CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL);
            CREATE TABLE projects (account_id bigint NOT NULL, id bigint NOT NULL, name text NOT NULL, PRIMARY KEY (account_id, id));
            CREATE TABLE tasks (account_id bigint NOT NULL, id bigint NOT NULL, project_id bigint NOT NULL, title text NOT NULL, PRIMARY KEY (account_id, id));
            """);
        for (var t = 1; t <= Tenants; t++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO accounts VALUES ({t}, 'a{t}');");
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO projects SELECT {t}, p, 'p' || p FROM generate_series(1, 5) p;");
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO tasks SELECT {t}, k, k % 5 + 1, 'task' FROM generate_series(1, 20) k;");
        }

        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task Concurrent_operations_for_twenty_tenants_touch_only_their_own_rows()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 40 };
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(builder.ConnectionString), Model);
        var foreign = new ConcurrentQueue<string>();
        var inserted = new ConcurrentDictionary<long, int>();

        await Task.WhenAll(Enumerable.Range(0, Operations).Select(i => Task.Run(() => OperationAsync(source, i, foreign, inserted))));

        await using var check = OpenConnection();
        foreach (var (tenant, titles) in await check.QueryAsync<(long, string)>("SELECT account_id, title FROM tasks WHERE title LIKE 'op%'"))
        {
            if (!titles.EndsWith("-t" + tenant.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                foreign.Enqueue($"tenant {tenant}'s task was written as '{titles}'");
            }
        }

        foreach (var (tenant, count) in await check.QueryAsync<(long, long)>("SELECT account_id, count(*) FROM projects WHERE name LIKE 'op%' GROUP BY account_id"))
        {
            if (count != inserted.GetValueOrDefault(tenant))
            {
                foreign.Enqueue($"tenant {tenant} has {count} inserted projects, expected {inserted.GetValueOrDefault(tenant)}");
            }
        }

        Assert.That(foreign, Is.Empty, string.Join("\n", foreign.Take(10)));
        Assert.That(inserted.Values.Sum(), Is.EqualTo(Operations / 4));
    }

    private static async Task OperationAsync(TenantDataSource source, int i, ConcurrentQueue<string> foreign, ConcurrentDictionary<long, int> inserted)
    {
        long tenant = i % Tenants + 1;
        using (CurrentTenant.Use(tenant))
        {
            await Task.Yield();
            await using var connection = await source.OpenConnectionAsync();
            switch (i % 4)
            {
                case 0:
                    var rows = await connection.QueryAsync<(long, long)>(
                        "SELECT p.account_id, t.account_id FROM projects p JOIN tasks t ON t.project_id = p.id WHERE p.id = @id",
                        new { id = i % 5 + 1L });
                    foreach (var (project, task) in rows)
                    {
                        if (project != tenant || task != tenant)
                        {
                            foreign.Enqueue($"operation {i} for tenant {tenant} read ({project}, {task})");
                        }
                    }

                    break;
                case 1:
                    await connection.ExecuteAsync("UPDATE tasks SET title = @title WHERE id = @id", new { title = $"op{i}-t{tenant}", id = i % 20 + 1L });
                    break;
                case 2:
                    var affected = await connection.ExecuteAsync("INSERT INTO projects (id, name) VALUES (@id, @name)", new { id = 1000L + i, name = $"op{i}" });
                    inserted.AddOrUpdate(tenant, affected, (_, n) => n + affected);
                    break;
                default:
                    foreach (var owner in connection.Query<long>("SELECT account_id FROM tasks WHERE project_id IN (SELECT id FROM projects)", buffered: false))
                    {
                        if (owner != tenant)
                        {
                            foreign.Enqueue($"operation {i} for tenant {tenant} read a task of tenant {owner}");
                        }
                    }

                    break;
            }
        }
    }
}
