using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>Every write rule of scoping-rules.md, run against the oracle for each tenant: rows affected, rows returned and final contents of every table.</summary>
public class WriteRuleOracleTests : OracleFixture
{
    private static InsertStatement WithConflict(InsertStatement insert, OnConflictClause onConflict) =>
        new(insert.With, insert.Target, insert.Columns, insert.Rows, insert.Source, onConflict, insert.Returning);

    private static SelectItem[] Returning(params SqlExpression[] columns) => [.. columns.Select(c => new SelectItem(c, null))];

    [Test]
    public Task Insert_values_in_every_row() =>
        AssertSameAsOracle(Insert(Table("managers"), ["id", "name"], [Value(10L), Value("new")], [Value(11L), Value("newer")]));

    [Test]
    public Task Insert_into_the_tenant_column_with_another_name() =>
        AssertSameAsOracle(Insert(Table("comments"), ["id", "task_id", "body"], [Value(20L), Value(1L), Value("hello")]));

    [Test]
    public Task Insert_clashing_with_an_existing_key_fails_the_same_way() =>
        AssertSameAsOracle(Insert(Table("managers"), ["id", "name"], [Value(1L), Value("clash")]));

    [Test]
    public Task Insert_select_from_tenant_tables() =>
        AssertSameAsOracle(InsertSelect(
            Table("managers"),
            ["id", "name"],
            Select([Op(Col("t", "id"), "+", Value(100L)), Col("t", "title")], [Join(Table("tasks", "t"), JoinKind.Left, Table("projects", "p"), Eq(Col("p", "id"), Col("t", "project_id")))])));

    [Test]
    public Task Insert_select_of_a_set_operation() =>
        AssertSameAsOracle(InsertSelect(
            Table("managers"),
            ["id", "name"],
            Query(Union(Block([Op(Col("id"), "+", Value(50L)), Col("name")], [Table("projects")]), Select([Op(Col("id"), "+", Value(60L)), Col("name")], [Table("managers")])))));

    [Test]
    public Task Insert_with_returning_a_subquery() =>
        AssertSameAsOracleOrRefusedByCitus(
            new InsertStatement([], Table("managers"), ["id", "name"], [[Value(12L), Value("r")]], null, null, Returning(Col("id"), Scalar(Select([Count()], [Table("projects")])))),
            "subqueries are not supported within INSERT queries",
            refusedForOneTenant: true);

    [Test]
    public Task Insert_on_conflict_do_update() =>
        AssertSameAsOracle(WithConflict(
            Insert(Table("managers"), ["id", "name"], [Value(1L), Value("renamed")], [Value(13L), Value("fresh")]),
            new OnConflictClause(["account_id", "id"], [Set("name", Col("excluded", "name"))], null)));

    [Test]
    public Task Insert_on_conflict_do_nothing() =>
        AssertSameAsOracle(WithConflict(
            Insert(Table("managers"), ["id", "name"], [Value(2L), Value("ignored")], [Value(14L), Value("kept")]),
            new OnConflictClause(["account_id", "id"], null, null)));

    [Test]
    public Task Update_target() =>
        AssertSameAsOracle(Update(Table("tasks"), [Set("done", Value(true))], Op(Col("estimate"), ">", Value(1))));

    [Test]
    public Task Update_from_another_tenant_table() =>
        AssertSameAsOracle(Update(Table("tasks", "t"), [Set("title", Col("p", "name"))], Eq(Col("t", "project_id"), Col("p", "id")), Table("projects", "p")));

    [Test]
    public Task Update_from_a_join() =>
        AssertSameAsOracle(Update(
            Table("projects", "p"),
            [Set("name", Col("m", "name"))],
            Eq(Col("pm", "project_id"), Col("p", "id")),
            Join(Table("project_managers", "pm"), JoinKind.Left, Table("managers", "m"), Eq(Col("m", "id"), Col("pm", "manager_id")))));

    [Test]
    public Task Update_with_where_subquery_and_set_subquery() =>
        AssertSameAsOracle(Update(
            Table("projects"),
            [Set("budget", Scalar(Select([Count()], [Table("tasks", "t")], Eq(Col("t", "project_id"), Col("projects", "id")))))],
            In(Col("id"), Select([Col("project_id")], [Table("tasks")], Eq(Col("done"), Value(false))))));

