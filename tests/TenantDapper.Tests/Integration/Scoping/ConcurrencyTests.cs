using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>Many concurrent async operations for different tenants over one connection pool: none reads or writes another tenant's row.</summary>
public class ConcurrencyTests : OracleFixture
{
    protected override bool ComparesWithCopies => false;

    private const int Operations = 1200;

    [Test]
    public async Task Concurrent_operations_for_different_tenants_never_touch_another_tenants_rows()
    {
        var violations = new ConcurrentQueue<string>();
        var inserted = new ConcurrentDictionary<long, int>();
        await using var pool = NpgsqlDataSource.Create(Databases.Shared);
        var watch = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, Operations).Select(i => Task.Run(() => OperationAsync(pool, i, violations, inserted))));
        watch.Stop();
        TestContext.Out.WriteLine($"{Operations} concurrent operations in {watch.ElapsedMilliseconds} ms");

        await using var check = await pool.OpenConnectionAsync();
        await using var tasks = new NpgsqlCommand("SELECT account_id::text, title FROM tasks WHERE title LIKE 'op%'", check);
        foreach (var row in await ScopedExecution.ReadRowsAsync(tasks))
        {
            var parts = row.Split(" | ");
            if (!parts[1].EndsWith("-t" + parts[0], StringComparison.Ordinal))
            {
                violations.Enqueue($"task of tenant {parts[0]} was written as '{parts[1]}'");
            }
        }

        await using var comments = new NpgsqlCommand("SELECT acc_id, count(*) FROM comments WHERE body LIKE 'op%' GROUP BY acc_id", check);
        await using (var reader = await comments.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (reader.GetInt64(1) != inserted.GetValueOrDefault(reader.GetInt64(0)))
                {
                    violations.Enqueue($"tenant {reader.GetInt64(0)} has {reader.GetInt64(1)} inserted comments, expected {inserted.GetValueOrDefault(reader.GetInt64(0))}");
                }
            }
        }

        Assert.That(violations, Is.Empty);
    }

    private static async Task OperationAsync(NpgsqlDataSource pool, int i, ConcurrentQueue<string> violations, ConcurrentDictionary<long, int> inserted)
    {
        var tenant = OracleSchema.Tenants[i % 3];
        using (CurrentTenant.Use(tenant))
        {
            await Task.Yield();
            var statement = Statement(i, tenant);
            var compiled = ScopedExecution.CompileForCurrentTenant(statement, OracleSchema.Model);
            await using var connection = await pool.OpenConnectionAsync();
            if (!Equals(CurrentTenant.Id, tenant))
            {
                violations.Enqueue($"operation {i} lost its tenant across await");
            }

            await using var command = ScopedExecution.Command(connection, compiled);
            if (statement is SelectStatement)
            {
                foreach (var row in await ScopedExecution.ReadRowsAsync(command))
                {
                    if (row.Split(" | ").Any(value => value != "∅" && value != tenant.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    {
                        violations.Enqueue($"operation {i} for tenant {tenant} read [{row}]");
                    }
                }
            }
            else
            {
                var affected = await command.ExecuteNonQueryAsync();
                if (statement is InsertStatement)
                {
                    inserted.AddOrUpdate(tenant, affected, (_, n) => n + affected);
                }
            }
        }
    }

    // Reads select only tenant columns, so any value other than the tenant (or a null-extended row) is a leak.
    private static SqlStatement Statement(int i, long tenant) => (i % 4) switch
    {
        0 => Select(
            [Col("t", "account_id"), Col("c", "acc_id"), Scalar(Select([Fn("max", Col("p", "account_id"))], [Table("projects", "p")], Eq(Col("p", "id"), Col("t", "project_id"))))],
            [Join(Table("tasks", "t"), JoinKind.Left, Table("comments", "c"), Eq(Col("c", "task_id"), Col("t", "id")))]),
        1 => Update(Table("tasks"), [Set("title", Value($"op{i}-t{tenant}"))], Eq(Col("id"), Value((long)(i % 8) + 1))),
        2 => Insert(Table("comments"), ["id", "task_id", "body"], [Value(1000L + i), Value(1L), Value($"op{i}-t{tenant}")]),
        _ => Query(Union(
            Block([Col("m", "account_id")], [Join(Table("managers", "m"), JoinKind.Full, Table("project_managers", "pm"), Eq(Col("pm", "manager_id"), Col("m", "id")))]),
            Select([Col("account_id")], [Table("projects")], In(Col("id"), Select([Col("project_id")], [Table("tasks")]))))),
    };
}
