using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// Every raw-fragment leak of issue 11, now parsed into the tree: a sub-query in any raw position is scoped like any
/// other (the oracle runs each statement on the shared database, other tenants' rows present, and on a copy holding
/// only the tenant's rows); a fragment that escapes its position is refused when it is built and nothing is written;
/// with no tenant set the statements throw <see cref="TenantNotSetException"/>.
/// </summary>
public sealed class RawFragmentScopingTests : OracleFixture
{
    private static readonly PostgresCompiler Compiler = new();

    [Test]
    public async Task Sub_query_in_WhereRaw_is_scoped()
    {
        await AssertSameAsOracle(new Query("tasks").WhereRaw("project_id IN (SELECT id FROM projects WHERE manager_id = ?)", 2L).ToStatement());
    }

    [Test]
    public async Task Sub_query_in_OrWhereRaw_is_scoped()
    {
        await AssertSameAsOracle(new Query("tasks").WhereTrue("done").OrWhereRaw("EXISTS (SELECT 1 FROM comments c WHERE c.task_id = tasks.id)").ToStatement());
    }

    [Test]
    public async Task Sub_query_in_SelectRaw_is_scoped()
    {
        await AssertSameAsOracle(new Query("accounts").Select("id").SelectRaw("(SELECT count(*) FROM tasks) AS n, (SELECT max(name) FROM projects) AS p").ToStatement());
    }

    [Test]
    public async Task Sub_query_in_HavingRaw_is_scoped()
    {
        await AssertSameAsOracleAloneAndRefusedForSeveral(new Query("tasks").Select("project_id").SelectRaw("count(*) AS n").GroupBy("project_id")
            .HavingRaw("count(*) + ? > (SELECT count(*) FROM managers)", 1L).ToStatement());
    }

    [Test]
    public async Task Sub_query_in_OrderByRaw_is_scoped()
    {
        await AssertSameAsOracle(new Query("projects").Select("id", "name")
            .OrderByRaw("(SELECT count(*) FROM tasks t WHERE t.project_id = projects.id) DESC, id").Limit(2).ToStatement());
    }

    [Test]
    public async Task Sub_query_in_GroupByRaw_is_scoped()
    {
        await AssertSameAsOracleAloneAndRefusedForSeveral(new Query("projects")
            .SelectRaw("manager_id IN (SELECT id FROM managers WHERE name LIKE ?) AS managed, count(*) AS n", "m%")
            .GroupByRaw("manager_id IN (SELECT id FROM managers WHERE name LIKE ?)", "m%").ToStatement());
    }

    [Test]
    public async Task Sub_query_in_a_raw_condition_of_a_left_join_is_scoped()
    {
        await AssertSameAsOracle(new Query("projects as p")
            .LeftJoin("tasks as t", j => j.On("t.project_id", "p.id").WhereRaw("t.id IN (SELECT task_id FROM comments)"))
            .Select("p.id", "t.id").ToStatement());
    }

    [Test]
    public async Task Tables_in_FromRaw_are_scoped()
    {
        await AssertSameAsOracle(new Query().FromRaw("tasks t JOIN projects p ON p.id = t.project_id").Select("t.id", "p.name").ToStatement());
    }

    [Test]
    public async Task FromRaw_list_with_a_join_added_by_the_builder_is_scoped()
    {
        await AssertSameAsOracle(new Query().FromRaw("countries c, projects p").Join("tasks as t", "t.project_id", "p.id")
            .WhereRaw("c.code = ?", "de").Select("c.code", "t.id").ToStatement());
    }

    [Test]
    public async Task Raw_CTE_body_is_scoped()
    {
        await AssertSameAsOracle(new Query("open_tasks").WithRaw("open_tasks", "SELECT id, title FROM tasks WHERE NOT done AND id > ?", 1L).ToStatement());
    }

    [Test]
    public async Task Update_with_dollar_quoted_parentheses_in_WhereRaw_is_scoped()
    {
        await AssertSameAsOracle(new Query("tasks").WhereRaw("(title LIKE $$(%$$) OR (title LIKE $$%)$$) OR id = ?", 2L)
            .AsUpdate(new Dictionary<string, object?> { ["title"] = "touched" }).ToStatement());
    }

    [Test]
    public async Task Delete_with_a_sub_query_in_WhereRaw_is_scoped()
    {
        await AssertSameAsOracle(new Query("comments").WhereRaw("task_id IN (SELECT id FROM tasks WHERE done)").AsDelete().ToStatement());
    }

