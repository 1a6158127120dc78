using TenantDapper.Syntax;
using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Unit.Scoping;

public class ExplainTests
{
    [Test]
    public void Explain_gives_a_readable_account_of_each_table()
    {
        var statement = Select(null, [Join(Table("projects", "p"), JoinKind.Left, Table("tasks", "t"), Eq(Col("t", "project_id"), Col("p", "id")))]);
        Assert.That(Scoper.Explain(statement), Is.EqualTo(
            "projects p: account_id = @tenant (WHERE); tasks t: account_id = @tenant, t.account_id = p.account_id (LEFT JOIN ON)"));
    }

    [Test]
    public void Explain_names_ctes_reference_tables_and_full_join_derived_tables()
    {
        var statement = Query(
            Block(null, [Join(Join(Table("mine", "m"), JoinKind.Full, Table("tasks", "t"), Eq(Col("t", "project_id"), Col("m", "id"))), JoinKind.Cross, Table("countries"), null)]),
            Cte("mine", Select(null, [Table("projects")])));
        Assert.That(Scoper.Explain(statement), Is.EqualTo(
            "projects: account_id = @tenant (WHERE); mine m: CTE, not a table: nothing added; tasks t: account_id = @tenant (FULL JOIN: filtered derived table); countries: reference table: not scoped"));
    }

    [Test]
    public void Explain_shows_the_scoped_sql()
    {
        var explanation = TenantDapper.Scoping.TenantScoping.Explain(Select(null, [Table("tasks")]), Sample.SampleSchema.Model, TenantDapper.Tenancy.TenantState.For(3L));
        Assert.Multiple(() =>
        {
            Assert.That(explanation.Sql, Is.EqualTo("SELECT * FROM \"tasks\" WHERE \"tasks\".\"account_id\" = @tenant"));
            Assert.That(explanation.Tenant, Is.EqualTo(3L));
        });
    }
}
