using Npgsql;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>SqlKata.Execution's raw-SQL methods on <see cref="QueryFactory"/>: plain text, scoped as the data source scopes it.</summary>
public class QueryFactoryRawSqlTests : DataSourceFixture
{
    [Test]
    public async Task Select_returns_only_the_current_tenants_rows()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(2L))
        {
            var rows = db.Select<long>("SELECT t.account_id FROM tasks t JOIN projects p ON p.id = t.project_id WHERE p.id > @min", new { min = 0L }).ToList();
            var asyncRows = (await db.SelectAsync<long>("SELECT account_id FROM projects")).ToList();
            Assert.That(rows, Is.Not.Empty.And.All.EqualTo(2L));
            Assert.That(asyncRows, Has.Count.EqualTo(await RawScalarAsync<long>("SELECT count(*) FROM projects WHERE account_id = 2")).And.All.EqualTo(2L));
        }
    }

    [Test]
    public async Task Statement_changes_only_the_current_tenants_rows()
    {
        var own = await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 3");
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(3L))
        {
            Assert.That(db.Statement("UPDATE tasks SET title = @title", new { title = "raw" }, transaction), Is.EqualTo(own));
            Assert.That(await db.StatementAsync("UPDATE tasks SET done = NOT done", transaction: transaction), Is.EqualTo(own));
        }

        await using var check = new NpgsqlCommand("SELECT DISTINCT account_id FROM tasks WHERE title = 'raw'", connection, transaction);
        Assert.That(await check.ExecuteScalarAsync(), Is.EqualTo(3L));
        await transaction.RollbackAsync();
        Assert.That(connection.State, Is.EqualTo(System.Data.ConnectionState.Open), "the factory's connection stays open and usable");
    }

    [Test]
    public async Task Select_without_a_tenant_is_refused_and_sends_nothing()
    {
        var before = await SnapshotAsync();
        await using var connection = new NpgsqlConnection(Databases.Shared);
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = OracleSchema.Model };
        Assert.That(() => db.Select("SELECT * FROM tasks"), Throws.TypeOf<TenantNotSetException>());
        Assert.That(() => db.StatementAsync("DELETE FROM tasks"), Throws.TypeOf<TenantNotSetException>());
        Assert.That((await SnapshotAsync()).SameAs(before), Is.True);
    }

    [Test]
    public async Task Factory_on_a_scoping_connection_runs_builder_and_raw_statements_scoped_once()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using var db = new QueryFactory(connection, new PostgresCompiler());
        using (CurrentTenant.Use(1L))
        {
            var built = await db.Query("tasks").Select("account_id").GetAsync<long>();
            var raw = await db.SelectAsync<long>("SELECT account_id FROM tasks");
            Assert.That(built, Is.Not.Empty.And.All.EqualTo(1L));
            Assert.That(raw, Is.EqualTo(built));
        }
    }
}