    [Test]
    public Task Update_setting_the_tenant_column_to_the_current_tenant() =>
        AssertSameAsOracle(Update(Table("labels"), [Set("account_id", Value(1L)), Set("name", Value("x"))]), null, onlyFirstTenant: true);

    [Test]
    public Task Update_setting_only_the_tenant_column_to_the_current_tenant_changes_nothing_but_counts_the_rows() =>
        AssertSameAsOracle(Update(Table("tasks", "t"), [Set("account_id", Value(1L))], Op(Col("t", "id"), "<", Value(4L)), Table("projects", "p")), null, onlyFirstTenant: true);

    [Test]
    public Task Upsert_of_the_tenants_own_row_with_the_default_update_list()
    {
        // labels.code is unique across tenants on plain PostgreSQL. Citus needs the tenant column in every unique key,
        // so the distribution makes it UNIQUE (account_id, code) and ON CONFLICT (code) has no unique index to use there.
        var upsert = new Query("labels").AsInsert(new { account_id = 1L, code = "l1-a", name = "renamed" }).OnConflictDoUpdate(["code"]);
        return AssertSameAsOracleOrRefusedByCitus(
            upsert.ToStatement(),
            "there is no unique or exclusion constraint matching the ON CONFLICT specification",
            refusedForOneTenant: true,
            onlyFirstTenant: true);
    }

    [Test]
    public Task Update_of_a_global_table_reading_tenant_rows() =>
        AssertSameAsOracleOrRefusedByCitus(
            Update(Table("audit_log"), [Set("message", Value("seen"))], Exists(Select(null, [Table("tasks")], Eq(Col("title"), Col("audit_log", "message"))))),
            "relation audit_log is not distributed",
            refusedForOneTenant: true);

    [Test]
    public async Task Update_and_delete_of_a_schema_qualified_target()
    {
        static string Name(string? schema, string table) => schema is null ? table : schema + "." + table;
        static ColumnExpression Column(string? schema, string table, string column) => schema is null ? Col(table, column) : Col(schema, table, column);

        await AssertSameAsOracleSchemaQualified(s => Update(Table(Name(s, "tasks")), [Set("estimate", Op(Col("estimate"), "+", Value(1)))], Eq(Column(s, "tasks", "done"), Value(true))));
        await AssertSameAsOracleSchemaQualified(s => Delete(Table(Name(s, "comments")), Op(Column(s, "comments", "id"), ">", Value(3L))));
        await AssertSameAsOracleSchemaQualified(s => Insert(Table(Name(s, "managers")), ["id", "name"], [Value(15L), Value("qualified")]));
    }

    [Test]
    public Task Delete_target() =>
        AssertSameAsOracle(Delete(Table("comments"), Op(Col("task_id"), "<", Value(4L))));

    [Test]
    public Task Delete_using_another_tenant_table() =>
        AssertSameAsOracle(Delete(Table("tasks", "t"), And(Eq(Col("t", "project_id"), Col("p", "id")), Eq(Col("p", "name"), Value("p1"))), Table("projects", "p")));

    [Test]
    public Task Delete_where_in_subquery_with_a_cte() =>
        AssertSameAsOracle(new DeleteStatement(
            [Cte("done_tasks", Select([Col("id")], [Table("tasks")], Eq(Col("done"), Value(true))))],
            Table("comments"),
            [],
            In(Col("task_id"), Select([Col("id")], [Table("done_tasks")])),
            Returning(Col("id"))));

    [Test]
    public Task Uuid_keyed_tenant_writes()
    {
        return Run();

        async Task Run()
        {
            await AssertSameAsOracle(Insert(Table("documents"), ["id", "title"], [Value(9L), Value("new doc")]), OracleSchema.UuidModel);
            await AssertSameAsOracle(Update(Table("revisions", "r"), [Set("body", Col("d", "title"))], Eq(Col("d", "id"), Col("r", "document_id")), Table("documents", "d")), OracleSchema.UuidModel);
            await AssertSameAsOracle(Delete(Table("documents"), Exists(Select(null, [Table("revisions")], Eq(Col("revisions", "document_id"), Col("documents", "id"))))), OracleSchema.UuidModel);
        }
    }
}
