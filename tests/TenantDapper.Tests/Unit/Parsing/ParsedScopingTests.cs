using TenantDapper.Compiling;
using TenantDapper.Parsing;
using TenantDapper.Scoping;
using TenantDapper.Tenancy;
using TenantDapper.Tests.Sample;
using TenantDapper.Tests.Unit.Scoping;

namespace TenantDapper.Tests.Unit.Parsing;

/// <summary>What the rewriter does with the node kinds only parsed text has (the oracle tests run them against the server).</summary>
public class ParsedScopingTests
{
    [Test]
    public void Lateral_sub_query_is_scoped_on_its_own() =>
        Assert.That(
            Scoped("SELECT p.name, x.n FROM projects p, LATERAL (SELECT count(*) AS n FROM tasks t WHERE t.project_id = p.id) AS x"),
            Is.EqualTo("SELECT \"p\".\"name\", \"x\".\"n\" FROM \"projects\" AS \"p\", LATERAL (SELECT pg_catalog.count(*) AS \"n\" FROM \"tasks\" AS \"t\" WHERE \"t\".\"account_id\" = @tenant AND \"t\".\"project_id\" = \"p\".\"id\") AS \"x\" WHERE \"p\".\"account_id\" = @tenant"));

    [Test]
    public void Sub_query_in_a_function_argument_in_from_is_scoped() =>
        Assert.That(
            Scoped("SELECT g FROM generate_series(1, (SELECT count(*) FROM tasks)) AS g"),
            Is.EqualTo("SELECT \"g\" FROM pg_catalog.generate_series(1, (SELECT pg_catalog.count(*) FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant)) AS \"g\""));

    [Test]
    public void Optional_side_of_a_left_join_using_becomes_a_filtered_derived_table() =>
        Assert.That(
            Scoped("SELECT * FROM projects p LEFT JOIN tasks t USING (id)"),
            Is.EqualTo("SELECT * FROM \"projects\" AS \"p\" LEFT JOIN (SELECT * FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant) AS \"t\" USING (\"id\") WHERE \"p\".\"account_id\" = @tenant"));

    [Test]
    public void Inner_join_using_puts_both_predicates_and_the_colocation_in_where() =>
        Assert.That(
            Scoped("SELECT * FROM projects p JOIN tasks t USING (id)"),
            Is.EqualTo("SELECT * FROM \"projects\" AS \"p\" INNER JOIN \"tasks\" AS \"t\" USING (\"id\") WHERE \"p\".\"account_id\" = @tenant AND \"t\".\"account_id\" = @tenant AND \"t\".\"account_id\" = \"p\".\"account_id\""));

    [Test]
    public void Data_modifying_cte_is_scoped_as_the_write_it_is() =>
        Assert.That(
            Scoped("WITH d AS (DELETE FROM tasks WHERE done RETURNING id) SELECT count(*) FROM d"),
            Is.EqualTo("WITH \"d\" AS (DELETE FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant AND \"done\" RETURNING \"id\") SELECT pg_catalog.count(*) FROM \"d\""));

    [Test]
    public void Data_modifying_cte_needs_exactly_one_tenant() =>
        Assert.That(
            () => TenantScoping.Scope(SqlParser.ParseStatement("WITH d AS (DELETE FROM tasks RETURNING id) SELECT count(*) FROM d"), SampleSchema.Model, TenantState.ForMany([1L, 2L])),
            Throws.TypeOf<TenantWriteRequiresSingleTenantException>());

    [Test]
    public void Insert_in_a_cte_gets_the_tenant_column() =>
        Assert.That(
            Scoped("WITH n AS (INSERT INTO projects (id, name) VALUES (7, 'x') RETURNING id) SELECT id FROM n"),
            Is.EqualTo("WITH \"n\" AS (INSERT INTO \"projects\" (\"id\", \"name\", \"account_id\") VALUES (7, 'x', @tenant) RETURNING \"id\") SELECT \"id\" FROM \"n\""));

    [Test]
    public void A_recursive_cte_name_is_not_a_table_inside_its_own_body() =>
        Assert.That(
            Scoped("WITH RECURSIVE tasks(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM tasks WHERE id < 3) SELECT id FROM tasks"),
            Is.EqualTo("WITH RECURSIVE \"tasks\" (\"id\") AS (SELECT 1 UNION ALL (SELECT \"id\" + 1 FROM \"tasks\" WHERE \"id\" < 3)) SELECT \"id\" FROM \"tasks\""));

    [Test]
    public void Without_recursive_a_cte_body_naming_itself_reads_the_table() =>
        Assert.That(
            Scoped("WITH tasks AS (SELECT id FROM tasks) SELECT id FROM tasks"),
            Is.EqualTo("WITH \"tasks\" AS (SELECT \"id\" FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant) SELECT \"id\" FROM \"tasks\""));

