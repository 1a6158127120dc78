namespace TenantDapper.Tests.Unit.Building;

public class WhereSqlTests
{
    private static string Where(Func<Query, Query> build) =>
        Golden.Sql(build(new Query("t"))).Replace("SELECT * FROM \"t\" WHERE ", string.Empty, StringComparison.Ordinal);

    [Test]
    public void Where_with_a_value_is_an_equality_with_a_parameter() =>
        Assert.That(Where(q => q.Where("a", 5)), Is.EqualTo("\"a\" = @p0"));

    [Test]
    public void Where_with_an_operator_normalizes_it() =>
        Assert.That(Where(q => q.Where("a", "ilike", "x%").Where("b", ">=", 2)), Is.EqualTo("\"a\" ILIKE @p0 AND \"b\" >= @p1"));

    [Test]
    public void Where_with_a_sub_query_compares_with_its_scalar_result() =>
        Assert.That(
            Where(q => q.Where("budget", ">", new Query("projects").AsAvg("budget"))),
            Is.EqualTo("\"budget\" > (SELECT AVG(\"budget\") AS \"avg\" FROM \"projects\")"));

    [Test]
    public void OrWhere_adds_no_brackets() =>
        Assert.That(Where(q => q.Where("a", 1).OrWhere("b", 2).Where("c", 3)), Is.EqualTo("\"a\" = @p0 OR \"b\" = @p1 AND \"c\" = @p2"));

    [Test]
    public void Nested_group_is_bracketed() =>
        Assert.That(Where(q => q.Where(g => g.Where("a", 1).OrWhere("b", 2)).Where("c", 3)), Is.EqualTo("(\"a\" = @p0 OR \"b\" = @p1) AND \"c\" = @p2"));

    [Test]
    public void WhereNot_and_OrWhereNot_negate_the_condition() =>
        Assert.That(Where(q => q.WhereNot("a", 1).OrWhereNot("b", ">", 2)), Is.EqualTo("NOT (\"a\" = @p0) OR NOT (\"b\" > @p1)"));

    [Test]
    public void WhereNot_group_negates_the_whole_group() =>
        Assert.That(Where(q => q.WhereNot(g => g.Where("a", 1).OrWhere("b", 2))), Is.EqualTo("NOT (\"a\" = @p0 OR \"b\" = @p1)"));

    [Test]
    public void Where_null_is_IS_NULL_and_other_operators_with_null_are_IS_NOT_NULL() =>
        Assert.That(Where(q => q.Where("a", null).Where("b", "<>", (object?)null)), Is.EqualTo("\"a\" IS NULL AND \"b\" IS NOT NULL"));

    [Test]
    public void WhereNot_null_keeps_its_negation() =>
        Assert.That(Where(q => q.WhereNot("a", null)), Is.EqualTo("\"a\" IS NOT NULL"));

    [Test]
    public void WhereNull_and_WhereNotNull() =>
        Assert.That(Where(q => q.WhereNull("a").OrWhereNotNull("b")), Is.EqualTo("\"a\" IS NULL OR \"b\" IS NOT NULL"));

