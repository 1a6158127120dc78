using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The SqlKata methods that take SQL text in a write or a set operation, parsed into the tree: an <see cref="UnsafeLiteral"/>
/// value of an insert, update or upsert, <c>CombineRaw</c> / <c>UnionRaw</c> / <c>ExceptRaw</c> / <c>IntersectRaw</c>, and
/// <c>FromRaw</c> as the target of a write. A tenant table named inside the text is scoped (the oracle runs each statement on
/// the shared database, other tenants' rows present, and on a copy holding only the tenant's rows); text that escapes its
/// position, or sets the tenant column to another tenant, is refused and nothing is written.
/// </summary>
public sealed class SqlKataRawParsedScopingTests : OracleFixture
{
    private static readonly PostgresCompiler Compiler = new();

    [Test]
    public Task UnsafeLiteral_sub_query_in_an_update_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query("projects").WhereIn("id", new[] { 1L, 2L, 5L })
            .AsUpdate(new Dictionary<string, object?>
            {
                ["budget"] = new UnsafeLiteral("(SELECT count(*) FROM tasks t WHERE t.project_id = projects.id) + (SELECT count(*) FROM comments)"),
                ["name"] = "counted",
            }).ToStatement());

    [Test]
    public Task UnsafeLiteral_sub_query_in_an_insert_object_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query("managers").AsInsert(new { id = 40L, name = new UnsafeLiteral("'m' || (SELECT count(*) FROM tasks WHERE done)", replaceQuotes: false) }).ToStatement());

    [Test]
    public Task UnsafeLiterals_in_rows_of_an_insert_with_DEFAULT_are_scoped() =>
        AssertRunsAndSameAsOracle(new Query("tasks").AsInsert(
            ["id", "project_id", "title", "done"],
            [
                [new UnsafeLiteral("(SELECT max(id) + 1 FROM tasks)"), 1L, "first", new UnsafeLiteral("DEFAULT")],
                [new UnsafeLiteral("(SELECT max(id) + 2 FROM tasks)"), new UnsafeLiteral("(SELECT min(id) FROM projects WHERE budget IS NOT NULL)"), "second", true],
            ]).ToStatement());

    [Test]
    public Task UnsafeLiteral_in_an_upsert_update_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query("managers").AsInsert(new { id = 1L, name = new UnsafeLiteral("(SELECT min(name) FROM projects)") })
            .OnConflictDoUpdate(["account_id", "id"], new Dictionary<string, object?> { ["name"] = new UnsafeLiteral("managers.name || (SELECT count(*) FROM tasks)") })
            .Returning("id", "name").ToStatement());

    [Test]
    public Task UnsafeLiteral_reading_the_target_table_in_an_update_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query("tasks").Where("id", 2).AsUpdate(new Dictionary<string, object?> { ["estimate"] = new UnsafeLiteral("(SELECT max(estimate) FROM tasks)") }).ToStatement());

    [Test]
    public Task CombineRaw_arm_over_a_tenant_table_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query("projects").Select("id", "name").CombineRaw("UNION ALL SELECT id, title FROM tasks WHERE id > ?", 3L).ToStatement());

    [Test]
    public Task UnionRaw_with_ORDER_BY_and_LIMIT_for_the_whole_result_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query("managers").Select("name").UnionRaw("UNION SELECT name FROM projects ORDER BY 1 DESC LIMIT ?", 2).ToStatement());

    [Test]
    public Task IntersectRaw_and_ExceptRaw_arms_are_scoped() =>
        AssertRunsAndSameAsOracle(new Query("tasks").Select("project_id")
            .IntersectRaw("INTERSECT SELECT id FROM projects WHERE manager_id IS NOT NULL")
            .ExceptRaw("EXCEPT ALL SELECT task_id FROM comments").ToStatement());

    [Test]
    public Task CombineRaw_after_a_typed_union_with_a_parenthesized_arm_and_its_own_WITH_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query("accounts").Select("id").Union(new Query("managers").Select("id"))
            .CombineRaw("UNION (WITH p AS (SELECT id FROM projects WHERE budget > ?) SELECT id FROM p)", 150m).ToStatement());

    [Test]
    public Task CombineRaw_inside_a_derived_table_under_a_count_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query().From(new Query("projects").Select("id").CombineRaw("UNION SELECT project_id FROM tasks WHERE NOT done"), "u").AsCount().ToStatement());

    [Test]
    public Task FromRaw_target_of_an_update_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query().FromRaw("tasks AS t").Where("t.done", true).AsUpdate(new Dictionary<string, object?> { ["title"] = "closed" }).ToStatement());

    [Test]
    public Task FromRaw_target_of_an_update_with_a_join_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query().FromRaw("tasks t").Join("projects as p", "p.id", "t.project_id").Where("p.name", "p1")
            .AsUpdate(new Dictionary<string, object?> { ["title"] = "in p1" }).ToStatement());

    [Test]
    public Task FromRaw_target_of_an_insert_is_scoped() =>
        AssertRunsAndSameAsOracle(new Query().FromRaw("managers").AsInsert(new { id = 77L, name = "new" }).Returning("id").ToStatement());

    [Test]
    public Task Schema_qualified_FromRaw_target_of_a_delete_is_scoped() =>
        AssertRunsAndSameAsOracleSchemaQualified(schema => new Query().FromRaw((schema is null ? "" : schema + ".") + "comments c")
            .WhereRaw("c.task_id IN (SELECT id FROM tasks WHERE done)").AsDelete().ToStatement());

    [Test]
    public async Task UnsafeLiteral_update_sets_the_current_tenants_count_and_leaves_other_tenants_alone()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var before = (await connection.QueryAsync<(long Account, long Id, decimal? Budget)>("SELECT account_id, id, budget FROM projects ORDER BY 1, 2", transaction: transaction)).ToList();
        var tasksOfTenant1 = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 1", transaction: transaction);
        using (CurrentTenant.Use(1L))
        {
            var changed = await db.Query("projects").Where("id", 2).UpdateAsync(new { budget = new UnsafeLiteral("(SELECT count(*) FROM tasks)") }, transaction);
            Assert.That(changed, Is.EqualTo(1));
        }

        var after = (await connection.QueryAsync<(long Account, long Id, decimal? Budget)>("SELECT account_id, id, budget FROM projects ORDER BY 1, 2", transaction: transaction)).ToList();
        Assert.That(after, Is.EqualTo(before.Select(r => r.Account == 1L && r.Id == 2L ? (r.Account, r.Id, (decimal?)tasksOfTenant1) : r)));
        await transaction.RollbackAsync();
    }

    [Test]
    public async Task UnsafeLiteral_giving_the_current_tenant_for_the_tenant_column_inserts_the_row()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(2L))
        {
            Assert.That(await db.Query("managers").InsertAsync(new { account_id = new UnsafeLiteral("2"), id = 90L, name = new UnsafeLiteral("upper('new')", replaceQuotes: false) }, transaction), Is.EqualTo(1));
        }

        var rows = await connection.QueryAsync<(long, string)>("SELECT account_id, name FROM managers WHERE id = 90", transaction: transaction);
        Assert.That(rows, Is.EqualTo(new[] { (2L, "NEW") }));
        await transaction.RollbackAsync();
    }

    [Test]
    public async Task CombineRaw_returns_the_current_tenants_rows_of_both_arms()
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var expected = await connection.QueryAsync<string>("SELECT name FROM managers WHERE account_id = 3 UNION ALL SELECT title FROM tasks WHERE account_id = 3 AND id > 8");
        using (CurrentTenant.Use(3L))
        {
            var rows = await db.Query("managers").Select("name").UnionRaw("union all select title from tasks where id > ?", 8L).GetAsync<string>();
            Assert.That(rows, Is.EquivalentTo(expected));
        }
    }

    [Test]
    public async Task FromRaw_delete_removes_only_the_current_tenants_rows()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var expected = (await connection.QueryAsync<(long, long)>("SELECT acc_id, id FROM comments WHERE NOT (acc_id = 1 AND id > 2) ORDER BY 1, 2", transaction: transaction)).ToList();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await db.Query().FromRaw("comments AS c").Where("c.id", ">", 2).DeleteAsync(transaction), Is.GreaterThan(0));
        }

        var after = await connection.QueryAsync<(long, long)>("SELECT acc_id, id FROM comments ORDER BY 1, 2", transaction: transaction);
        Assert.That(after, Is.EqualTo(expected));
        await transaction.RollbackAsync();
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        TestCaseData Case(string name, Func<QueryFactory, Task> statement) => new TestCaseData(statement).SetName(name);

        yield return Case("UnsafeLiteral that closes the VALUES row and adds another is refused and nothing is written",
            db => db.Query("managers").InsertAsync(new { id = 91L, name = new UnsafeLiteral("'x'), (3, 92, 'y'", replaceQuotes: false) }));
        yield return Case("UnsafeLiteral that smuggles a second statement is refused and nothing is written",
            db => db.Query("tasks").Where("id", 1).UpdateAsync(new { title = new UnsafeLiteral("'x'; DELETE FROM tasks; --", replaceQuotes: false) }));
        yield return Case("UnsafeLiteral whose quotes are doubled by default is refused and nothing is written",
            db => db.Query("tasks").Where("id", 1).UpdateAsync(new { title = new UnsafeLiteral("'x'") }));
        yield return Case("UnsafeLiteral setting the tenant column to another tenant is refused and nothing is written",
            db => db.Query("tasks").Where("id", 1).UpdateAsync(new { account_id = new UnsafeLiteral("2"), title = "moved" }));
        yield return Case("UnsafeLiteral inserting another tenant's id is refused and nothing is written",
            db => db.Query("managers").InsertAsync(new { account_id = new UnsafeLiteral("3"), id = 93L, name = "x" }));
        yield return Case("UnsafeLiteral sub-query for the tenant column is refused and nothing is written",
            db => db.Query("managers").InsertAsync(new { account_id = new UnsafeLiteral("(SELECT max(id) FROM accounts)"), id = 94L, name = "x" }));
        yield return Case("UnsafeLiteral DEFAULT for the tenant column is refused and nothing is written",
            db => db.Query("managers").InsertAsync(new { account_id = new UnsafeLiteral("DEFAULT"), id = 95L, name = "x" }));
        yield return Case("UnsafeLiteral expression for the tenant column in an upsert update is refused and nothing is written",
            db => db.ExecuteAsync(new Query("managers").AsInsert(new { id = 1L, name = "x" })
                .OnConflictDoUpdate(["account_id", "id"], new Dictionary<string, object?> { ["account_id"] = new UnsafeLiteral("managers.account_id + 1") })));
        yield return Case("CombineRaw without a set operator is refused and nothing is written",
            db => db.Query("tasks").Select("id").CombineRaw("SELECT id FROM tasks").GetAsync<long>());
        yield return Case("CombineRaw that smuggles a second statement is refused and nothing is written",
            db => db.Query("tasks").Select("id").UnionRaw("UNION SELECT 1; DELETE FROM tasks").GetAsync<long>());
        yield return Case("CombineRaw that closes a bracket it did not open is refused and nothing is written",
            db => db.Query().From(new Query("projects").Select("id").UnionRaw("UNION SELECT id FROM tasks) x, (SELECT 1"), "u").GetAsync<long>());
        yield return Case("CombineRaw with a data-modifying CTE is refused and nothing is written",
            db => db.Query("tasks").Select("id").UnionRaw("UNION (WITH d AS (DELETE FROM tasks RETURNING id) SELECT id FROM d)").GetAsync<long>());
        yield return Case("FromRaw join as the target of an update is refused and nothing is written",
            db => db.Query().FromRaw("tasks t JOIN projects p ON p.id = t.project_id").UpdateAsync(new { title = "x" }));
        yield return Case("FromRaw list as the target of a delete is refused and nothing is written",
            db => db.Query().FromRaw("comments, tasks").DeleteAsync());
        yield return Case("FromRaw sub-query as the target of a delete is refused and nothing is written",
            db => db.Query().FromRaw("(SELECT * FROM tasks) t").DeleteAsync());
        yield return Case("FromRaw function as the target of an insert is refused and nothing is written",
            db => db.Query().FromRaw("generate_series(1, 3) g").InsertAsync(new { id = 1L }));
    }

    [TestCaseSource(nameof(Refusals))]
    public async Task Raw_text_that_cannot_be_scoped_is_refused(Func<QueryFactory, Task> statement)
    {
        await AssertRefusedAsync<TenantDapperException>(statement, OracleSchema.Tenants[0]);
    }

    [Test]
    public async Task UnsafeLiteral_with_a_question_mark_is_refused_as_a_binding_mismatch_and_nothing_is_written()
    {
        await AssertRefusedAsync<RawBindingMismatchException>(db => db.Query("tasks").Where("id", 1).UpdateAsync(new { title = new UnsafeLiteral("title || ?") }), OracleSchema.Tenants[0]);
    }

    [Test]
    public async Task UnsafeLiteral_as_a_condition_value_is_refused_and_nothing_is_written()
    {
        await AssertRefusedAsync<InvalidQueryException>(db => db.Query("tasks").Where("title", new UnsafeLiteral("title")).DeleteAsync(), OracleSchema.Tenants[0]);
    }

    private static IEnumerable<TestCaseData> TenantFreeStatements()
    {
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.Query("audit_log").InsertAsync(new { id = 9L, message = new UnsafeLiteral("(SELECT max(title) FROM tasks)") })))
            .SetName("UnsafeLiteral sub-query over a tenant table in a global insert needs a tenant");
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.Query("countries").Select("code").CombineRaw("UNION SELECT name FROM projects").GetAsync<string>()))
            .SetName("CombineRaw arm over a tenant table needs a tenant");
        yield return new TestCaseData((Func<QueryFactory, Task>)(db => db.Query().FromRaw("tasks").DeleteAsync()))
            .SetName("FromRaw tenant table as a delete target needs a tenant");
    }

    [TestCaseSource(nameof(TenantFreeStatements))]
    public async Task Raw_text_over_a_tenant_table_without_a_tenant_is_refused(Func<QueryFactory, Task> statement)
    {
        await AssertRefusedAsync<TenantNotSetException>(statement, tenant: null);
    }

    // Both sides failing alike counts as agreement in the oracle; these statements must run.
    private async Task AssertRunsAndSameAsOracle(Syntax.SqlStatement statement)
    {
        var errors = Oracle.SameErrors;
        await AssertSameAsOracle(statement);
        Assert.That(Oracle.SameErrors, Is.EqualTo(errors), "the statement failed on both sides");
    }

    private async Task AssertRunsAndSameAsOracleSchemaQualified(Func<string?, Syntax.SqlStatement> build)
    {
        var errors = Oracle.SameErrors;
        await AssertSameAsOracleSchemaQualified(build);
        Assert.That(Oracle.SameErrors, Is.EqualTo(errors), "the statement failed on both sides");
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        return connection;
    }

    private async Task AssertRefusedAsync<TException>(Func<QueryFactory, Task> statement, object? tenant)
        where TException : Exception
    {
        await using var connection = await OpenAsync();
        var db = new QueryFactory(connection, Compiler) { Model = OracleSchema.Model };
        var before = await Snapshot.TakeAsync(connection, null);
        using (tenant is null ? null : CurrentTenant.Use(tenant))
        {
            Assert.That(() => statement(db), Throws.InstanceOf<TException>());
        }

        Assert.That((await Snapshot.TakeAsync(connection, null)).SameAs(before), Is.True, "a refused statement wrote something");
    }
}
