namespace TenantDapper.Tests.Unit.Building;

/// <summary>Golden SQL of the SqlKata methods added for drop-in use, and of the behaviours that now match SqlKata.</summary>
public class SqlKataDropInSqlTests
{
    private static string Where(Func<Query, Query> build) =>
        Golden.Sql(build(new Query("t"))).Replace("SELECT * FROM \"t\" WHERE ", string.Empty, StringComparison.Ordinal);

    [Test]
    public void WhereDate_casts_the_column_and_the_value_to_date() =>
        Assert.That(Where(q => q.WhereDate("at", "2024-05-01")), Is.EqualTo("(\"at\"::date) = (@p0::date)"));

    [Test]
    public void WhereTime_with_an_operator_casts_both_sides_to_time() =>
        Assert.That(Where(q => q.WhereTime("t.at", ">", "13:00")), Is.EqualTo("(\"t\".\"at\"::time) > (@p0::time)"));

    [Test]
    public void WhereDatePart_writes_date_part_with_the_field_as_a_string_literal() =>
        Assert.That(Where(q => q.WhereDatePart("year", "at", 2024)), Is.EqualTo("pg_catalog.date_part('year', \"at\") = @p0"));

    [Test]
    public void WhereDatePart_date_and_time_are_casts_as_in_SqlKata() =>
        Assert.That(Where(q => q.WhereDatePart("Date", "at", "2024-05-01").OrWhereDatePart("time", "at", "<=", "08:00")), Is.EqualTo("(\"at\"::date) = (@p0::date) OR (\"at\"::time) <= (@p1::time)"));

    [Test]
    public void Not_and_Or_forms_of_the_date_conditions() =>
        Assert.That(
            Where(q => q.WhereNotDate("a", "2024-01-01").OrWhereDate("b", "2024-01-02").OrWhereNotTime("c", "10:00").WhereNotDatePart("month", "d", "<", 6)),
            Is.EqualTo("NOT ((\"a\"::date) = (@p0::date)) OR (\"b\"::date) = (@p1::date) OR NOT ((\"c\"::time) = (@p2::time)) AND NOT (pg_catalog.date_part('month', \"d\") < @p3)"));

    [Test]
    public void An_unknown_date_part_is_refused_before_it_reaches_the_text() =>
        Assert.That(() => new Query("t").WhereDatePart("year') OR 1=1 --", "at", 1), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("not a date part"));

    [Test]
    public void SelectAggregate_without_alias_writes_the_bare_aggregate() =>
        Assert.That(Golden.Sql(new Query("posts").Select("title").SelectAggregate("sum", "views")), Is.EqualTo("SELECT \"title\", pg_catalog.sum(\"views\") FROM \"posts\""));

