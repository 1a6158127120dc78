namespace TenantDapper.Tests.Unit.Building;

public class ShapeCacheTests
{
    private static Query Shape(long account, long[] ids) =>
        new Query("projects as p").Join("tasks as t", "t.project_id", "p.id").Where("p.account_id", account).WhereIn("t.id", ids);

    [Test]
    public void Repeated_shape_reuses_the_same_text_instance() =>
        Assert.That(Golden.Sql(Shape(1, [1])), Is.SameAs(Golden.Sql(Shape(2, [2, 3]))));

    [Test]
    public void Repeated_shape_binds_its_own_values()
    {
        Golden.Compile(Shape(1, [1]));
        var second = Golden.Compile(Shape(2, [2, 3]));
        Assert.That(second.Bindings, Is.EqualTo(new object[] { 2L, new[] { 2L, 3L } }));
    }

    [Test]
    public void Different_shapes_get_different_texts() =>
        Assert.That(Golden.Sql(Shape(1, [1]).OrderBy("p.id")), Is.Not.EqualTo(Golden.Sql(Shape(1, [1]))));
}