    [Test]
    public void Array_sub_query_and_case_sub_query_are_scoped() =>
        Assert.That(
            Scoped("SELECT ARRAY(SELECT title FROM tasks), CASE WHEN EXISTS (SELECT 1 FROM comments) THEN 1 END"),
            Is.EqualTo("SELECT ARRAY(SELECT \"title\" FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant), CASE WHEN EXISTS (SELECT 1 FROM \"comments\" WHERE \"comments\".\"acc_id\" = @tenant) THEN 1 END"));

    [Test]
    public void Sub_query_in_a_window_clause_is_scoped() =>
        Assert.That(
            Scoped("SELECT sum(id) OVER w FROM countries WINDOW w AS (PARTITION BY (SELECT max(id) FROM tasks))"),
            Is.EqualTo("SELECT pg_catalog.sum(\"id\") OVER \"w\" FROM \"countries\" WINDOW \"w\" AS (PARTITION BY (SELECT pg_catalog.max(\"id\") FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant))"));

    [Test]
    public void Values_in_from_joined_to_a_tenant_table_scopes_the_table() =>
        Assert.That(
            Scoped("SELECT t.title FROM (VALUES (1), (2)) AS v(x) JOIN tasks t ON t.id = v.x"),
            Is.EqualTo("SELECT \"t\".\"title\" FROM (VALUES (1), (2)) AS \"v\" (\"x\") INNER JOIN \"tasks\" AS \"t\" ON \"t\".\"id\" = \"v\".\"x\" WHERE \"t\".\"account_id\" = @tenant"));

    [Test]
    public void A_user_function_is_refused_with_the_way_to_declare_it() =>
        Assert.That(
            () => Scoped("SELECT my_report(1)"),
            Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("TenantModelBuilder.SafeFunction(\"my_report\")"));

    [Test]
    public void A_user_function_is_refused_even_without_a_tenant() =>
        Assert.That(
            () => TenantScoping.Scope(SqlParser.ParseStatement("SELECT my_report(1)"), SampleSchema.Model, null),
            Throws.TypeOf<UnscopableSqlException>());

    [Test]
    public void A_function_in_another_schema_is_refused_even_with_a_built_in_name() =>
        Assert.That(() => Scoped("SELECT evil.lower('x')"), Throws.TypeOf<UnscopableSqlException>());

    [TestCase("SELECT query_to_xml('SELECT * FROM tasks', true, false, '')")]
    [TestCase("SELECT table_to_xml('tasks', true, false, '')")]
    [TestCase("SELECT set_config('search_path', 'other', false)")]
    [TestCase("SELECT lo_get(1)")]
    [TestCase("SELECT * FROM pg_logical_slot_get_changes('s', NULL, NULL)")]
    public void Built_ins_that_run_sql_text_or_read_tables_by_name_are_refused(string sql) =>
        Assert.That(() => Scoped(sql), Throws.TypeOf<UnscopableSqlException>());

    [Test]
    public void A_declared_safe_function_is_allowed() =>
        Assert.That(
            Scoped("SELECT slugify(title) FROM tasks", new TenantModelBuilder().TenantTable("tasks", "account_id").SafeFunction("slugify").Build()),
            Is.EqualTo("SELECT slugify(\"title\") FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant"));

    [Test]
    public void Built_in_functions_are_allowed_qualified_or_not() =>
        Assert.That(
            Scoped("SELECT lower(title), pg_catalog.upper(title), coalesce(estimate, 0) FROM tasks"),
            Is.EqualTo("SELECT pg_catalog.lower(\"title\"), pg_catalog.upper(\"title\"), coalesce(\"estimate\", 0) FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant"));

    [Test]
    public void A_statement_without_tenant_tables_or_unknown_functions_is_left_alone()
    {
        var statement = SqlParser.ParseStatement("SELECT name, lower(code) FROM countries");
        Assert.That(ReferenceEquals(TenantScoping.Scope(statement, SampleSchema.Model, null).Release(), statement), Is.True);
    }

    [Test]
    public void Insert_default_values_into_a_tenant_table_is_refused() =>
        Assert.That(() => Scoped("INSERT INTO tasks DEFAULT VALUES"), Throws.TypeOf<UnscopableSqlException>());

    [Test]
    public void Multiple_assignment_of_the_tenant_column_is_checked() =>
        Assert.That(() => Scoped("UPDATE tasks SET (title, account_id) = ('x', 2)"), Throws.TypeOf<TenantMismatchException>());

    private static string Scoped(string sql, TenantModel? model = null)
    {
        var scoped = Scoper.Scope(SqlParser.ParseStatement(sql), 1L, model);
        return PostgresSqlWriter.Write(scoped.Release()).Sql;
    }
}
