namespace TenantDapper.Tests.Unit.Building;

public class FromAndSelectSqlTests
{
    [Test]
    public void Query_on_a_table_selects_all_columns() =>
        Assert.That(Golden.Sql(new Query("projects")), Is.EqualTo("SELECT * FROM \"projects\""));

    [Test]
    public void Table_alias_and_schema_are_quoted_part_by_part() =>
        Assert.That(
            Golden.Sql(new Query("public.projects as p").Select("p.id", "p.name as title", "p.*")),
            Is.EqualTo("SELECT \"p\".\"id\", \"p\".\"name\" AS \"title\", \"p\".* FROM \"public\".\"projects\" AS \"p\""));

    [Test]
    public void From_replaces_the_table() =>
        Assert.That(Golden.Sql(new Query("a").From("b AS x")), Is.EqualTo("SELECT * FROM \"b\" AS \"x\""));

    [Test]
    public void From_sub_query_uses_the_given_alias() =>
        Assert.That(
            Golden.Sql(new Query().From(new Query("projects").Where("account_id", 1), "p").Select("p.name")),
            Is.EqualTo("SELECT \"p\".\"name\" FROM (SELECT * FROM \"projects\" WHERE \"account_id\" = @p0) AS \"p\""));

    [Test]
    public void From_sub_query_uses_its_As_alias() =>
        Assert.That(
            Golden.Sql(new Query().From(new Query("projects").As("p"))),
            Is.EqualTo("SELECT * FROM (SELECT * FROM \"projects\") AS \"p\""));

    [Test]
    public void From_sub_query_without_alias_is_refused() =>
        Assert.That(() => new Query().From(new Query("projects")), Throws.TypeOf<InvalidQueryException>());

    [Test]
    public void FromRaw_quotes_bracketed_identifiers_and_binds_values() =>
        Assert.That(
            Golden.Sql(new Query().FromRaw("generate_series(1, ?) AS [n]", 3)),
            Is.EqualTo("SELECT * FROM pg_catalog.generate_series(1, @p0) AS \"n\""));

    [Test]
    public void Select_sub_query_with_alias() =>
        Assert.That(
            Golden.Sql(new Query("projects").Select("id").Select(new Query("tasks").WhereColumns("tasks.project_id", "=", "projects.id").AsCount(), "tasks")),
            Is.EqualTo("SELECT \"id\", (SELECT COUNT(*) AS \"count\" FROM \"tasks\" WHERE \"tasks\".\"project_id\" = \"projects\".\"id\") AS \"tasks\" FROM \"projects\""));

    [Test]
    public void SelectRaw_binds_its_values() =>
        Assert.That(
            Golden.Sql(new Query("projects").SelectRaw("[budget] * ? AS doubled", 2)),
            Is.EqualTo("SELECT \"budget\" * @p0 AS \"doubled\" FROM \"projects\""));

    [Test]
    public void Distinct_selects_distinct() =>
        Assert.That(Golden.Sql(new Query("projects").Select("name").Distinct()), Is.EqualTo("SELECT DISTINCT \"name\" FROM \"projects\""));

    [Test]
    public void AsCount_ignores_order_limit_offset_and_group() =>
        Assert.That(
            Golden.Sql(new Query("projects").Where("account_id", 1).OrderBy("name").GroupBy("name").Limit(10).Offset(5).AsCount()),
            Is.EqualTo("SELECT COUNT(*) AS \"count\" FROM \"projects\" WHERE \"account_id\" = @p0"));

    [Test]
    public void Distinct_count_of_a_column_counts_the_distinct_rows() =>
        Assert.That(
            Golden.Sql(new Query("projects").Distinct().AsCount(["name"])),
            Is.EqualTo("SELECT COUNT(*) AS \"count\" FROM (SELECT DISTINCT \"name\" FROM \"projects\") AS \"aggregateQuery\""));

    [TestCase("sum", "SUM")]
    [TestCase("avg", "AVG")]
    [TestCase("min", "MIN")]
    [TestCase("max", "MAX")]
    public void Single_column_aggregates(string name, string function)
    {
        var query = new Query("projects");
        query = name switch
        {
            "sum" => query.AsSum("budget"),
            "avg" => query.AsAvg("budget"),
            "min" => query.AsMin("budget"),
            _ => query.AsMax("budget"),
        };
        Assert.That(Golden.Sql(query), Is.EqualTo($"SELECT {function}(\"budget\") AS \"{name}\" FROM \"projects\""));
    }

    [Test]
    public void GroupBy_and_Having() =>
        Assert.That(
            Golden.Sql(new Query("projects").Select("account_id").SelectRaw("count(*) AS n").GroupBy("account_id").Having("account_id", ">", 1).HavingRaw("count(*) >= ?", 2)),
            Is.EqualTo("SELECT \"account_id\", pg_catalog.count(*) AS \"n\" FROM \"projects\" GROUP BY \"account_id\" HAVING \"account_id\" > @p0 AND pg_catalog.count(*) >= @p1"));

    [Test]
    public void Expanded_column_list_selects_each_column_of_the_qualifier() =>
        Assert.That(
            Golden.Sql(new Query("projects as p").Select("p.{id, name as title}")),
            Is.EqualTo("SELECT \"p\".\"id\", \"p\".\"name\" AS \"title\" FROM \"projects\" AS \"p\""));

    [Test]
    public void When_applies_the_branch_that_matches()
    {
        var filter = true;
        Assert.That(
            Golden.Sql(new Query("t").When(filter, q => q.Where("a", 1)).When(!filter, q => q.Where("b", 2), q => q.Where("c", 3))),
            Is.EqualTo("SELECT * FROM \"t\" WHERE \"a\" = @p0 AND \"c\" = @p1"));
    }

    [Test]
    public void Distinct_count_without_columns_counts_the_distinct_selected_rows() =>
        Assert.That(
            Golden.Sql(new Query("projects").Select("account_id").Distinct().AsCount()),
            Is.EqualTo("SELECT COUNT(*) AS \"count\" FROM (SELECT DISTINCT \"account_id\" FROM \"projects\") AS \"aggregateQuery\""));

    [Test]
    public void Distinct_sum_sums_the_distinct_values() =>
        Assert.That(
            Golden.Sql(new Query("projects").Distinct().AsSum("p.budget")),
            Is.EqualTo("SELECT SUM(\"budget\") AS \"sum\" FROM (SELECT DISTINCT \"p\".\"budget\" FROM \"projects\") AS \"aggregateQuery\""));

    [Test]
    public void Having_offers_the_where_conditions() =>
        Assert.That(
            Golden.Sql(new Query("projects").Select("account_id").GroupBy("account_id").HavingIn("account_id", new[] { 1L, 2L }).OrHavingNotNull("account_id").Having(h => h.Where("account_id", 1).OrWhere("account_id", 2))),
            Is.EqualTo("SELECT \"account_id\" FROM \"projects\" GROUP BY \"account_id\" HAVING \"account_id\" = ANY(@p0) OR \"account_id\" IS NOT NULL AND (\"account_id\" = @p1 OR \"account_id\" = @p2)"));
}
