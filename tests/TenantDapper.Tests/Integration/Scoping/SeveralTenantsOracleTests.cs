using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// Several tenants in scope: every place two tenant tables meet — joins and correlated or uncorrelated
/// sub-queries in WHERE, the select list and ON — pairs rows of one tenant only. Each statement runs for
/// each tenant alone and for tenants 1 and 2 together, where the oracle requires the union of the two
/// results alone (the first table is a tenant table, so every row belongs to one tenant).
/// </summary>
[TestFixture(OracleMode.Plain)]
[TestFixture(OracleMode.RowLevelSecurity)]
public class SeveralTenantsOracleTests : OracleFixture
{
    public SeveralTenantsOracleTests(OracleMode mode)
        : base(mode)
    {
    }

    private static readonly TableReference Projects = Table("projects", "p");

    [Test]
    public Task Exists_sub_query_pairs_only_rows_of_one_tenant() =>
        AssertSameAsOracle(Select([Col("p", "id"), Col("p", "name")], [Projects], Exists(Select(null, [Table("tasks", "t")], And(Eq(Col("t", "project_id"), Col("p", "id")), Eq(Col("t", "done"), Value(true)))))));

    [Test]
    public Task Not_exists_sub_query_pairs_only_rows_of_one_tenant() =>
        AssertSameAsOracle(Select([Col("p", "id")], [Projects], Exists(Select(null, [Table("tasks", "t")], Eq(Col("t", "project_id"), Col("p", "id"))), negated: true)));

    [Test]
    public Task In_sub_query_that_names_no_outer_table_still_pairs_within_one_tenant() =>
        AssertSameAsOracle(Select([Col("p", "id")], [Projects], In(Col("p", "id"), Select([Col("t", "project_id")], [Table("tasks", "t")], Eq(Col("t", "done"), Value(false))))));

    [Test]
    public Task Not_in_sub_query_pairs_only_rows_of_one_tenant() =>
        AssertSameAsOracle(Select([Col("p", "id")], [Projects], In(Col("p", "manager_id"), Select([Col("m", "id")], [Table("managers", "m")], Eq(Col("m", "name"), Value("m1"))), negated: true)));

    [Test]
    public Task Scalar_sub_query_in_the_select_list_counts_one_tenants_rows() =>
        AssertSameAsOracle(Select([Col("p", "id"), Scalar(Select([Count()], [Table("tasks", "t")], Eq(Col("t", "project_id"), Col("p", "id"))))], [Projects]));

    [Test]
    public Task Uncorrelated_scalar_sub_query_is_computed_per_tenant() =>
        AssertSameAsOracle(Select([Col("p", "id")], [Projects], Op(Scalar(Select([Count()], [Table("tasks", "t")], Eq(Col("t", "done"), Value(true)))), ">", Value(3L))));

    [Test]
    public Task Sub_query_in_a_left_joins_on_ties_to_the_optional_side() =>
        AssertSameAsOracle(Select(
            [Col("p", "id"), Col("m", "name")],
            [Join(Projects, JoinKind.Left, Table("managers", "m"), And(Eq(Col("m", "id"), Col("p", "manager_id")), Exists(Select(null, [Table("project_managers", "pm")], Eq(Col("pm", "manager_id"), Col("m", "id"))))))]));

    // The tie to the outer tenant lands in the ON of "reference table LEFT JOIN tenant table", the shape Citus 13.2 pushes
    // down by the column that ON compares with (CitusOuterJoinInSubqueryTests). Citus misread the outer column as the
    // reference table's column at the same range-table position: countries first in the sub-query and projects first
    // around it; for the RIGHT JOIN, countries second and managers second.
    [Test]
    public Task Sub_query_left_joining_a_tenant_table_to_a_reference_table_pairs_within_one_tenant() =>
        AssertSameAsOracle(Select(
            [Col("p", "id"), Col("p", "name")],
            [Projects],
            In(Col("p", "manager_id"), Select([Col("m", "id")], [Join(Table("countries", "c"), JoinKind.Left, Table("managers", "m"), Eq(Col("m", "id"), Col("p", "manager_id")))], Eq(Col("c", "code"), Value("de"))))));

