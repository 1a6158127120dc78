namespace TenantDapper.Tests.Unit.Building;

/// <summary>Golden SQL of the SqlKata methods whose text is parsed into the tree: UnsafeLiteral values, CombineRaw and FromRaw as a write target.</summary>
public class SqlKataRawParsedSqlTests
{
    [TestCase("[t].[id]", "\"t\".\"id\"")]
    [TestCase("[s].[t].[id]", "\"s\".\"t\".\"id\"")]
    [TestCase("[t].id", "\"t\".\"id\"")]
    [TestCase("[t].*", "\"t\".*")]
    [TestCase("[t.id]", "\"t\".\"id\"")]
    public void Bracketed_parts_joined_by_dots_are_one_qualified_name(string raw, string written) =>
        Assert.That(Golden.Sql(new Query("t").SelectRaw(raw)), Is.EqualTo($"SELECT {written} FROM \"t\""));

    [Test]
    public void FromRaw_takes_schema_and_table_in_separate_brackets() =>
        Assert.That(Golden.Sql(new Query().FromRaw("[s].[t] AS x").Select("x.id")), Is.EqualTo("SELECT \"x\".\"id\" FROM \"s\".\"t\" AS \"x\""));

    [Test]
    public void UnsafeLiteral_in_an_update_is_written_in_place_of_a_parameter() =>
        Assert.That(
            Golden.Sql(new Query("t").Where("id", 1).AsUpdate(new { updated_at = new UnsafeLiteral("now()"), name = "x" })),
            Is.EqualTo("UPDATE \"t\" SET \"updated_at\" = pg_catalog.now(), \"name\" = @p0 WHERE \"id\" = @p1"));

    [Test]
    public void UnsafeLiteral_in_rows_of_an_insert_and_DEFAULT() =>
        Assert.That(
            Golden.Sql(new Query("t").AsInsert(["a", "b"], [[new UnsafeLiteral("count + 1"), 2], [3, new UnsafeLiteral("default")]])),
            Is.EqualTo("INSERT INTO \"t\" (\"a\", \"b\") VALUES (\"count\" + 1, @p0), (@p1, DEFAULT)"));

    [Test]
    public void UnsafeLiteral_in_an_upsert_assignment() =>
        Assert.That(
            Golden.Sql(new Query("t").AsInsert(new { id = 1 }).OnConflictDoUpdate(["id"], new Dictionary<string, object?> { ["hits"] = new UnsafeLiteral("t.hits + 1") })),
            Is.EqualTo("INSERT INTO \"t\" (\"id\") VALUES (@p0) ON CONFLICT (\"id\") DO UPDATE SET \"hits\" = \"t\".\"hits\" + 1"));

    [Test]
    public void UnsafeLiteral_doubles_single_quotes_unless_told_not_to() =>
        Assert.That(
            (new UnsafeLiteral("it's").Value, new UnsafeLiteral("'x'", replaceQuotes: false).Value, new UnsafeLiteral(null).Value),
            Is.EqualTo(("it''s", "'x'", string.Empty)));

    [Test]
    public void UnsafeLiteral_is_parsed_when_the_update_is_built() =>
        Assert.That(() => new Query("t").AsUpdate(new { a = new UnsafeLiteral("1) , b = (2") }), Throws.TypeOf<UnscopableSqlException>());

    [Test]
    public void UnsafeLiteral_as_a_condition_value_is_refused() =>
        Assert.That(() => Golden.Sql(new Query("t").Where("a", new UnsafeLiteral("now()"))), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("WhereRaw"));

    [Test]
    public void UnsafeLiteral_as_a_binding_of_a_raw_fragment_is_refused() =>
        Assert.That(() => Golden.Sql(new Query("t").WhereRaw("a = ?", new UnsafeLiteral("now()"))), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("WhereRaw"));

    [Test]
    public void UnsafeLiteral_in_a_list_bound_to_a_raw_fragment_is_refused() =>
        Assert.That(() => Golden.Sql(new Query("t").WhereRaw("a IN (?)", new object[] { new object[] { 1, new UnsafeLiteral("now()") } })), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("WhereRaw"));

    [Test]
    public void UnsafeLiteral_as_a_value_of_a_with_row_is_refused() =>
        Assert.That(() => Golden.Sql(new Query("v").With("v", ["a"], [[new UnsafeLiteral("now()")]])), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("WhereRaw"));

    [Test]
    public void Brackets_in_an_UnsafeLiteral_quote_identifiers_as_in_every_raw_fragment() =>
        Assert.That(
            Golden.Sql(new Query("t").AsUpdate(new { a = new UnsafeLiteral("(SELECT max([x.id]) FROM x)") })),
            Is.EqualTo("UPDATE \"t\" SET \"a\" = (SELECT pg_catalog.max(\"x\".\"id\") FROM \"x\")"));

    [Test]
    public void CombineRaw_appends_its_arms_after_the_whole_query() =>
        Assert.That(
            Golden.Sql(new Query("a").Select("id").OrderBy("id").CombineRaw("union all select id from b where id > ? intersect select id from c", 5)),
            Is.EqualTo("(SELECT \"id\" FROM \"a\" ORDER BY \"id\") UNION ALL (SELECT \"id\" FROM \"b\" WHERE \"id\" > @p0) INTERSECT (SELECT \"id\" FROM \"c\")"));

    [Test]
    public void CombineRaw_ending_with_ORDER_BY_and_LIMIT_orders_the_whole_result() =>
        Assert.That(
            Golden.Sql(new Query("a").Select("id").UnionRaw("UNION SELECT id FROM b ORDER BY 1 LIMIT ?", 3)),
            Is.EqualTo("SELECT \"id\" FROM \"a\" UNION (SELECT \"id\" FROM \"b\") ORDER BY 1 LIMIT @p0"));

    [Test]
    public void CombineRaw_must_start_with_a_set_operator() =>
        Assert.That(() => new Query("a").CombineRaw("SELECT 1"), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("UNION, INTERSECT or EXCEPT"));

    [Test]
    public void CombineRaw_bindings_must_match_its_placeholders() =>
        Assert.That(() => new Query("a").ExceptRaw("EXCEPT SELECT id FROM b WHERE id = ?"), Throws.TypeOf<RawBindingMismatchException>());

    [Test]
    public void FromRaw_target_of_an_update_keeps_its_schema_and_alias() =>
        Assert.That(
            Golden.Sql(new Query().FromRaw("app.[Tasks] AS t").Where("t.id", 1).AsUpdate(new { title = "x" })),
            Is.EqualTo("UPDATE \"app\".\"Tasks\" AS \"t\" SET \"title\" = @p0 WHERE \"t\".\"id\" = @p1"));

    [Test]
    public void FromRaw_target_of_a_delete_and_an_insert() =>
        Assert.That(
            (Golden.Sql(new Query().FromRaw("tasks").AsDelete()), Golden.Sql(new Query().FromRaw("tasks").AsInsert(new { id = 1 }))),
            Is.EqualTo(("DELETE FROM \"tasks\"", "INSERT INTO \"tasks\" (\"id\") VALUES (@p0)")));

    [Test]
    public void FromRaw_join_as_a_write_target_is_refused() =>
        Assert.That(() => Golden.Sql(new Query().FromRaw("a JOIN b ON b.id = a.id").AsDelete()), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("one table name"));
}
