using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>Every read rule of scoping-rules.md, run against the oracle for each tenant alone and for two tenants together.</summary>
public class ReadRuleOracleTests : OracleFixture
{
    private static readonly BinaryExpression TaskOfProject = Eq(Col("t", "project_id"), Col("p", "id"));

    [Test]
    public Task From_item() => AssertSameAsOracle(Select(null, [Table("projects", "p")]));

    [Test]
    public Task Existing_where_with_or() =>
        AssertSameAsOracle(Select(null, [Table("tasks")], Or(Eq(Col("done"), Value(true)), Op(Col("estimate"), ">", Value(2)))));

    [Test]
    public Task Raw_where_with_or() =>
        AssertSameAsOracle(Select(null, [Table("tasks")], Raw("done OR estimate > ?", 2)));

    [Test]
    public Task Inner_join() => AssertSameAsOracle(Select(null, [Join(Table("projects", "p"), JoinKind.Inner, Table("tasks", "t"), TaskOfProject)]));

    [Test]
    public Task Left_join() => AssertSameAsOracle(Select(null, [Join(Table("projects", "p"), JoinKind.Left, Table("tasks", "t"), TaskOfProject)]));

    [Test]
    public Task Left_anti_join() =>
        AssertSameAsOracle(Select([Col("p", "id")], [Join(Table("projects", "p"), JoinKind.Left, Table("tasks", "t"), TaskOfProject)], new IsNullExpression(Col("t", "id"), negated: false)));

    [Test]
    public Task Right_join() => AssertSameAsOracle(Select(null, [Join(Table("tasks", "t"), JoinKind.Right, Table("projects", "p"), TaskOfProject)]));

    [Test]
    public Task Full_join() => AssertSameAsOracle(Select(null, [Join(Table("projects", "p"), JoinKind.Full, Table("tasks", "t"), TaskOfProject)]));

    [Test]
    public Task Full_join_of_a_tenant_and_a_reference_table() =>
        AssertSameAsOracle(Select(null, [Join(Table("accounts", "a"), JoinKind.Full, Table("countries", "c"), Eq(Col("c", "code"), Col("a", "country_code")))]));

    [Test]
    public Task Cross_join() => AssertSameAsOracle(Select([Col("m", "id"), Col("c", "code")], [Join(Table("managers", "m"), JoinKind.Cross, Table("countries", "c"), null)]));

    [Test]
    public Task Cross_join_of_two_tenant_tables() =>
        AssertSameAsOracle(Select([Col("m", "id"), Col("a", "id")], [Join(Table("managers", "m"), JoinKind.Cross, Table("accounts", "a"), null)]));

    [Test]
    public Task Comma_joined_tenant_tables() =>
        AssertSameAsOracle(Select([Col("m", "name"), Col("p", "name")], [Table("managers", "m"), Table("projects", "p")], Eq(Col("p", "manager_id"), Col("m", "id"))));

    [Test]
    public Task Chain_of_left_joins() =>
        AssertSameAsOracle(Select(null, [Join(Join(Table("projects", "p"), JoinKind.Left, Table("tasks", "t"), TaskOfProject), JoinKind.Left, Table("comments", "c"), Eq(Col("c", "task_id"), Col("t", "id")))]));

    [Test]
    public Task Left_join_then_right_join() =>
        AssertSameAsOracle(Select(null, [Join(Join(Table("projects", "p"), JoinKind.Left, Table("tasks", "t"), TaskOfProject), JoinKind.Right, Table("managers", "m"), Eq(Col("m", "id"), Col("p", "manager_id")))]));

    [Test]
    public Task Left_join_then_inner_join_on_the_nullable_table() =>
        AssertSameAsOracle(Select(null, [Join(Join(Table("projects", "p"), JoinKind.Left, Table("tasks", "t"), TaskOfProject), JoinKind.Inner, Table("comments", "c"), Eq(Col("c", "task_id"), Col("t", "id")))]));

