using System.Collections.Concurrent;
using Npgsql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>The execution path: queries built with the builder and run by <see cref="QueryFactory"/> through Dapper are scoped, refused or captured as the rules say.</summary>
public class QueryFactoryScopingTests : OracleFixture
{
    protected override bool ComparesWithCopies => false;

    private static readonly PostgresCompiler Compiler = new();

    [Test]
    public async Task Built_query_run_by_the_factory_reads_only_the_current_tenants_rows()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(2L))
        {
            var rows = await db.Query("tasks as t")
                .LeftJoin("comments as c", "c.task_id", "t.id")
                .WhereIn("t.project_id", new Query("projects").Select("id"))
                .Select("t.account_id", "c.acc_id")
                .GetAsync<(long Task, long? Comment)>();
            Assert.That(rows.SelectMany(r => new[] { r.Task, r.Comment ?? 2L }), Is.Not.Empty.And.All.EqualTo(2L));
        }
    }

    [Test]
    public async Task Factory_refuses_a_delete_without_a_tenant_and_writes_nothing()
    {
        await AssertRefusedAsync<TenantNotSetException>(db => db.Query("tasks").DeleteAsync(), tenant: null);
    }

    [Test]
    public async Task Factory_refuses_an_update_of_the_tenant_column_and_writes_nothing()
    {
        await AssertRefusedAsync<TenantMismatchException>(db => db.Query("tasks").UpdateAsync(new { account_id = 3L, title = "moved" }), tenant: 1L);
    }

    [Test]
    public async Task Factory_refuses_an_insert_for_another_tenant_and_writes_nothing()
    {
        await AssertRefusedAsync<TenantMismatchException>(db => db.Query("managers").InsertAsync(new { account_id = 3L, id = 77L, name = "theirs" }), tenant: 1L);
    }

    [Test]
    public async Task Factory_refuses_a_raw_from_that_is_not_a_from_list_and_sends_nothing()
    {
        await AssertRefusedAsync<UnscopableSqlException>(db => db.GetAsync<long>(new Query().FromRaw("tasks t; DELETE FROM tasks").Select("t.id")), tenant: 1L);
    }

    [Test]
    public async Task Factory_refuses_a_write_for_several_tenants_and_writes_nothing()
    {
        using (CurrentTenant.UseMany(1L, 2L))
        {
            await AssertRefusedAsync<TenantWriteRequiresSingleTenantException>(db => db.Query("tasks").UpdateAsync(new { done = true }), tenant: null);
        }
    }

    [Test]
    public async Task Concurrent_factory_operations_for_different_tenants_stay_within_their_tenant()
    {
        await using var pool = NpgsqlDataSource.Create(Databases.Shared);
        var violations = new ConcurrentQueue<string>();
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(async () =>
        {
            var tenant = OracleSchema.Tenants[i % 3];
            using (CurrentTenant.Use(tenant))
            {
                await Task.Yield();
                await using var connection = await pool.OpenConnectionAsync();
                var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
                if (i % 2 == 0)
                {
                    var rows = await db.Query("projects as p").Join("tasks as t", "t.project_id", "p.id").Select("p.account_id", "t.account_id").GetAsync<(long, long)>();
                    foreach (var (project, task) in rows.Where(r => r.Item1 != tenant || r.Item2 != tenant))
                    {
                        violations.Enqueue($"operation {i} for tenant {tenant} read ({project}, {task})");
                    }
                }
                else
                {
                    await db.Query("managers").Where("id", (long)(i % 3) + 1).UpdateAsync(new { name = $"f{i}-t{tenant}" });
                }
            }
        })));

        await using var check = await pool.OpenConnectionAsync();
        await using var written = new NpgsqlCommand("SELECT account_id::text, name FROM managers WHERE name LIKE 'f%'", check);
        foreach (var row in await ScopedExecution.ReadRowsAsync(written))
        {
            var parts = row.Split(" | ");
            if (!parts[1].EndsWith("-t" + parts[0], StringComparison.Ordinal))
            {
                violations.Enqueue($"manager of tenant {parts[0]} was written as '{parts[1]}'");
            }
        }

        Assert.That(violations, Is.Empty);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        return connection;
    }

    private async Task AssertRefusedAsync<TException>(Func<QueryFactory, Task> write, object? tenant)
        where TException : TenantDapperException
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var before = await Snapshot.TakeAsync(connection, null);
        using (tenant is null ? null : CurrentTenant.Use(tenant))
        {
            Assert.That(() => write(db), Throws.TypeOf<TException>());
        }

        Assert.That((await Snapshot.TakeAsync(connection, null)).SameAs(before), Is.True, "a refused statement wrote something");
    }
}