    [Test]
    public void WhereIn_is_one_typed_array_parameter()
    {
        var result = Golden.Compile(new Query("t").WhereIn("id", new[] { 1L, 2L, 3L }).WhereNotIn("name", new List<string> { "x" }));
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"t\" WHERE \"id\" = ANY(@p0) AND \"name\" <> ALL(@p1)"));
        Assert.That(result.NamedBindings["p0"], Is.EqualTo(new[] { 1L, 2L, 3L }).And.TypeOf<long[]>());
        Assert.That(result.NamedBindings["p1"], Is.TypeOf<string[]>());
    }

    [Test]
    public void WhereIn_text_does_not_depend_on_the_list_length()
    {
        var empty = Golden.Sql(new Query("t").WhereIn("id", Array.Empty<long>()));
        var one = Golden.Sql(new Query("t").WhereIn("id", new[] { 1L }));
        var many = Golden.Sql(new Query("t").WhereIn("id", Enumerable.Range(1, 100)));
        Assert.That(new[] { empty, one }, Is.All.EqualTo(many));
    }

    [Test]
    public void Mixed_integer_list_becomes_a_long_array() =>
        Assert.That(Golden.Compile(new Query("t").WhereIn("id", new object[] { 1, 2L })).Bindings[0], Is.TypeOf<long[]>());

    [Test]
    public void WhereIn_sub_query() =>
        Assert.That(
            Where(q => q.WhereIn("id", new Query("tasks").Select("project_id")).OrWhereNotIn("id", s => s.From("x").Select("y"))),
            Is.EqualTo("\"id\" IN (SELECT \"project_id\" FROM \"tasks\") OR \"id\" NOT IN (SELECT \"y\" FROM \"x\")"));

    [Test]
    public void WhereBetween_binds_both_ends() =>
        Assert.That(Where(q => q.WhereBetween("n", 1, 5).OrWhereNotBetween("m", 2, 3)), Is.EqualTo("\"n\" BETWEEN @p0 AND @p1 OR \"m\" NOT BETWEEN @p2 AND @p3"));

    [Test]
    public void WhereLike_is_case_insensitive_by_default_and_LIKE_when_case_sensitive()
    {
        var result = Golden.Compile(new Query("t").WhereLike("a", "x_").WhereStarts("b", "pre", caseSensitive: true).WhereEnds("c", "suf").WhereContains("d", "mid").WhereNotLike("e", "z"));
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"t\" WHERE \"a\" ILIKE @p0 AND \"b\" LIKE @p1 AND \"c\" ILIKE @p2 AND \"d\" ILIKE @p3 AND \"e\" NOT ILIKE @p4"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { "x_", "pre%", "%suf", "%mid%", "z" }));
    }

    [Test]
    public void WhereLike_escape_character_adds_ESCAPE() =>
        Assert.That(Where(q => q.WhereContains("a", "50\\%", escapeCharacter: "\\")), Is.EqualTo("\"a\" ILIKE @p0 ESCAPE @p1"));

    [Test]
    public void WhereColumns_compares_two_columns() =>
        Assert.That(Where(q => q.WhereColumns("a.x", "<", "b.y").OrWhereColumns("a.z", "=", "b.z")), Is.EqualTo("\"a\".\"x\" < \"b\".\"y\" OR \"a\".\"z\" = \"b\".\"z\""));

    [Test]
    public void WhereExists_and_WhereNotExists() =>
        Assert.That(
            Where(q => q.WhereExists(new Query("x").WhereColumns("x.t_id", "=", "t.id")).WhereNotExists(s => s.From("y"))),
            Is.EqualTo("EXISTS (SELECT * FROM \"x\" WHERE \"x\".\"t_id\" = \"t\".\"id\") AND NOT EXISTS (SELECT * FROM \"y\")"));

    [Test]
    public void WhereTrue_and_WhereFalse() =>
        Assert.That(Where(q => q.WhereTrue("done").OrWhereFalse("open")), Is.EqualTo("\"done\" = true OR \"open\" = false"));

    [Test]
    public void WhereRaw_binds_values_quotes_identifiers_and_keeps_escaped_question_marks() =>
        Assert.That(Where(q => q.Where("a", 1).WhereRaw("[data] \\? ? OR {b} = ?", "key", 2)), Is.EqualTo("\"a\" = @p0 AND (\"data\" ? @p1 OR \"b\" = @p2)"));

    [Test]
    public void Where_object_adds_one_equality_per_property() =>
        Assert.That(Where(q => q.Where(new { a = 1, b = (string?)null })), Is.EqualTo("\"a\" = @p0 AND \"b\" IS NULL"));

    [Test]
    public void Text_depends_only_on_the_shape_not_on_the_values() =>
        Assert.That(Golden.Sql(new Query("t").Where("a", 1).WhereLike("b", "x")), Is.EqualTo(Golden.Sql(new Query("t").Where("a", 999).WhereLike("b", "other"))));

    [Test]
    public void Raw_condition_already_in_brackets_gets_no_second_pair() =>
        Assert.That(Where(q => q.Where("a", 1).WhereRaw("(b = 1 OR c = ')')")), Is.EqualTo("\"a\" = @p0 AND (\"b\" = 1 OR \"c\" = ')')"));

    [Test]
    public void Raw_condition_made_of_two_bracketed_groups_is_bracketed() =>
        Assert.That(Where(q => q.Where("a", 1).OrWhereRaw("(b = 1) OR (c = 2)").Where("d", 2)), Is.EqualTo("\"a\" = @p0 OR (\"b\" = 1 OR \"c\" = 2) AND \"d\" = @p1"));
}