    [Test]
    public Task Left_join_of_a_parenthesized_inner_join() =>
        AssertSameAsOracle(Select(null, [Join(Table("managers", "m"), JoinKind.Left, Join(Table("projects", "p"), JoinKind.Inner, Table("tasks", "t"), TaskOfProject), Eq(Col("p", "manager_id"), Col("m", "id")))]));

    [Test]
    public Task Full_join_inside_a_left_join() =>
        AssertSameAsOracle(Select(null, [Join(Join(Table("projects", "p"), JoinKind.Full, Table("tasks", "t"), TaskOfProject), JoinKind.Left, Table("comments", "c"), Eq(Col("c", "task_id"), Col("t", "id")))]));

    [Test]
    public Task Self_join() =>
        AssertSameAsOracle(Select([Col("a", "id"), Col("b", "id")], [Join(Table("tasks", "a"), JoinKind.Inner, Table("tasks", "b"), Eq(Col("a", "project_id"), Col("b", "project_id")))]));

    [Test]
    public Task Schema_qualified_table() =>
        AssertSameAsOracleSchemaQualified(schema => Select(null, [Table(schema is null ? "projects" : schema + ".projects")]));

    [Test]
    public Task Tenant_column_with_another_name() =>
        AssertSameAsOracle(Select(null, [Join(Table("tasks", "t"), JoinKind.Left, Table("comments", "c"), Eq(Col("c", "task_id"), Col("t", "id")))]));

    [Test]
    public Task Tenant_root_joined_to_a_reference_table() =>
        AssertSameAsOracle(Select(null, [Join(Table("accounts", "a"), JoinKind.Inner, Table("countries", "c"), Eq(Col("c", "code"), Col("a", "country_code")))]));

    [Test]
    public Task Global_table_alone() => AssertSameAsOracle(Select(null, [Table("audit_log")]));

    [Test]
    public Task Predicate_already_present() =>
        AssertSameAsOracle(Select(null, [Table("projects", "p")], And(Eq(Col("p", "account_id"), Tenant), Op(Col("p", "id"), ">", Value(1L)))));

    [Test]
    public Task In_subquery() =>
        AssertSameAsOracle(Select(null, [Table("projects", "p")], In(Col("p", "id"), Select([Col("project_id")], [Table("tasks")], Eq(Col("done"), Value(true))))));

    [Test]
    public Task Not_in_subquery() =>
        AssertSameAsOracle(Select(null, [Table("managers", "m")], In(Col("m", "id"), Select([Col("manager_id")], [Table("project_managers")]), negated: true)));

    [Test]
    public Task Exists_from_a_reference_table() =>
        AssertSameAsOracleOrRefusedByCitus(
            Select(null, [Table("countries", "c")], Exists(Select(null, [Table("accounts", "a")], Eq(Col("a", "country_code"), Col("c", "code"))))),
            "correlated subqueries are not supported when the FROM clause contains a reference table",
            refusedForOneTenant: false);

    [Test]
    public Task Not_exists_correlated() =>
        AssertSameAsOracle(Select(null, [Table("tasks", "t")], Exists(Select(null, [Table("comments", "c")], Eq(Col("c", "task_id"), Col("t", "id"))), negated: true)));

    [Test]
    public Task Scalar_subquery_in_select_list() =>
        AssertSameAsOracle(Select([Col("p", "id"), Scalar(Select([Count()], [Table("tasks", "t")], TaskOfProject))], [Table("projects", "p")]));

    [Test]
    public Task Scalar_subquery_in_a_function_argument() =>
        AssertSameAsOracle(Select([Fn("coalesce", Scalar(Select([Fn("max", Col("estimate"))], [Table("tasks")])), Value(0))], [Table("countries")]));

