namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The SqlKata drop-in constructs that can name a tenant table, built with the builder and run through the oracle: each must
/// return, for every tenant, what it returns in a database holding only that tenant's rows.
/// </summary>
public class SqlKataDropInOracleTests : OracleFixture
{
    [Test]
    public Task WhereSub_with_a_correlated_count_of_a_tenant_table() =>
        AssertSameAsOracle(new Query("projects as p").Select("p.id", "p.name")
            .WhereSub(new Query("tasks as t").WhereColumns("t.project_id", "=", "p.id").AsCount(), ">=", 1).ToStatement());

    [Test]
    public Task OrWhereSub_with_an_uncorrelated_sub_query() =>
        AssertSameAsOracle(new Query("managers").Select("id", "name").Where("id", 1)
            .OrWhereSub(new Query("projects").AsMax("id"), ">", 6).ToStatement());

    [Test]
    public Task SelectAggregate_filters_that_read_tenant_tables() =>
        AssertSameAsOracle(new Query("projects as p").Select("p.manager_id").GroupBy("p.manager_id")
            .SelectCount("* as with_tasks", q => q.WhereIn("p.id", new Query("tasks").Select("project_id")))
            .SelectSum("p.budget as commented", q => q.WhereExists(new Query("tasks as t").Join("comments as c", "c.task_id", "t.id").WhereColumns("t.project_id", "=", "p.id")))
            .SelectMax("p.id as top").ToStatement());

    [Test]
    public Task With_rows_named_like_a_tenant_table_is_a_cte_not_the_table() =>
        AssertSameAsOracle(new Query("projects as w").With("projects", ["id", "label"], [[1L, "one"], [2L, "two"], [5L, "five"]])
            .Join("tasks as t", "t.project_id", "w.id").Select("w.label", "t.id", "t.title").ToStatement());

    [Test]
    public Task With_rows_beside_a_cte_that_reads_a_tenant_table() =>
        AssertSameAsOracle(new Query("open as o").With("wanted", ["pid"], [[1L], [3L]]).With("open", new Query("tasks").WhereFalse("done"))
            .Join("wanted as w", "w.pid", "o.project_id").Select("o.id", "o.project_id").ToStatement());

    [Test]
    public Task Or_and_Not_flags_around_sub_queries() =>
        AssertSameAsOracle(new Query("tasks").Select("id").Where("done", true)
            .Or().Not().WhereIn("project_id", new Query("projects").Select("id").WhereNull("budget"))
            .Or().WhereExists(new Query("comments as c").WhereColumns("c.task_id", "=", "tasks.id")).ToStatement());

    [Test]
    public Task Having_group_of_Having_methods_with_a_sub_query() =>
        AssertSameAsOracleAloneAndRefusedForSeveral(new Query("tasks").Select("project_id").GroupBy("project_id")
            .Having(q => q.HavingIn("project_id", new Query("projects").Select("id").WhereNotNull("manager_id")).OrHaving("project_id", 1)).ToStatement());

    [Test]
    public Task Empty_groups_and_negative_limits_leave_the_statement_scoped() =>
        AssertSameAsOracle(new Query("projects").Select("id").Where(q => q).OrWhere(q => q).Limit(-5).Offset(-1).ToStatement());
}
