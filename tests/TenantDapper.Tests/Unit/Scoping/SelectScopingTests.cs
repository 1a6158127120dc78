using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Unit.Scoping;

public class SelectScopingTests
{
    [Test]
    public void From_item_gets_tenant_predicate_in_where()
    {
        var sql = Scoper.ScopedSql(Select(null, [Table("projects", "p")]));
        Assert.That(sql, Is.EqualTo("SELECT * FROM \"projects\" AS \"p\" WHERE \"p\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Existing_where_comes_after_the_tenant_predicate()
    {
        var sql = Scoper.ScopedSql(Select(null, [Table("projects")], Or(Eq(Col("name"), Value("a")), Eq(Col("name"), Value("b")))));
        Assert.That(sql, Is.EqualTo("SELECT * FROM \"projects\" WHERE \"projects\".\"account_id\" = @tenant AND (\"name\" = @p0 OR \"name\" = @p1)"));
    }

    [Test]
    public void Raw_where_is_enclosed_in_parentheses()
    {
        var sql = Scoper.ScopedSql(Select(null, [Table("projects")], Raw("name = ? OR name = ?", "a", "b")));
        Assert.That(sql, Does.EndWith("WHERE \"projects\".\"account_id\" = @tenant AND (name = @p0 OR name = @p1)"));
    }

    [Test]
    public void Inner_join_puts_tenant_predicates_in_where_and_colocation_in_on()
    {
        var sql = Scoper.ScopedSql(Select(null, [Join(Table("projects", "p"), JoinKind.Inner, Table("tasks", "t"), Eq(Col("t", "project_id"), Col("p", "id")))]));
        Assert.That(sql, Is.EqualTo(
            "SELECT * FROM \"projects\" AS \"p\" INNER JOIN \"tasks\" AS \"t\" ON \"t\".\"account_id\" = \"p\".\"account_id\" AND \"t\".\"project_id\" = \"p\".\"id\" "
            + "WHERE \"p\".\"account_id\" = @tenant AND \"t\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Left_join_puts_tenant_predicate_in_on_clause()
    {
        var sql = Scoper.ScopedSql(Select(null, [Join(Table("projects", "p"), JoinKind.Left, Table("tasks", "t"), Eq(Col("t", "project_id"), Col("p", "id")))]));
        Assert.That(sql, Is.EqualTo(
            "SELECT * FROM \"projects\" AS \"p\" LEFT JOIN \"tasks\" AS \"t\" ON \"t\".\"account_id\" = @tenant AND \"t\".\"account_id\" = \"p\".\"account_id\" AND \"t\".\"project_id\" = \"p\".\"id\" "
            + "WHERE \"p\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Right_join_puts_the_left_sides_predicate_in_on_clause()
    {
        var sql = Scoper.ScopedSql(Select(null, [Join(Table("tasks", "t"), JoinKind.Right, Table("projects", "p"), Eq(Col("t", "project_id"), Col("p", "id")))]));
        Assert.That(sql, Is.EqualTo(
            "SELECT * FROM \"tasks\" AS \"t\" RIGHT JOIN \"projects\" AS \"p\" ON \"t\".\"account_id\" = @tenant AND \"p\".\"account_id\" = \"t\".\"account_id\" AND \"t\".\"project_id\" = \"p\".\"id\" "
            + "WHERE \"p\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Full_join_replaces_both_sides_by_filtered_derived_tables()
    {
        var sql = Scoper.ScopedSql(Select(null, [Join(Table("projects", "p"), JoinKind.Full, Table("tasks", "t"), Eq(Col("t", "project_id"), Col("p", "id")))]));
        Assert.That(sql, Is.EqualTo(
            "SELECT * FROM (SELECT * FROM \"projects\" WHERE \"projects\".\"account_id\" = @tenant) AS \"p\" "
            + "FULL JOIN (SELECT * FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant) AS \"t\" ON \"t\".\"account_id\" = \"p\".\"account_id\" AND \"t\".\"project_id\" = \"p\".\"id\""));
    }

    [Test]
    public void Cross_join_puts_colocation_in_where()
    {
        var sql = Scoper.ScopedSql(Select(null, [Join(Table("projects", "p"), JoinKind.Cross, Table("managers", "m"), null)]));
        Assert.That(sql, Is.EqualTo(
            "SELECT * FROM \"projects\" AS \"p\" CROSS JOIN \"managers\" AS \"m\" "
            + "WHERE \"p\".\"account_id\" = @tenant AND \"m\".\"account_id\" = @tenant AND \"m\".\"account_id\" = \"p\".\"account_id\""));
    }

    [Test]
    public void Table_on_the_nullable_side_of_an_earlier_left_join_is_not_a_colocation_partner()
    {
        // p LEFT JOIN t ... LEFT JOIN c ON c.task_id = t.id: c is co-located with p, which is never null-extended.
        var from = Join(
            Join(Table("projects", "p"), JoinKind.Left, Table("tasks", "t"), Eq(Col("t", "project_id"), Col("p", "id"))),
            JoinKind.Left,
            Table("comments", "c"),
            Eq(Col("c", "task_id"), Col("t", "id")));
        var sql = Scoper.ScopedSql(Select(null, [from]));
        Assert.That(sql, Does.Contain("ON \"c\".\"acc_id\" = @tenant AND \"c\".\"acc_id\" = \"p\".\"account_id\" AND"));
    }

    [Test]
    public void Self_join_gets_one_predicate_per_alias()
    {
        var sql = Scoper.ScopedSql(Select(null, [Join(Table("tasks", "a"), JoinKind.Inner, Table("tasks", "b"), Eq(Col("a", "project_id"), Col("b", "project_id")))]));
        Assert.That(sql, Does.EndWith("WHERE \"a\".\"account_id\" = @tenant AND \"b\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Schema_qualified_name_is_the_same_tenant_table()
    {
        var sql = Scoper.ScopedSql(Select(null, [Table("public.projects")]));
        Assert.That(sql, Is.EqualTo("SELECT * FROM \"public\".\"projects\" WHERE \"public\".\"projects\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Tenant_column_with_another_name_is_used()
    {
        var sql = Scoper.ScopedSql(Select(null, [Table("comments", "c")]));
        Assert.That(sql, Does.EndWith("WHERE \"c\".\"acc_id\" = @tenant"));
    }

    [Test]
    public void Tenant_root_is_scoped_by_its_key()
    {
        var sql = Scoper.ScopedSql(Select(null, [Table("accounts")]));
        Assert.That(sql, Does.EndWith("WHERE \"accounts\".\"id\" = @tenant"));
    }

    [Test]
    public void Reference_and_global_tables_are_not_scoped()
    {
        var statement = Select(null, [Join(Table("countries", "c"), JoinKind.Cross, Table("audit_log", "l"), null)]);
        Assert.That(ReferenceEquals(Scoper.Scope(statement, 1L).Release(), statement), Is.True);
    }

    [Test]
    public void Predicate_already_present_is_not_added_twice()
    {
        var statement = Select(null, [Table("projects", "p")], And(Eq(Col("p", "account_id"), Tenant), Eq(Col("p", "name"), Value("x"))));
        Assert.That(Scoper.ScopedSql(statement), Is.EqualTo("SELECT * FROM \"projects\" AS \"p\" WHERE \"p\".\"account_id\" = @tenant AND \"p\".\"name\" = @p0"));
    }

    [Test]
    public void Subquery_in_where_is_scoped_on_its_own()
    {
        var inner = Select([Col("t", "project_id")], [Table("tasks", "t")]);
        var sql = Scoper.ScopedSql(Select(null, [Table("projects", "p")], In(Col("p", "id"), inner)));
        Assert.That(sql, Is.EqualTo(
            "SELECT * FROM \"projects\" AS \"p\" WHERE \"p\".\"account_id\" = @tenant AND \"p\".\"id\" IN (SELECT \"t\".\"project_id\" FROM \"tasks\" AS \"t\" WHERE \"t\".\"account_id\" = @tenant)"));
    }

    [Test]
    public void Subquery_in_select_list_is_scoped()
    {
        var count = Select([Count()], [Table("tasks", "t")], Eq(Col("t", "project_id"), Col("p", "id")));
        var sql = Scoper.ScopedSql(Select([Col("p", "id"), Scalar(count)], [Table("projects", "p")]));
        Assert.That(sql, Does.Contain("(SELECT count(*) FROM \"tasks\" AS \"t\" WHERE \"t\".\"account_id\" = @tenant AND \"t\".\"project_id\" = \"p\".\"id\")"));
    }

    [Test]
    public void Exists_subquery_is_scoped()
    {
        var sql = Scoper.ScopedSql(Select(null, [Table("countries", "c")], Exists(Select(null, [Table("accounts", "a")], Eq(Col("a", "country_code"), Col("c", "code"))))));
        Assert.That(sql, Is.EqualTo(
            "SELECT * FROM \"countries\" AS \"c\" WHERE EXISTS (SELECT * FROM \"accounts\" AS \"a\" WHERE \"a\".\"id\" = @tenant AND \"a\".\"country_code\" = \"c\".\"code\")"));
    }

    [Test]
    public void Derived_table_is_scoped_inside_and_its_alias_is_not_a_table()
    {
        var sql = Scoper.ScopedSql(Select(null, [Derived(Select(null, [Table("projects")]), "projects")]));
        Assert.That(sql, Is.EqualTo("SELECT * FROM (SELECT * FROM \"projects\" WHERE \"projects\".\"account_id\" = @tenant) AS \"projects\""));
    }

    [Test]
    public void Cte_name_is_not_a_table_but_its_body_is_scoped()
    {
        var statement = Query(Block(null, [Table("projects")]), Cte("projects", Select(null, [Table("projects")])));
        Assert.That(Scoper.ScopedSql(statement), Is.EqualTo(
            "WITH \"projects\" AS (SELECT * FROM \"projects\" WHERE \"projects\".\"account_id\" = @tenant) SELECT * FROM \"projects\""));
    }

    [Test]
    public void Schema_qualified_table_with_a_cte_name_is_still_the_table()
    {
        var statement = Query(Block(null, [Table("public.projects")]), Cte("projects", Select(null, [Table("countries")])));
        Assert.That(Scoper.ScopedSql(statement), Does.EndWith("SELECT * FROM \"public\".\"projects\" WHERE \"public\".\"projects\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Cte_name_is_visible_in_subqueries_and_later_ctes()
    {
        var statement = Query(
            Block(null, [Table("late")], In(Col("id"), Select([Col("id")], [Table("early")]))),
            Cte("early", Select(null, [Table("tasks")])),
            Cte("late", Select(null, [Table("early")])));
        Assert.That(Scoper.ScopedSql(statement), Is.EqualTo(
            "WITH \"early\" AS (SELECT * FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant), \"late\" AS (SELECT * FROM \"early\") "
            + "SELECT * FROM \"late\" WHERE \"id\" IN (SELECT \"id\" FROM \"early\")"));
    }

    [Test]
    public void Every_set_operation_arm_is_scoped()
    {
        var statement = Query(Union(Block([Col("name")], [Table("projects")]), Select([Col("name")], [Table("managers")])));
        Assert.That(Scoper.ScopedSql(statement), Is.EqualTo(
            "SELECT \"name\" FROM \"projects\" WHERE \"projects\".\"account_id\" = @tenant UNION (SELECT \"name\" FROM \"managers\" WHERE \"managers\".\"account_id\" = @tenant)"));
    }

    [Test]
    public void Several_tenants_read_with_any()
    {
        var scoped = TenantDapper.Scoping.TenantScoping.Scope(Select(null, [Table("projects")]), Sample.SampleSchema.Model, TenantDapper.Tenancy.TenantState.ForMany([1L, 2L]));
        Assert.Multiple(() =>
        {
            Assert.That(TenantDapper.Compiling.PostgresSqlWriter.Write(scoped.Release()).Sql, Does.EndWith("WHERE \"projects\".\"account_id\" = ANY(@tenant)"));
            Assert.That(scoped.Tenant, Is.EqualTo(new[] { 1L, 2L }));
        });
    }

    [Test]
    public void One_sql_text_serves_every_tenant()
    {
        var statement = Select(null, [Table("projects", "p")], Eq(Col("p", "name"), Value("x")));
        var one = Scoper.Scope(statement, 1L);
        var two = Scoper.Scope(statement, 2L);
        Assert.Multiple(() =>
        {
            Assert.That(TenantDapper.Compiling.PostgresSqlWriter.Write(one.Release()).Sql, Is.EqualTo(TenantDapper.Compiling.PostgresSqlWriter.Write(two.Release()).Sql));
            Assert.That(one.Tenant, Is.EqualTo(1L));
            Assert.That(two.Tenant, Is.EqualTo(2L));
        });
    }

    [Test]
    public void Int_tenant_is_widened_to_a_long_key()
    {
        Assert.That(Scoper.Scope(Select(null, [Table("projects")]), 7).Tenant, Is.EqualTo(7L));
    }

    [Test]
    public void Tenant_of_another_type_than_the_key_is_refused()
    {
        Assert.That(() => Scoper.Scope(Select(null, [Table("projects")]), Guid.NewGuid()), Throws.TypeOf<TenantKeyTypeException>());
    }
}
