namespace TenantDapper.Tests.Unit.Building;

public class RefusalTests
{
    [TestCase("==")]
    [TestCase("; drop table x")]
    [TestCase("")]
    public void Unknown_operator_is_refused(string op) =>
        Assert.That(() => new Query("t").Where("a", op, 1), Throws.TypeOf<InvalidOperatorException>().With.Message.Contains("WhereRaw"));

    [TestCase("a\"b")]
    [TestCase("a;b")]
    [TestCase("a--b")]
    [TestCase("a/*b")]
    public void Identifier_with_a_quote_semicolon_or_comment_marker_is_refused(string name)
    {
        Assert.That(() => new Query(name), Throws.TypeOf<InvalidIdentifierException>());
        Assert.That(() => new Query("t").Where(name, 1), Throws.TypeOf<InvalidIdentifierException>());
        Assert.That(() => new Query("t").Select(name + " as x"), Throws.TypeOf<InvalidIdentifierException>());
        Assert.That(() => new Query("t").Select("x as " + name), Throws.TypeOf<InvalidIdentifierException>());
        Assert.That(() => new Query("t").WhereRaw("[" + name + "] = 1"), Throws.TypeOf<InvalidIdentifierException>());
    }

    [Test]
    public void Insert_without_values_is_refused()
    {
        Assert.That(() => new Query("t").AsInsert(new { }), Throws.TypeOf<EmptyWriteException>());
        Assert.That(() => new Query("t").AsInsert(new Dictionary<string, object?>()), Throws.TypeOf<EmptyWriteException>());
        Assert.That(() => new Query("t").AsInsert(["a"], Array.Empty<object?[]>()), Throws.TypeOf<EmptyWriteException>());
    }

    [Test]
    public void Update_without_values_is_refused() =>
        Assert.That(() => new Query("t").AsUpdate(new Dictionary<string, object?>()), Throws.TypeOf<EmptyWriteException>());

    [TestCase("a = ? AND b = ?", 1)]
    [TestCase("a = ?", 3)]
    [TestCase("a = 1", 1)]
    public void Raw_fragment_whose_placeholders_and_bindings_differ_is_refused(string sql, int bindings) =>
        Assert.That(() => new Query("t").WhereRaw(sql, Enumerable.Repeat<object?>(1, bindings).ToArray()), Throws.TypeOf<RawBindingMismatchException>());

    [Test]
    public void Insert_row_with_the_wrong_number_of_values_is_refused() =>
        Assert.That(() => new Query("t").AsInsert(["a", "b"], new[] { new object?[] { 1 } }), Throws.TypeOf<InvalidQueryException>());

    [Test]
    public void Table_name_with_more_than_schema_and_table_is_refused() =>
        Assert.That(() => new Query("db.public.projects"), Throws.TypeOf<InvalidIdentifierException>());

    [Test]
    public void Where_with_a_single_string_is_not_read_as_an_object() =>
        Assert.That(() => new Query("t").Where((object)"a"), Throws.ArgumentException);

    [Test]
    public void Operator_in_points_to_WhereIn() =>
        Assert.That(() => new Query("t").Where("a", "in", new[] { 1 }), Throws.TypeOf<InvalidOperatorException>().With.Message.Contains("WhereIn"));
}
