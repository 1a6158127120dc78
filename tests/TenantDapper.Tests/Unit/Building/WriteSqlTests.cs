namespace TenantDapper.Tests.Unit.Building;

public class WriteSqlTests
{
    [Test]
    public void Insert_from_an_object_names_its_properties() =>
        Assert.That(
            Golden.Sql(new Query("countries").AsInsert(new { code = "NL", name = "Netherlands" })),
            Is.EqualTo("INSERT INTO \"countries\" (\"code\", \"name\") VALUES (@p0, @p1)"));

    [Test]
    public void Insert_with_return_id_uses_returning() =>
        Assert.That(
            Golden.Sql(new Query("managers").AsInsert(new Dictionary<string, object?> { ["account_id"] = 1L, ["name"] = "x" }, returnId: true)),
            Is.EqualTo("INSERT INTO \"managers\" (\"account_id\", \"name\") VALUES (@p0, @p1) RETURNING \"id\""));

    [Test]
    public void Insert_of_many_rows() =>
        Assert.That(
            Golden.Sql(new Query("countries").AsInsert(["code", "name"], new[] { new object?[] { "A", "a" }, new object?[] { "B", "b" } })),
            Is.EqualTo("INSERT INTO \"countries\" (\"code\", \"name\") VALUES (@p0, @p1), (@p2, @p3)"));

    [Test]
    public void Insert_from_a_query() =>
        Assert.That(
            Golden.Sql(new Query("archive").AsInsert(["id", "name"], new Query("projects").Select("id", "name").Where("account_id", 1))),
            Is.EqualTo("INSERT INTO \"archive\" (\"id\", \"name\") SELECT \"id\", \"name\" FROM \"projects\" WHERE \"account_id\" = @p0"));

    [Test]
    public void Insert_on_conflict_do_nothing_and_returning() =>
        Assert.That(
            Golden.Sql(new Query("countries").AsInsert(new { code = "NL", name = "N" }).OnConflictDoNothing("code").Returning("code")),
            Is.EqualTo("INSERT INTO \"countries\" (\"code\", \"name\") VALUES (@p0, @p1) ON CONFLICT (\"code\") DO NOTHING RETURNING \"code\""));

    [Test]
    public void Insert_on_conflict_do_update_sets_the_other_columns_from_excluded() =>
        Assert.That(
            Golden.Sql(new Query("countries").AsInsert(new { code = "NL", name = "N" }).OnConflictDoUpdate(["code"])),
            Is.EqualTo("INSERT INTO \"countries\" (\"code\", \"name\") VALUES (@p0, @p1) ON CONFLICT (\"code\") DO UPDATE SET \"name\" = \"excluded\".\"name\""));

    [Test]
    public void Update_sets_columns_and_keeps_the_where() =>
        Assert.That(
            Golden.Sql(new Query("projects").Where("id", 1).AsUpdate(new { name = "x", budget = 2m })),
            Is.EqualTo("UPDATE \"projects\" SET \"name\" = @p0, \"budget\" = @p1 WHERE \"id\" = @p2"));

    [Test]
    public void Update_with_a_join_becomes_update_from() =>
        Assert.That(
            Golden.Sql(new Query("projects").Join("managers", "managers.id", "projects.manager_id").Where("managers.name", "Ann").AsUpdate(new { budget = 0 })),
            Is.EqualTo("UPDATE \"projects\" SET \"budget\" = @p0 FROM \"managers\" WHERE \"managers\".\"id\" = \"projects\".\"manager_id\" AND \"managers\".\"name\" = @p1"));

    [Test]
    public void Delete_with_a_join_becomes_delete_using() =>
        Assert.That(
            Golden.Sql(new Query("tasks").Join("projects", "projects.id", "tasks.project_id").Where("projects.name", "p").AsDelete()),
            Is.EqualTo("DELETE FROM \"tasks\" USING \"projects\" WHERE \"projects\".\"id\" = \"tasks\".\"project_id\" AND \"projects\".\"name\" = @p0"));

    [Test]
    public void Write_whose_first_join_is_outer_is_refused() =>
        Assert.That(() => Golden.Sql(new Query("tasks").LeftJoin("projects", "projects.id", "tasks.project_id").AsDelete()), Throws.TypeOf<InvalidQueryException>());

    [Test]
    public void Increment_and_decrement_add_to_the_column()
    {
        var increment = Golden.Compile(new Query("tasks").Where("id", 1).AsIncrement("estimate", 2));
        Assert.That(increment.Sql, Is.EqualTo("UPDATE \"tasks\" SET \"estimate\" = \"estimate\" + @p0 WHERE \"id\" = @p1"));
        Assert.That(Golden.Compile(new Query("tasks").AsDecrement("estimate")).Bindings[0], Is.EqualTo(-1));
    }

    [Test]
    public void Delete_with_returning() =>
        Assert.That(Golden.Sql(new Query("tasks").Where("done", true).AsDelete().Returning("id")), Is.EqualTo("DELETE FROM \"tasks\" WHERE \"done\" = @p0 RETURNING \"id\""));
}
