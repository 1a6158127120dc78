using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Unit.Scoping;

public class WriteScopingTests
{
    [Test]
    public void Insert_adds_tenant_column_and_value_to_every_row()
    {
        var sql = Scoper.ScopedSql(Insert(Table("managers"), ["name"], [Value("a")], [Value("b")]));
        Assert.That(sql, Is.EqualTo("INSERT INTO \"managers\" (\"name\", \"account_id\") VALUES (@p0, @tenant), (@p1, @tenant)"));
    }

    [Test]
    public void Insert_with_the_current_tenant_supplied_binds_it_as_the_tenant_parameter()
    {
        var sql = Scoper.ScopedSql(Insert(Table("managers"), ["account_id", "name"], [Value(1L), Value("a")], [Value(1), Value("b")]), 1L);
        Assert.That(sql, Is.EqualTo("INSERT INTO \"managers\" (\"account_id\", \"name\") VALUES (@tenant, @p0), (@tenant, @p1)"));
    }

    [Test]
    public void Insert_supplying_another_tenant_in_any_row_is_refused()
    {
        var statement = Insert(Table("managers"), ["account_id", "name"], [Value(1L), Value("a")], [Value(2L), Value("b")]);
        Assert.That(() => Scoper.Scope(statement, 1L), Throws.TypeOf<TenantMismatchException>());
    }

    [TestCase("column")]
    [TestCase("raw")]
    [TestCase("subquery")]
    [TestCase("null")]
    public void Insert_supplying_the_tenant_column_as_anything_but_a_parameter_is_refused(string kind)
    {
        SqlExpression value = kind switch
        {
            "column" => Col("id"),
            "raw" => Raw("1"),
            "subquery" => Scalar(Select([Col("id")], [Table("accounts")])),
            _ => Value(null),
        };
        var statement = Insert(Table("managers"), ["account_id", "name"], [value, Value("a")]);
        Assert.That(() => Scoper.Scope(statement, 1L), Throws.TypeOf<TenantMismatchException>());
    }

    [Test]
    public void Insert_without_column_list_is_refused()
    {
        Assert.That(() => Scoper.Scope(Insert(Table("managers"), [], [Value(1L), Value(5L), Value("a")]), 1L), Throws.TypeOf<UnscopableSqlException>());
    }

