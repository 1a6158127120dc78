namespace TenantDapper.Tests.Unit.Building;

public class CloneTests
{
    [Test]
    public void Clone_is_deep()
    {
        var original = new Query("projects").Where(g => g.Where("a", 1)).Join("tasks", j => j.On("tasks.project_id", "projects.id"));
        var before = Golden.Sql(original);
        var clone = original.Clone().Where("b", 2).Join("managers", "managers.id", "projects.manager_id").OrderBy("a");
        Assert.That(Golden.Sql(original), Is.EqualTo(before));
        Assert.That(Golden.Sql(clone), Is.Not.EqualTo(before));
    }

    [Test]
    public void A_clause_added_to_a_clone_of_a_query_that_had_none_is_the_clone_s_alone()
    {
        var original = new Query("projects").Select("id");
        var before = Golden.Sql(original);
        var clone = original.Clone()
            .Join("tasks", "tasks.project_id", "projects.id")
            .GroupBy("id")
            .Having("id", ">", 1)
            .OrderBy("id")
            .With("recent", new Query("tasks").Select("project_id"))
            .Union(new Query("projects").Select("id"));
        original.Clone().AsInsert(new { name = "x" }).Returning("id");
        Assert.That(Golden.Sql(original), Is.EqualTo(before));
        Assert.That(Golden.Sql(clone), Does.Contain("JOIN").And.Contain("GROUP BY").And.Contain("HAVING").And.Contain("ORDER BY").And.Contain("WITH").And.Contain("UNION"));
    }

    [Test]
    public void Sub_queries_are_copied_when_added()
    {
        var inner = new Query("tasks").Select("project_id");
        var outer = new Query("projects").WhereIn("id", inner).From(new Query("projects").As("p"));
        var before = Golden.Sql(outer);
        inner.Where("done", true);
        Assert.That(Golden.Sql(outer), Is.EqualTo(before));
    }

    [Test]
    public void Compiling_an_aggregate_does_not_change_the_query()
    {
        var query = new Query("projects").Distinct().OrderBy("name").Limit(3).AsCount(["name"]);
        var first = Golden.Sql(query);
        Assert.That(Golden.Sql(query), Is.EqualTo(first));
        Assert.That(query.Orders, Has.Count.EqualTo(1));
        Assert.That(query.LimitValue, Is.EqualTo(3));
    }

    [Test]
    public void Sub_query_values_of_writes_are_copied()
    {
        var budget = new Query("projects").AsMax("budget");
        var update = new Query("projects").Where("id", 1).AsUpdate(new Dictionary<string, object?> { ["budget"] = budget });
        var before = Golden.Sql(update);
        budget.Where("account_id", 2);
        update.Clone().Where("name", "x");
        Assert.That(Golden.Sql(update), Is.EqualTo(before));
        Assert.That(before, Is.EqualTo("UPDATE \"projects\" SET \"budget\" = (SELECT MAX(\"budget\") AS \"max\" FROM \"projects\") WHERE \"id\" = @p0"));
    }
}
