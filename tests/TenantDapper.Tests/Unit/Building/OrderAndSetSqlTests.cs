namespace TenantDapper.Tests.Unit.Building;

public class OrderAndSetSqlTests
{
    [Test]
    public void OrderBy_desc_and_raw() =>
        Assert.That(
            Golden.Sql(new Query("t").OrderBy("a", "b").OrderByDesc("c").OrderByRaw("length([d]) DESC")),
            Is.EqualTo("SELECT * FROM \"t\" ORDER BY \"a\", \"b\", \"c\" DESC, pg_catalog.length(\"d\") DESC"));

    [Test]
    public void Limit_and_offset_are_parameters()
    {
        var result = Golden.Compile(new Query("t").Limit(10).Offset(20));
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"t\" LIMIT @p0 OFFSET @p1"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { 10, 20L }));
    }

    [Test]
    public void ForPage_sets_limit_and_offset() =>
        Assert.That(Golden.Compile(new Query("t").ForPage(3, 10)).Bindings, Is.EqualTo(new object[] { 10, 20L }));

    [Test]
    public void Limit_zero_means_no_limit() =>
        Assert.That(Golden.Sql(new Query("t").Limit(5).Limit(0).ForPage(1, 0)), Is.EqualTo("SELECT * FROM \"t\""));

    [Test]
    public void With_adds_a_cte() =>
        Assert.That(
            Golden.Sql(new Query("open").With("open", new Query("tasks").WhereFalse("done")).WithRaw("n", "SELECT ? AS x", 1)),
            Is.EqualTo("WITH \"open\" AS (SELECT * FROM \"tasks\" WHERE \"done\" = false), \"n\" AS (SELECT @p0 AS \"x\") SELECT * FROM \"open\""));

    [Test]
    public void Set_operations_are_appended_after_the_first_query() =>
        Assert.That(
            Golden.Sql(new Query("a").Select("id").Union(new Query("b").Select("id")).UnionAll(new Query("c").Select("id")).Except(new Query("d").Select("id")).Intersect(new Query("e").Select("id"))),
            Is.EqualTo("SELECT \"id\" FROM \"a\" UNION (SELECT \"id\" FROM \"b\") UNION ALL (SELECT \"id\" FROM \"c\") EXCEPT (SELECT \"id\" FROM \"d\") INTERSECT (SELECT \"id\" FROM \"e\")"));

    [Test]
    public void Set_operation_callbacks_build_the_appended_query() =>
        Assert.That(
            Golden.Sql(new Query("a").Select("id").Union(q => q.From("b").Select("id")).UnionAll(q => q.From("c").Select("id")).Except(q => q.From("d").Select("id")).ExceptAll(q => q.From("e").Select("id")).Intersect(q => q.From("f").Select("id")).IntersectAll(q => q.From("g").Select("id"))),
            Is.EqualTo("SELECT \"id\" FROM \"a\" UNION (SELECT \"id\" FROM \"b\") UNION ALL (SELECT \"id\" FROM \"c\") EXCEPT (SELECT \"id\" FROM \"d\") EXCEPT ALL (SELECT \"id\" FROM \"e\") INTERSECT (SELECT \"id\" FROM \"f\") INTERSECT ALL (SELECT \"id\" FROM \"g\")"));

    [Test]
    public void Escaped_brackets_in_a_raw_fragment_are_brackets_not_a_name() =>
        Assert.That(
            Golden.Sql(new Query("a").SelectRaw("'{}'::int\\[\\] AS [empty]").FromRawScoped("(select '{1}'::int\\[\\] as v) x")),
            Is.EqualTo("SELECT '{}'::integer[] AS \"empty\" FROM (select '{1}'::int[] as v) x"));

    [Test]
    public void Ordering_a_union_wraps_it_in_a_derived_table() =>
        Assert.That(
            Golden.Sql(new Query().From(new Query("a").Select("id").Union(new Query("b").Select("id")), "u").OrderBy("u.id")),
            Is.EqualTo("SELECT * FROM (SELECT \"id\" FROM \"a\" UNION (SELECT \"id\" FROM \"b\")) AS \"u\" ORDER BY \"u\".\"id\""));
}
