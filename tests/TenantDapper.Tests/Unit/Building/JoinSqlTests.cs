namespace TenantDapper.Tests.Unit.Building;

public class JoinSqlTests
{
    [Test]
    public void Join_on_two_columns() =>
        Assert.That(
            Golden.Sql(new Query("projects").Join("tasks", "tasks.project_id", "projects.id")),
            Is.EqualTo("SELECT * FROM \"projects\" INNER JOIN \"tasks\" ON \"tasks\".\"project_id\" = \"projects\".\"id\""));

    [Test]
    public void Left_right_and_cross_joins_nest_left_deep() =>
        Assert.That(
            Golden.Sql(new Query("projects as p").LeftJoin("tasks as t", "t.project_id", "p.id").RightJoin("managers as m", "m.id", "p.manager_id").CrossJoin("countries")),
            Is.EqualTo("SELECT * FROM \"projects\" AS \"p\" LEFT JOIN \"tasks\" AS \"t\" ON \"t\".\"project_id\" = \"p\".\"id\" RIGHT JOIN \"managers\" AS \"m\" ON \"m\".\"id\" = \"p\".\"manager_id\" CROSS JOIN \"countries\""));

    [Test]
    public void Join_callback_adds_on_or_on_and_where_conditions_without_brackets() =>
        Assert.That(
            Golden.Sql(new Query("a").Join("b", j => j.On("b.a_id", "a.id").OrOn("b.alt_id", "a.id").Where("b.kind", 1).WhereIn("b.tag", new[] { "x" }))),
            Is.EqualTo("SELECT * FROM \"a\" INNER JOIN \"b\" ON \"b\".\"a_id\" = \"a\".\"id\" OR \"b\".\"alt_id\" = \"a\".\"id\" AND \"b\".\"kind\" = @p0 AND \"b\".\"tag\" = ANY(@p1)"));

    [Test]
    public void Join_type_string_selects_the_join_kind() =>
        Assert.That(
            Golden.Sql(new Query("a").Join("b", "b.id", "a.b_id", "=", "full join")),
            Is.EqualTo("SELECT * FROM \"a\" FULL JOIN \"b\" ON \"b\".\"id\" = \"a\".\"b_id\""));

    [Test]
    public void Join_to_a_sub_query() =>
        Assert.That(
            Golden.Sql(new Query("projects").Join(new Query("tasks").Where("done", false).As("open"), "open.project_id", "projects.id")),
            Is.EqualTo("SELECT * FROM \"projects\" INNER JOIN (SELECT * FROM \"tasks\" WHERE \"done\" = @p0) AS \"open\" ON \"open\".\"project_id\" = \"projects\".\"id\""));

    [Test]
    public void Join_with_an_unknown_type_is_refused() =>
        Assert.That(() => new Query("a").Join("b", "b.id", "a.id", "=", "outer apply"), Throws.TypeOf<InvalidQueryException>());

    [Test]
    public void Join_with_an_unknown_operator_is_refused() =>
        Assert.That(() => new Query("a").Join("b", "b.id", "a.id", "=="), Throws.TypeOf<InvalidOperatorException>());

    [Test]
    public void Join_without_a_condition_is_refused() =>
        Assert.That(() => new Query("a").Join("b", j => j), Throws.TypeOf<InvalidQueryException>());
}