    [Test]
    public Task Not_in_sub_query_right_joining_a_reference_table_to_a_tenant_table_pairs_within_one_tenant() =>
        AssertSameAsOracle(Select(
            [Col("a0", "id"), Col("a0", "name")],
            [Table("countries", "k"), Table("managers", "a0")],
            And(
                Eq(Col("k", "code"), Value("de")),
                In(Col("a0", "id"), Select([Col("a2", "id")], [Join(Table("managers", "a2"), JoinKind.Right, Table("countries", "a1"), Eq(Col("a2", "name"), Col("a1", "code")))], Op(Col("a2", "id"), ">=", Col("a0", "id"))), negated: true))));

    [Test]
    public Task Sub_query_naming_two_outer_tables_pairs_within_one_tenant() =>
        AssertSameAsOracle(Select(
            [Col("p", "id"), Col("m", "id")],
            [Join(Projects, JoinKind.Inner, Table("managers", "m"), Eq(Col("m", "id"), Col("p", "manager_id")))],
            Exists(Select(null, [Table("project_managers", "pm")], And(Eq(Col("pm", "project_id"), Col("p", "id")), Eq(Col("pm", "manager_id"), Col("m", "id")))))));

    [Test]
    public Task Sub_query_two_levels_down_through_a_shared_table_ties_to_the_outer_tenant() =>
        AssertSameAsOracle(Select(
            [Col("a", "id")],
            [Table("accounts", "a")],
            Exists(Select(null, [Table("countries", "c")], And(Eq(Col("c", "code"), Col("a", "country_code")), Exists(Select(null, [Table("projects", "x")], Op(Col("x", "budget"), ">", Value(300m)))))))));

    [Test]
    public Task Derived_table_inside_a_sub_query_ties_to_the_outer_tenant() =>
        AssertSameAsOracle(Select(
            [Col("p", "id")],
            [Projects],
            Exists(Select(null, [Derived(Select([Col("project_id")], [Table("tasks")], Eq(Col("done"), Value(true))), "d")], Eq(Col("d", "project_id"), Col("p", "id"))))));

    [Test]
    public Task Full_join_inside_a_sub_query_ties_both_sides_to_the_outer_tenant() =>
        AssertSameAsOracle(Select(
            [Col("p", "id"), Scalar(Select([Count()], [Join(Table("tasks", "t"), JoinKind.Full, Table("comments", "c"), Eq(Col("c", "task_id"), Col("t", "id")))], Eq(Col("t", "project_id"), Col("p", "id"))))],
            [Projects]));

    [Test]
    public Task Full_join_of_two_tenant_tables_pairs_within_one_tenant() =>
        AssertSameAsOracle(Select([Col("p", "id"), Col("t", "id")], [Join(Projects, JoinKind.Full, Table("tasks", "t"), Eq(Col("t", "project_id"), Col("p", "id")))]));

    [Test]
    public Task Inner_join_under_a_full_join_pairs_within_one_tenant() =>
        AssertSameAsOracle(Select(
            [Col("p", "id"), Col("t", "id"), Col("c", "id")],
            [Join(Projects, JoinKind.Full, Join(Table("tasks", "t"), JoinKind.Inner, Table("comments", "c"), Eq(Col("c", "task_id"), Col("t", "id"))), Eq(Col("t", "project_id"), Col("p", "id")))]));

    [Test]
    public Task Uuid_keyed_sub_query_pairs_within_one_org() =>
        AssertSameAsOracle(
            Select([Col("d", "id")], [Table("documents", "d")], Exists(Select(null, [Table("revisions", "r")], Eq(Col("r", "document_id"), Col("d", "id"))))),
            OracleSchema.UuidModel);

    [Test]
    public Task Having_sub_query_of_a_query_grouped_by_the_tenant_column_counts_each_groups_tenant() =>
        AssertSameAsOracle(Query(Block(
            [Col("p", "account_id"), Count()],
            [Projects],
            groupBy: [Col("p", "account_id")],
            having: Op(Count(), ">=", Scalar(Select([Count()], [Table("managers", "m")], Op(Col("m", "id"), ">", Value(1L))))))));

    [Test]
    public Task Select_list_and_order_by_sub_queries_of_a_query_grouped_by_the_tenant_column_count_each_groups_tenant() =>
        AssertSameAsOracle(Query(Block(
            [Col("p", "account_id"), Col("p", "manager_id"), Count(), Scalar(Select([Count()], [Table("tasks", "t")], Eq(Col("t", "done"), Value(true))))],
            [Projects],
            orderBy: [Scalar(Select([Count()], [Table("managers", "m")], Eq(Col("m", "id"), Col("p", "manager_id"))))],
            groupBy: [Col("p", "account_id"), Col("p", "manager_id")])));