    [Test]
    public void Insert_select_appends_the_tenant_and_scopes_the_select()
    {
        var statement = InsertSelect(Table("managers"), ["name"], Select([Col("p", "name")], [Table("projects", "p")]));
        Assert.That(Scoper.ScopedSql(statement), Is.EqualTo(
            "INSERT INTO \"managers\" (\"name\", \"account_id\") SELECT \"p\".\"name\", @tenant FROM \"projects\" AS \"p\" WHERE \"p\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Insert_select_of_a_set_operation_selects_the_tenant_from_a_derived_table()
    {
        var source = Query(Union(Block([Col("name")], [Table("projects")]), Select([Col("name")], [Table("countries")])));
        Assert.That(Scoper.ScopedSql(InsertSelect(Table("managers"), ["name"], source)), Does.StartWith(
            "INSERT INTO \"managers\" (\"name\", \"account_id\") SELECT \"tenantdapper_source\".*, @tenant FROM (SELECT \"name\" FROM \"projects\" WHERE"));
    }

    [Test]
    public void Insert_select_supplying_a_column_for_the_tenant_is_refused()
    {
        var statement = InsertSelect(Table("managers"), ["account_id", "name"], Select([Col("p", "account_id"), Col("p", "name")], [Table("projects", "p")]));
        Assert.That(() => Scoper.Scope(statement, 1L), Throws.TypeOf<TenantMismatchException>());
    }

    [Test]
    public void On_conflict_do_update_on_a_target_without_the_tenant_column_is_guarded_by_the_tenant()
    {
        var insert = Insert(Table("managers"), ["id", "name"], [Value(1L), Value("a")]);
        var statement = new InsertStatement([], insert.Target, insert.Columns, insert.Rows, null, new OnConflictClause(["name"], [Set("id", Col("excluded", "id"))], null), []);
        Assert.That(Scoper.ScopedSql(statement), Does.EndWith(
            "ON CONFLICT (\"name\") DO UPDATE SET \"id\" = \"excluded\".\"id\" WHERE \"managers\".\"account_id\" = @tenant"));
    }

    [Test]
    public void On_conflict_do_update_on_a_target_with_the_tenant_column_needs_no_guard()
    {
        var insert = Insert(Table("managers"), ["id", "name"], [Value(1L), Value("a")]);
        var statement = new InsertStatement([], insert.Target, insert.Columns, insert.Rows, null, new OnConflictClause(["account_id", "id"], [Set("name", Col("excluded", "name"))], null), []);
        Assert.That(Scoper.ScopedSql(statement), Does.EndWith(
            "ON CONFLICT (\"account_id\", \"id\") DO UPDATE SET \"name\" = \"excluded\".\"name\""));
    }

    [Test]
    public void On_conflict_setting_the_tenant_column_to_another_value_is_refused()
    {
        var insert = Insert(Table("managers"), ["id", "name"], [Value(1L), Value("a")]);
        var statement = new InsertStatement([], insert.Target, insert.Columns, insert.Rows, null, new OnConflictClause(["account_id", "id"], [Set("account_id", Value(2L))], null), []);
        Assert.That(() => Scoper.Scope(statement, 1L), Throws.TypeOf<TenantMismatchException>());
    }

    [Test]
    public void Update_scopes_target_from_tables_and_where_subqueries()
    {
        var statement = Update(
            Table("tasks", "t"),
            [Set("done", Value(true))],
            And(Eq(Col("t", "project_id"), Col("p", "id")), In(Col("t", "id"), Select([Col("task_id")], [Table("comments")]))),
            Table("projects", "p"));
        Assert.That(Scoper.ScopedSql(statement), Is.EqualTo(
            "UPDATE \"tasks\" AS \"t\" SET \"done\" = @p0 FROM \"projects\" AS \"p\" WHERE \"t\".\"account_id\" = @tenant AND \"p\".\"account_id\" = @tenant AND \"p\".\"account_id\" = \"t\".\"account_id\" "
            + "AND \"t\".\"project_id\" = \"p\".\"id\" AND \"t\".\"id\" IN (SELECT \"task_id\" FROM \"comments\" WHERE \"comments\".\"acc_id\" = @tenant)"));
    }

    [Test]
    public void Update_setting_the_tenant_column_to_another_tenant_is_refused()
    {
        Assert.That(() => Scoper.Scope(Update(Table("tasks"), [Set("account_id", Value(2L))]), 1L), Throws.TypeOf<TenantMismatchException>());
    }

    [Test]
    public void Update_setting_the_tenant_column_to_a_column_is_refused()
    {
        Assert.That(() => Scoper.Scope(Update(Table("tasks"), [Set("account_id", Col("id"))]), 1L), Throws.TypeOf<TenantMismatchException>());
    }

    [Test]
    public void Update_setting_only_the_tenant_column_to_the_current_tenant_sets_it_to_itself()
    {
        Assert.That(Scoper.ScopedSql(Update(Table("public.tasks"), [Set("account_id", Value(1L))]), 1L),
            Is.EqualTo("UPDATE \"public\".\"tasks\" SET \"account_id\" = \"public\".\"tasks\".\"account_id\" WHERE \"public\".\"tasks\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Update_setting_the_tenant_column_to_the_current_tenant_leaves_that_set_out()
    {
        Assert.That(Scoper.ScopedSql(Update(Table("tasks", "t"), [Set("account_id", Value(1L)), Set("done", Value(true))]), 1L),
            Is.EqualTo("UPDATE \"tasks\" AS \"t\" SET \"done\" = @p0 WHERE \"t\".\"account_id\" = @tenant"));
    }

    [Test]
    public void On_conflict_setting_the_tenant_column_from_excluded_leaves_that_set_out()
    {
        var insert = Insert(Table("managers"), ["account_id", "id", "name"], [Value(1L), Value(1L), Value("a")]);
        var statement = new InsertStatement([], insert.Target, insert.Columns, insert.Rows, null, new OnConflictClause(["id"], [Set("account_id", Col("excluded", "account_id")), Set("name", Col("excluded", "name"))], null), []);
        Assert.That(Scoper.ScopedSql(statement, 1L), Does.EndWith("DO UPDATE SET \"name\" = \"excluded\".\"name\" WHERE \"managers\".\"account_id\" = @tenant"));
    }

    [Test]
    public void Update_of_a_global_table_scopes_its_subqueries()
    {
        var statement = Update(Table("audit_log"), [Set("message", Value("x"))], Exists(Select(null, [Table("projects")])));
        Assert.That(Scoper.ScopedSql(statement), Is.EqualTo(
            "UPDATE \"audit_log\" SET \"message\" = @p0 WHERE EXISTS (SELECT * FROM \"projects\" WHERE \"projects\".\"account_id\" = @tenant)"));
    }

    [Test]
    public void Delete_scopes_target_and_using_tables()
    {
        var statement = Delete(Table("tasks", "t"), Eq(Col("t", "project_id"), Col("p", "id")), Table("projects", "p"));
        Assert.That(Scoper.ScopedSql(statement), Is.EqualTo(
            "DELETE FROM \"tasks\" AS \"t\" USING \"projects\" AS \"p\" WHERE \"t\".\"account_id\" = @tenant AND \"p\".\"account_id\" = @tenant AND \"p\".\"account_id\" = \"t\".\"account_id\" AND \"t\".\"project_id\" = \"p\".\"id\""));
    }

    [Test]
    public void Write_with_several_tenants_is_refused()
    {
        var state = TenantDapper.Tenancy.TenantState.ForMany([1L, 2L]);
        Assert.That(() => TenantDapper.Scoping.TenantScoping.Scope(Delete(Table("tasks")), Sample.SampleSchema.Model, state),
            Throws.TypeOf<TenantWriteRequiresSingleTenantException>());
    }
}
