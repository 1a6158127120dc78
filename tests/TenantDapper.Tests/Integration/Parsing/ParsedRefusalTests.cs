using Npgsql;
using TenantDapper.Parsing;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.Parsing;

/// <summary>SQL text the parser or the rewriter refuses is never sent: each refusal runs compile-and-execute and proves nothing was written.</summary>
public class ParsedRefusalTests : OracleFixture
{
    protected override bool ComparesWithCopies => false;

    private NpgsqlConnection _connection = null!;

    [OneTimeSetUp]
    public async Task CreateUserFunction()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();

        // A function that reads every tenant's rows: the rewriter cannot see into it.
        await using var command = new NpgsqlCommand("CREATE FUNCTION any_task_id() RETURNS bigint LANGUAGE sql AS 'SELECT max(id) FROM tasks'", connection);
        await command.ExecuteNonQueryAsync();
    }

    [SetUp]
    public async Task Connect()
    {
        CurrentTenant.Clear();
        _connection = new NpgsqlConnection(Databases.Shared);
        await _connection.OpenAsync();
    }

    [TearDown]
    public async Task Disconnect()
    {
        CurrentTenant.Clear();
        await _connection.DisposeAsync();
    }

    [TestCase("DELETE FROM tasks WHERE id = any_task_id()")]
    [TestCase("UPDATE tasks SET title = 'x' FROM generate_series(1, any_task_id()) AS g WHERE tasks.id = g")]
    [TestCase("DELETE FROM audit_log WHERE id < any_task_id()")]
    [TestCase("DELETE FROM tasks WHERE id::text IN (SELECT unnest(xpath('//id/text()', query_to_xml('SELECT id FROM tasks', true, false, ''))::text[]))")]
    public Task A_function_the_rewriter_cannot_see_into_is_refused_and_writes_nothing(string sql) =>
        AssertRefusedAsync<UnscopableSqlException>(sql, tenant: 1L);

    [TestCase("DELETE FROM tasks WHERE id = 1; DELETE FROM tasks")]
    [TestCase("DELETE FROM comments c USING tasks NATURAL JOIN projects WHERE c.task_id = tasks.id")]
    [TestCase("DELETE FROM tasks WHERE true) OR (true")]
    [TestCase("TRUNCATE tasks")]
    public Task Text_the_parser_refuses_writes_nothing(string sql) =>
        AssertRefusedAsync<UnscopableSqlException>(sql, tenant: 1L);

    [TestCase("UPDATE tasks SET (account_id, title) = (SELECT 2, 'moved')")]
    [TestCase("UPDATE tasks SET (title, account_id) = (SELECT 'moved', max(account_id) + 1 FROM projects)")]
    [TestCase("INSERT INTO tasks (id, project_id, title) VALUES (1, 1, 'x') ON CONFLICT (account_id, id) DO UPDATE SET (account_id, title) = (SELECT 2, 'moved')")]
    public Task Setting_the_tenant_column_from_a_sub_query_row_is_refused_and_writes_nothing(string sql) =>
        AssertRefusedAsync<TenantMismatchException>(sql, tenant: 1L);

    [Test]
    public Task A_parsed_write_without_a_tenant_is_refused_and_writes_nothing() =>
        AssertRefusedAsync<TenantNotSetException>("WITH d AS (DELETE FROM comments RETURNING id) SELECT count(*) FROM d", tenant: null);

    private async Task AssertRefusedAsync<TException>(string sql, object? tenant)
        where TException : TenantDapperException
    {
        var before = await Snapshot.TakeAsync(_connection, null);
        using (tenant is null ? null : CurrentTenant.Use(tenant))
        {
            Assert.That(
                async () =>
                {
                    await using var command = ScopedExecution.Command(_connection, ScopedExecution.CompileForCurrentTenant(SqlParser.ParseStatement(sql), OracleSchema.Model));
                    await command.ExecuteNonQueryAsync();
                },
                Throws.TypeOf<TException>());
        }

        Assert.That((await Snapshot.TakeAsync(_connection, null)).SameAs(before), Is.True, "a refused statement wrote something");
    }
}