    [Test]
    public async Task Braces_and_question_marks_inside_literals_and_comments_are_left_alone()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(OracleSchema.Tenants[0]))
        {
            var rows = (await db.Query("accounts").WhereRaw("? = ANY ('{1,2,3}'::int[]) /* a ? in a comment */ AND name <> '?'", 2)
                .SelectRaw("'{1,2,3}' AS braces, '[x]' AS brackets").GetAsync<(string Braces, string Brackets)>()).ToList();

            Assert.That(rows, Is.EqualTo(new[] { ("{1,2,3}", "[x]") }));
        }
    }

    [TestCase("1=1) OR (1=1", TestName = "WhereRaw that closes its bracket is refused in an UPDATE and nothing is written")]
    [TestCase("true) OR true --", TestName = "WhereRaw that closes its bracket and comments out the rest is refused and nothing is written")]
    [TestCase("true /* opened here", TestName = "WhereRaw that opens a block comment is refused and nothing is written")]
    [TestCase("true; DELETE FROM tasks", TestName = "WhereRaw that smuggles a second statement is refused and nothing is written")]
    [TestCase("id = 1 UNION SELECT 1", TestName = "WhereRaw with a set operation is refused and nothing is written")]
    public async Task Fragment_escaping_a_WhereRaw_is_refused(string fragment)
    {
        await AssertRefusedAsync<UnscopableSqlException>(db => db.Query("tasks").WhereRaw(fragment).UpdateAsync(new { title = "pwned" }), OracleSchema.Tenants[0]);
    }

    [Test]
    public async Task Block_comment_opened_in_one_fragment_and_closed_in_another_is_refused()
    {
        await AssertRefusedAsync<UnscopableSqlException>(db => db.Query("tasks").WhereRaw("id = 1 /*").WhereRaw("*/ true").DeleteAsync(), OracleSchema.Tenants[0]);
    }

    [Test]
    public async Task SelectRaw_that_names_its_own_FROM_is_refused()
    {
        await AssertRefusedAsync<UnscopableSqlException>(db => db.GetAsync<string>(new Query("accounts").SelectRaw("name FROM projects --")), OracleSchema.Tenants[0]);
    }

    [Test]
    public async Task GroupByRaw_with_a_UNION_is_refused()
    {
        await AssertRefusedAsync<UnscopableSqlException>(db => db.GetAsync<string>(new Query("projects").Select("name").GroupByRaw("name UNION SELECT name FROM projects")), OracleSchema.Tenants[0]);
    }

    [Test]
    public async Task OrderByRaw_that_closes_the_statement_is_refused()
    {
        await AssertRefusedAsync<UnscopableSqlException>(db => db.GetAsync<string>(new Query("projects").Select("name").OrderByRaw("name; DELETE FROM projects")), OracleSchema.Tenants[0]);
    }

    [Test]
    public async Task Left_join_condition_that_escapes_its_bracket_is_refused()
    {
        await AssertRefusedAsync<UnscopableSqlException>(
            db => db.GetAsync<long>(new Query("projects as p").LeftJoin("tasks as t", j => j.On("t.project_id", "p.id").WhereRaw("true) OR (true")).Select("t.id")),
            OracleSchema.Tenants[0]);
    }

    [Test]
    public async Task Raw_CTE_body_with_a_second_statement_is_refused()
    {
        await AssertRefusedAsync<UnscopableSqlException>(db => db.Query("x").WithRaw("x", "SELECT 1; DELETE FROM tasks").GetAsync<long>(), OracleSchema.Tenants[0]);
    }

    [Test]
    public async Task FromRaw_with_a_natural_join_is_refused()
    {
        await AssertRefusedAsync<UnscopableSqlException>(db => db.GetAsync<long>(new Query().FromRaw("tasks NATURAL JOIN comments").Select("id")), OracleSchema.Tenants[0]);
    }

    private static IEnumerable<TestCaseData> TenantFreeStatements()
    {
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.GetAsync<long>(new Query("countries").WhereRaw("code IN (SELECT country_code FROM accounts)").Select("1"))))
            .SetName("Sub-query in WhereRaw over a tenant table needs a tenant");
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.GetAsync<long>(new Query("countries").SelectRaw("(SELECT count(*) FROM tasks) AS n"))))
            .SetName("Sub-query in SelectRaw over a tenant table needs a tenant");
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.GetAsync<string>(new Query("countries").Select("code").GroupBy("code").HavingRaw("count(*) < (SELECT count(*) FROM projects)"))))
            .SetName("Sub-query in HavingRaw over a tenant table needs a tenant");
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.GetAsync<string>(new Query("countries").Select("code").OrderByRaw("(SELECT count(*) FROM accounts a WHERE a.country_code = countries.code)"))))
            .SetName("Sub-query in OrderByRaw over a tenant table needs a tenant");
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.GetAsync<bool>(new Query("countries").SelectRaw("code IN (SELECT country_code FROM accounts) AS used").GroupByRaw("code IN (SELECT country_code FROM accounts)"))))
            .SetName("Sub-query in GroupByRaw over a tenant table needs a tenant");
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.Query("audit_log").WhereRaw("id IN (SELECT id FROM tasks)").DeleteAsync()))
            .SetName("Sub-query in a DELETE's WhereRaw over a tenant table needs a tenant");
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.GetAsync<long>(new Query().FromRaw("tasks").Select("id"))))
            .SetName("Tenant table in FromRaw needs a tenant");
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.Query("x").WithRaw("x", "SELECT id FROM projects").GetAsync<long>()))
            .SetName("Tenant table in a raw CTE body needs a tenant");
    }

    [TestCaseSource(nameof(TenantFreeStatements))]
    public async Task Raw_fragment_over_a_tenant_table_without_a_tenant_is_refused(Func<QueryFactory, Task> statement)
    {
        await AssertRefusedAsync<TenantNotSetException>(statement, tenant: null);
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        return connection;
    }

    private async Task AssertRefusedAsync<TException>(Func<QueryFactory, Task> statement, object? tenant)
        where TException : TenantDapperException
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var before = await Snapshot.TakeAsync(connection, null);
        using (tenant is null ? null : CurrentTenant.Use(tenant))
        {
            Assert.That(() => statement(db), Throws.TypeOf<TException>());
        }

        Assert.That((await Snapshot.TakeAsync(connection, null)).SameAs(before), Is.True, "a refused statement wrote something");
    }
}