    [Test]
    public void SelectAggregate_with_a_filter_writes_FILTER_WHERE_and_the_alias()
    {
        var query = new Query("posts").Select("title")
            .SelectAggregate("sum", "views as jan", q => q.Where("month", "Jan"))
            .SelectAggregate("sum", "views as feb", q => q.Where("month", "Feb"));
        var result = Golden.Compile(query);
        Assert.That(result.Sql, Is.EqualTo("SELECT \"title\", pg_catalog.sum(\"views\") FILTER (WHERE \"month\" = @p0) AS \"jan\", pg_catalog.sum(\"views\") FILTER (WHERE \"month\" = @p1) AS \"feb\" FROM \"posts\""));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { "Jan", "Feb" }));
    }

    [Test]
    public void SelectAggregate_ignores_an_empty_filter_as_SqlKata_does()
    {
        Assert.That(Golden.Sql(new Query("p").SelectAggregate("sum", "v", q => q)), Is.EqualTo("SELECT pg_catalog.sum(\"v\") FROM \"p\""));
        Assert.That(Golden.Sql(new Query("p").SelectAggregate("sum", "v", new Query())), Is.EqualTo("SELECT pg_catalog.sum(\"v\") FROM \"p\""));
    }

    [Test]
    public void SelectCount_of_star_and_the_other_shorthands() =>
        Assert.That(
            Golden.Sql(new Query("p").SelectCount("* as n").SelectAvg("v as a").SelectMin("v", q => q.WhereNotNull("v")).SelectMax("p.v as top").SelectSum("v as s")),
            Is.EqualTo("SELECT pg_catalog.count(*) AS \"n\", pg_catalog.avg(\"v\") AS \"a\", pg_catalog.min(\"v\") FILTER (WHERE \"v\" IS NOT NULL), pg_catalog.max(\"p\".\"v\") AS \"top\", pg_catalog.sum(\"v\") AS \"s\" FROM \"p\""));

    [Test]
    public void SelectAggregate_refuses_a_function_that_is_not_an_aggregate() =>
        Assert.That(() => new Query("p").SelectAggregate("pg_sleep", "v"), Throws.TypeOf<InvalidQueryException>());

    [Test]
    public void SelectAggregate_copies_its_filter_so_later_changes_do_not_leak_in()
    {
        var filter = new Query().Where("a", 1);
        var query = new Query("p").SelectAggregate("count", "*", filter);
        filter.Where("b", 2);
        Assert.That(Golden.Sql(query), Is.EqualTo("SELECT pg_catalog.count(*) FILTER (WHERE \"a\" = @p0) FROM \"p\""));
    }

    [Test]
    public void WhereSub_puts_the_sub_query_on_the_left() =>
        Assert.That(
            Where(q => q.WhereSub(new Query("u").WhereColumns("u.t_id", "=", "t.id").AsCount(), ">", 1).OrWhereSub(new Query("u").Select("x").Limit(1), "y")),
            Is.EqualTo("(SELECT COUNT(*) AS \"count\" FROM \"u\" WHERE \"u\".\"t_id\" = \"t\".\"id\") > @p0 OR (SELECT \"x\" FROM \"u\" LIMIT @p1) = @p2"));

    [Test]
    public void With_rows_is_a_union_all_of_parameter_rows()
    {
        var result = Golden.Compile(new Query("v").With("v", ["id", "name"], [[1, "a"], [2, "b"], [3, null]]));
        Assert.That(result.Sql, Is.EqualTo(
            "WITH \"v\" AS (SELECT @p0 AS \"id\", @p1 AS \"name\" UNION ALL (SELECT @p2 AS \"id\", @p3 AS \"name\" UNION ALL (SELECT @p4 AS \"id\", @p5 AS \"name\"))) SELECT * FROM \"v\""));
        Assert.That(result.Bindings, Is.EqualTo(new object?[] { 1, "a", 2, "b", 3, null }));
    }

    [Test]
    public void With_rows_refuses_a_row_of_the_wrong_length() =>
        Assert.That(() => new Query("v").With("v", ["a", "b"], [[1]]), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("1 value(s) for 2 column(s)"));

    [Test]
    public void Or_flag_joins_the_next_condition_with_OR_once() =>
        Assert.That(Where(q => q.Where("a", 1).Or().Where("b", 2).Where("c", 3)), Is.EqualTo("\"a\" = @p0 OR \"b\" = @p1 AND \"c\" = @p2"));

    [Test]
    public void Not_flag_negates_the_next_condition_once() =>
        Assert.That(Where(q => q.Not().WhereIn("a", new[] { 1 }).Not().WhereNull("b").Where("c", 3)), Is.EqualTo("\"a\" <> ALL(@p0) AND \"b\" IS NOT NULL AND \"c\" = @p1"));

    [Test]
    public void Not_flag_also_negates_a_raw_condition_unlike_SqlKata() =>
        Assert.That(Where(q => q.Not().WhereRaw("[a] > ?", 1)), Is.EqualTo("NOT (\"a\" > @p0)"));

    [Test]
    public void Or_and_Not_flags_apply_to_join_conditions() =>
        Assert.That(
            Golden.Sql(new Query("a").Join("b", j => j.On("b.a_id", "a.id").Or().Not().On("b.x", "a.x"))),
            Is.EqualTo("SELECT * FROM \"a\" INNER JOIN \"b\" ON \"b\".\"a_id\" = \"a\".\"id\" OR NOT (\"b\".\"x\" = \"a\".\"x\")"));

    [Test]
    public void Or_flag_applies_to_a_having_method() =>
        Assert.That(
            Golden.Sql(new Query("t").GroupBy("a").Having("a", 1).Or().HavingNull("a")),
            Is.EqualTo("SELECT * FROM \"t\" GROUP BY \"a\" HAVING \"a\" = @p0 OR \"a\" IS NULL"));

    [Test]
    public void Empty_nested_groups_add_nothing()
    {
        var query = new Query("t").Where("a", 1).Where(q => q).Where(_ => new Query()).OrWhere(q => q).WhereNot(q => q).Where("b", 2);
        Assert.That(Golden.Sql(query), Is.EqualTo("SELECT * FROM \"t\" WHERE \"a\" = @p0 AND \"b\" = @p1"));
    }

    [Test]
    public void An_ignored_empty_OrWhere_group_does_not_turn_the_next_condition_into_OR() =>
        Assert.That(Where(q => q.Where("a", 1).OrWhere(g => g).Where("b", 2)), Is.EqualTo("\"a\" = @p0 AND \"b\" = @p1"));

    [Test]
    public void Conditional_building_inside_a_group_works_when_nothing_is_added()
    {
        string? filter = null;
        var query = new Query("t").Where(q =>
        {
            if (filter is not null)
            {
                q.Where("name", filter);
            }

            return q;
        });
        Assert.That(Golden.Sql(query), Is.EqualTo("SELECT * FROM \"t\""));
    }

    [Test]
    public void An_empty_group_inside_a_join_callback_adds_nothing() =>
        Assert.That(
            Golden.Sql(new Query("a").Join("b", j => j.On("b.a_id", "a.id").Where(g => g))),
            Is.EqualTo("SELECT * FROM \"a\" INNER JOIN \"b\" ON \"b\".\"a_id\" = \"a\".\"id\""));

    [Test]
    public void Having_callback_reads_Having_methods()
    {
        var query = new Query("t").GroupBy("a").Having(q => q.Having("a", ">", 1).OrHavingNull("a")).Having("a", "<", 9);
        Assert.That(Golden.Sql(query), Is.EqualTo("SELECT * FROM \"t\" GROUP BY \"a\" HAVING (\"a\" > @p0 OR \"a\" IS NULL) AND \"a\" < @p1"));
    }

    [Test]
    public void Having_callback_still_reads_Where_methods_and_HavingNot_negates_the_group() =>
        Assert.That(
            Golden.Sql(new Query("t").GroupBy("a").Having(q => q.Where("a", 1)).OrHavingNot(q => q.HavingIn("a", new[] { 2, 3 })).Having(q => q)),
            Is.EqualTo("SELECT * FROM \"t\" GROUP BY \"a\" HAVING \"a\" = @p0 OR NOT (\"a\" = ANY(@p1))"));

    [Test]
    public void Having_callback_that_mixes_Where_and_Having_methods_is_refused() =>
        Assert.That(() => new Query("t").Having(q => q.Where("a", 1).Having("b", 2)), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("mixes"));

    [Test]
    public void Negative_limit_and_offset_are_ignored_as_in_SqlKata() =>
        Assert.That(Golden.Sql(new Query("t").Limit(-1).Offset(-100)), Is.EqualTo("SELECT * FROM \"t\""));

    [Test]
    public void ForPage_zero_is_the_first_page_as_in_SqlKata() =>
        Assert.That(Golden.Sql(new Query("t").ForPage(0, 10)), Is.EqualTo("SELECT * FROM \"t\" LIMIT @p0"));

    [Test]
    public void Distinct_count_of_a_selected_column_counts_distinct_values() =>
        Assert.That(
            Golden.Sql(new Query("t").Select("author_id").Distinct().AsCount()),
            Is.EqualTo("SELECT COUNT(*) AS \"count\" FROM (SELECT DISTINCT \"author_id\" FROM \"t\") AS \"aggregateQuery\""));

    [Test]
    public void RawSql_shows_a_question_mark_for_every_value()
    {
        var result = Golden.Compile(new Query("t").Where("a", 1).WhereIn("b", new[] { 2, 3 }));
        Assert.That(result.RawSql, Is.EqualTo("SELECT * FROM \"t\" WHERE \"a\" = ? AND \"b\" = ANY(?)"));
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"t\" WHERE \"a\" = @p0 AND \"b\" = ANY(@p1)"));
    }

    [Test]
    public void ToString_inlines_values_as_quoted_literals()
    {
        var result = Golden.Compile(new Query("t")
            .Where("s", "O'Brien").Where("n", 1.5m).Where("b", true).WhereNull("z").WhereIn("i", new[] { 1L, 2L })
            .Where("d", new DateTime(2024, 5, 1)).Where("w", "a\\b"));
        Assert.That(result.ToString(), Is.EqualTo(
            "SELECT * FROM \"t\" WHERE \"s\" = 'O''Brien' AND \"n\" = 1.5 AND \"b\" = true AND \"z\" IS NULL AND \"i\" = ANY(ARRAY[1, 2]) AND \"d\" = '2024-05-01' AND \"w\" = E'a\\\\b'"));
    }
}