    [Test]
    public Task Subquery_in_join_on() =>
        AssertSameAsOracle(Select(null, [Join(Table("projects", "p"), JoinKind.Left, Table("managers", "m"), And(Eq(Col("m", "id"), Col("p", "manager_id")), Exists(Select(null, [Table("project_managers", "pm")], Eq(Col("pm", "manager_id"), Col("m", "id"))))))]));

    [Test]
    public Task Subquery_in_having() =>
        AssertSameAsOracleAloneAndRefusedForSeveral(Query(Block(
            [Col("t", "project_id"), Count()],
            [Table("tasks", "t")],
            groupBy: [Col("t", "project_id")],
            having: Op(Count(), ">=", Scalar(Select([Count()], [Table("managers")]))))));

    [Test]
    public Task Derived_table() =>
        AssertSameAsOracle(Select(null, [Join(Derived(Select([Col("project_id"), Count()], [Table("tasks")]), "d"), JoinKind.Cross, Table("countries", "c"), null)]));

    [Test]
    public Task Derived_table_named_like_a_tenant_table() =>
        AssertSameAsOracle(Select(null, [Derived(Select([Col("id")], [Table("countries")], null), "projects")]));

    [Test]
    public Task Cte_named_like_the_table_it_reads() =>
        AssertSameAsOracle(Query(Block(null, [Table("projects")]), Cte("projects", Select(null, [Table("projects")], Op(Col("budget"), ">", Value(100m))))));

    [Test]
    public async Task Cte_chain_and_subquery_on_a_cte()
    {
        var statement = Query(
            Block(null, [Table("late")], In(Col("id"), Select([Col("id")], [Table("early")]))),
            Cte("early", Select([Col("id"), Col("project_id")], [Table("tasks")])),
            Cte("late", Select([Col("e", "id")], [Join(Table("early", "e"), JoinKind.Left, Table("projects", "p"), Eq(Col("p", "id"), Col("e", "project_id")))])));
        await AssertSameAsOracle(statement, OracleSchema.Model, [0], [1], [2]);

        // With several tenants, the CTE's tasks of one tenant would meet another tenant's projects: refused.
        Assert.That(() => ScopedExecution.Compile(statement, OracleSchema.Model, Oracle.StateFor(OracleSchema.Model, 0, 1)), Throws.TypeOf<UnscopableSqlException>());
    }

    [Test]
    public Task Union_of_tenant_and_reference_tables() =>
        AssertSameAsOracle(Query(Union(Block([Col("name")], [Table("projects")]), Select([Col("name")], [Table("countries")]))));

    [Test]
    public Task Union_all_intersect_and_except() =>
        AssertSameAsOracle(Query(Except(
            Intersect(Union(Block([Col("id")], [Table("projects")]), Select([Col("id")], [Table("managers")]), all: true), Select([Col("project_id")], [Table("tasks")])),
            Select([Col("task_id")], [Table("comments")]))));

    [Test]
    public Task Aggregate_with_group_by() =>
        AssertSameAsOracle(Query(Block([Col("t", "done"), Count(), Fn("sum", Col("t", "estimate"))], [Table("tasks", "t")], groupBy: [Col("t", "done")])));

    [Test]
    public Task Uuid_keyed_tenant_left_join() =>
        AssertSameAsOracle(
            Select(null, [Join(Table("documents", "d"), JoinKind.Left, Table("revisions", "r"), Eq(Col("r", "document_id"), Col("d", "id")))]),
            OracleSchema.UuidModel);

    [Test]
    public Task Uuid_keyed_tenant_full_join_and_subquery() =>
        AssertSameAsOracle(
            Select(null, [Join(Table("orgs", "o"), JoinKind.Full, Table("documents", "d"), Eq(Col("d", "title"), Col("o", "name")))], Or(new IsNullExpression(Col("d", "id"), false), In(Col("d", "id"), Select([Col("document_id")], [Table("revisions")])))),
            OracleSchema.UuidModel);
}