    [Test]
    public Task Sub_query_grouped_by_the_tenant_column_of_a_joined_table_ties_to_that_column() =>
        AssertSameAsOracle(Query(Block(
            [Col("t", "account_id"), Count()],
            [Join(Projects, JoinKind.Inner, Table("tasks", "t"), Eq(Col("t", "project_id"), Col("p", "id")))],
            groupBy: [Col("t", "account_id")],
            having: Exists(Select(null, [Table("managers", "m")], Eq(Col("m", "name"), Value("m1")))))));

    [Test]
    public Task Sub_query_in_an_aggregates_filter_ties_to_the_row_not_the_group() =>
        AssertSameAsOracle(Query(Block(
            [Col("p", "manager_id"), new FunctionCallExpression(null, "count", [AllColumnsExpression.Unqualified], false, false, [], false, Exists(Select(null, [Table("tasks", "t")], Eq(Col("t", "project_id"), Col("p", "id")))), null)],
            [Projects],
            groupBy: [Col("p", "manager_id")])));

    [Test]
    public Task Having_sub_query_of_a_query_not_grouped_by_the_tenant_column_runs_for_one_tenant_and_is_refused_for_several() =>
        AssertSameAsOracleAloneAndRefusedForSeveral(Query(Block(
            [Col("p", "manager_id"), Count()],
            [Projects],
            groupBy: [Col("p", "manager_id")],
            having: Op(Count(), ">", Scalar(Select([Count()], [Table("managers", "m")], Op(Col("m", "id"), ">", Value(2L))))))));

    [Test]
    public Task Select_list_sub_query_of_an_aggregate_without_group_by_runs_for_one_tenant_and_is_refused_for_several() =>
        AssertSameAsOracleAloneAndRefusedForSeveral(Select([Count(), Scalar(Select([Count()], [Table("tasks", "t")]))], [Projects]));

    [Test]
    public void Sub_query_whose_alias_hides_the_outer_table_is_refused_for_several_tenants() =>
        AssertRefusedForSeveral(Select([Col("p", "id")], [Projects], Exists(Select(null, [Table("tasks", "p")], Eq(Col("p", "done"), Value(true))))));

    [Test]
    public void Derived_table_joined_to_a_tenant_table_is_refused_for_several_tenants() =>
        AssertRefusedForSeveral(Select(
            [Col("p", "id")],
            [Join(Projects, JoinKind.Inner, Derived(Select([Col("project_id")], [Table("tasks")]), "d"), Eq(Col("d", "project_id"), Col("p", "id")))]));

    [Test]
    public void Cte_joined_to_a_tenant_table_is_refused_for_several_tenants() =>
        AssertRefusedForSeveral(Query(
            Block([Col("p", "id")], [Projects, Table("open_tasks", "o")], Eq(Col("o", "project_id"), Col("p", "id"))),
            Cte("open_tasks", Select([Col("project_id")], [Table("tasks")], Eq(Col("done"), Value(false))))));

    [Test]
    public void Sub_query_under_tenant_rows_that_may_be_null_extended_is_refused_for_several_tenants() =>
        AssertRefusedForSeveral(Select(
            [Col("c", "code")],
            [Join(Table("countries", "c"), JoinKind.Left, Table("accounts", "a"), Eq(Col("a", "country_code"), Col("c", "code")))],
            Exists(Select(null, [Table("projects", "x")], Eq(Col("x", "account_id"), Col("a", "id"))))));

    [Test]
    public async Task The_same_refused_shapes_run_for_one_tenant()
    {
        await AssertSameAsOracle(Select([Col("p", "id")], [Projects], Exists(Select(null, [Table("tasks", "p")], Eq(Col("p", "done"), Value(true))))), onlyFirstTenant: true);
        await AssertSameAsOracle(Select(
            [Col("p", "id")],
            [Join(Projects, JoinKind.Inner, Derived(Select([Col("project_id")], [Table("tasks")]), "d"), Eq(Col("d", "project_id"), Col("p", "id")))]), onlyFirstTenant: true);
    }

    private static void AssertRefusedForSeveral(SqlStatement statement) =>
        Assert.That(
            () => ScopedExecution.Compile(statement, OracleSchema.Model, Oracle.StateFor(OracleSchema.Model, 0, 1)),
            Throws.TypeOf<UnscopableSqlException>().With.Message.StartsWith("With several tenants in scope"));
}
