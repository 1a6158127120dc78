namespace TenantDapper.Tests.Integration.Building;

// These queries run without a tenant model, as SqlKata would send them. Each join and correlated sub-query
// still pairs the tenant columns: that is how a query over distributed tables must be written for Citus
// (a co-located join), and on plain PostgreSQL it returns the same rows.
public class SelectExecutionTests : SampleDataFixture
{
    private static IEnumerable<TestCaseData> Features()
    {
        TestCaseData Case(string name, Func<QueryFactory, Query> build, params long[] ids) => new TestCaseData(build, ids).SetName(name);

        yield return Case("From_alias_and_schema", db => db.Query(SchemaOf(db) + ".projects as p").Select("p.id"), 1, 2, 3, 4);
        yield return Case("Where_value", db => db.Query("projects").Select("id").Where("name", "Apollo"), 1, 4);
        yield return Case("Where_operator", db => db.Query("projects").Select("id").Where("budget", ">=", 100), 1, 2);
        yield return Case("Where_scalar_sub_query", db => db.Query("projects").Select("id").Where("budget", ">", new Query("projects").AsAvg("budget")), 2);
        yield return Case("OrWhere_without_brackets", db => db.Query("projects").Select("id").Where("id", 1).OrWhere("name", "Apollo").Where("account_id", 2), 1, 4);
        yield return Case("Nested_group", db => db.Query("projects").Select("id").Where(q => q.Where("id", 1).OrWhere("name", "Apollo")).Where("account_id", 2), 4);
        yield return Case("WhereNot", db => db.Query("projects").Select("id").WhereNot("name", "Apollo"), 2, 3);
        yield return Case("OrWhereNot", db => db.Query("projects").Select("id").Where("id", 1).OrWhereNot("account_id", 1), 1, 4);
        yield return Case("WhereNot_null", db => db.Query("projects").Select("id").WhereNot("budget", null), 1, 2, 4);
        yield return Case("Where_null", db => db.Query("projects").Select("id").Where("manager_id", null), 3);
        yield return Case("WhereNotNull", db => db.Query("tasks").Select("id").WhereNotNull("estimate"), 1, 2, 4);
        yield return Case("WhereIn_values", db => db.Query("projects").Select("id").WhereIn("name", new[] { "Borealis", "cosmos" }), 2, 3);
        yield return Case("WhereIn_empty_matches_nothing", db => db.Query("projects").Select("id").WhereIn("id", Array.Empty<long>()));
        yield return Case("WhereNotIn_empty_matches_everything", db => db.Query("projects").Select("id").WhereNotIn("name", Array.Empty<string>()), 1, 2, 3, 4);
        yield return Case("WhereNotIn_values", db => db.Query("projects").Select("id").WhereNotIn("id", new[] { 1, 2 }), 3, 4);
        yield return Case("WhereIn_sub_query", db => db.Query("projects").Select("id").WhereIn("id", new Query("tasks").Select("project_id").WhereTrue("done")), 1, 4);
        yield return Case("WhereNotIn_sub_query", db => db.Query("projects").Select("id").WhereNotIn("id", q => q.From("tasks").Select("project_id")), 3);
        yield return Case("WhereBetween", db => db.Query("tasks").Select("id").WhereBetween("estimate", 2, 3), 1, 4);
        yield return Case("WhereLike_is_case_insensitive", db => db.Query("projects").Select("id").WhereLike("name", "COSMOS"), 3);
        yield return Case("WhereLike_case_sensitive", db => db.Query("projects").Select("id").WhereLike("name", "COSMOS", caseSensitive: true));
        yield return Case("WhereStarts", db => db.Query("projects").Select("id").WhereStarts("name", "bo"), 2);
        yield return Case("WhereEnds", db => db.Query("projects").Select("id").WhereEnds("name", "LO"), 1, 4);
        yield return Case("WhereContains", db => db.Query("projects").Select("id").WhereContains("name", "ore"), 2);
        yield return Case("WhereContains_with_escape", db => db.Query("projects").Select("id").WhereContains("name", "o\\_", escapeCharacter: "\\"));
        yield return Case("WhereColumns", db => db.Query("tasks").Select("id").WhereColumns("project_id", "=", "id"), 1, 4);
        yield return Case("WhereExists", db => db.Query("projects as p").Select("p.id").WhereExists(new Query("tasks as t").WhereColumns("t.project_id", "=", "p.id").WhereColumns("t.account_id", "=", "p.account_id").WhereFalse("t.done")), 1, 2);
        yield return Case("WhereNotExists", db => db.Query("projects as p").Select("p.id").WhereNotExists(q => q.From("tasks as t").WhereColumns("t.project_id", "=", "p.id").WhereColumns("t.account_id", "=", "p.account_id")), 3);
        yield return Case("WhereTrue", db => db.Query("tasks").Select("id").WhereTrue("done"), 1, 4);
        yield return Case("WhereRaw_with_bindings", db => db.Query("projects").Select("id").WhereRaw("lower([name]) = ? AND [account_id] = ?", "apollo", 2), 4);
        yield return Case("Join", db => db.Query("tasks").Select("tasks.id").Join("projects", j => j.On("projects.id", "tasks.project_id").On("projects.account_id", "tasks.account_id")).Where("projects.name", "Apollo"), 1, 2, 4);
        yield return Case("LeftJoin", db => db.Query("projects as p").Select("p.id").LeftJoin("tasks as t", j => j.On("t.project_id", "p.id").On("t.account_id", "p.account_id")).WhereNull("t.id"), 3);
        yield return Case("RightJoin", db => db.Query("tasks as t").Select("p.id").RightJoin("projects as p", j => j.On("p.id", "t.project_id").On("p.account_id", "t.account_id")).WhereNull("t.id"), 3);
        yield return Case("CrossJoin", db => db.Query("countries as c").SelectRaw("count(*)").CrossJoin("accounts"), 9);
        yield return Case("Join_callback", db => db.Query("projects as p").Select("p.id").Join("tasks as t", j => j.On("t.account_id", "p.account_id").Where(g => g.On("t.project_id", "p.id").OrOn("t.id", "p.id").Where("t.done", true).WhereIn("t.account_id", new[] { 1L, 2L }))).Distinct(), 1, 2, 4);
        yield return Case("Join_sub_query", db => db.Query("projects as p").Select("p.id").Join(new Query("tasks").Where("done", false).As("open"), "open.project_id", "p.id").Distinct(), 1, 2);
        yield return Case("From_sub_query", db => db.Query().From(new Query("projects").Where("account_id", 1), "p").Select("p.id").WhereNotNull("p.budget"), 1, 2);
        yield return Case("FromRaw", db => db.Query().FromRaw("generate_series(?::bigint, ?::bigint) AS [n]", 2, 4).Select("n"), 2, 3, 4);
        yield return Case("Select_sub_query", db => db.Query("projects as p").Select(new Query("tasks as t").WhereColumns("t.project_id", "=", "p.id").WhereColumns("t.account_id", "=", "p.account_id").AsCount(), "n").Where("p.id", 1), 2);
        yield return Case("Group_and_having", db => db.Query("projects").Select("account_id").GroupBy("account_id").HavingRaw("count(*) > ?", 1).Having("account_id", "<", 5), 1);
        yield return Case("HavingIn", db => db.Query("projects").Select("account_id").GroupBy("account_id").HavingIn("account_id", new[] { 2L, 3L }), 2);
        yield return Case("Order_limit_offset", db => db.Query("projects").Select("id").OrderByDesc("id").Limit(2).Offset(1), 3, 2);
        yield return Case("ForPage", db => db.Query("projects").Select("id").OrderBy("id").ForPage(2, 3), 4);
        yield return Case("OrderByRaw", db => db.Query("projects").Select("id").OrderByRaw("[budget] DESC NULLS LAST, [id]"), 2, 1, 4, 3);
        yield return Case("Cte", db => db.Query("open").With("open", new Query("tasks").WhereFalse("done")).Select("id"), 2, 3);
        yield return Case("WithRaw", db => db.Query("ids").WithRaw("ids", "SELECT x AS id FROM (VALUES (?::bigint), (?::bigint)) AS v (x)", 7L, 8L).Select("id"), 7, 8);
        yield return Case("Union", db => db.Query("projects").Select("id").Where("id", 1).Union(new Query("tasks").Select("id").Where("id", 1)), 1);
        yield return Case("UnionAll", db => db.Query("projects").Select("id").Where("id", 1).UnionAll(new Query("tasks").Select("id").Where("id", 1)), 1, 1);
        yield return Case("Except", db => db.Query("projects").Select("id").Except(new Query("tasks").Select("project_id")), 3);
        yield return Case("Intersect", db => db.Query("projects").Select("id").Intersect(new Query("tasks").Select("id")), 1, 2, 3, 4);
        yield return Case("Union_callback", db => db.Query("projects").Select("id").Where("id", 1).Union(q => q.From("tasks").Select("id").Where("id", 1)), 1);
        yield return Case("UnionAll_callback", db => db.Query("projects").Select("id").Where("id", 1).UnionAll(q => q.From("tasks").Select("id").Where("id", 1)), 1, 1);
        yield return Case("Intersect_callback", db => db.Query("tasks").Select("project_id").Intersect(q => q.From("tasks").Select("project_id").WhereNot("id", 4)), 1, 2);
        yield return Case("IntersectAll_callback", db => db.Query("tasks").Select("project_id").IntersectAll(q => q.From("tasks").Select("project_id").WhereNot("id", 4)), 1, 1, 2);
        yield return Case("Except_callback", db => db.Query("tasks").Select("project_id").Except(q => q.From("projects").Select("id").Where("id", 1)), 2, 4);
        yield return Case("ExceptAll_callback", db => db.Query("tasks").Select("project_id").ExceptAll(q => q.From("projects").Select("id")), 1);
        yield return Case("Raw_escaped_brackets_write_an_array_type", db => db.Query("projects").Select("id").WhereRaw("[id] = ANY(?::bigint\\[\\] || '{2}'::bigint\\[\\])", new[] { 1L }), 1, 2);
        yield return Case("Union_sorted_by_wrapping", db => db.Query().From(new Query("projects").Select("id").Union(new Query("tasks").Select("estimate as id")), "u").Select("u.id").WhereNotNull("u.id").OrderByDesc("u.id").Limit(2), 8, 4);
        yield return Case("Twelve_parameters_keep_their_names_apart", db => Enumerable.Range(0, 11).Aggregate(db.Query("projects").Select("id"), (q, i) => q.Where("account_id", "<", 10 + i)).Where("id", 4), 4);
        yield return Case("Distinct", db => db.Query("projects").Select("account_id").Distinct(), 1, 2);
    }

    [TestCaseSource(nameof(Features))]
    public void Compiled_query_returns_the_expected_rows(Func<QueryFactory, Query> build, long[] expected)
    {
        using var db = Db();
        var query = build(db);
        var rows = query.Get<long>().ToArray();
        Assert.That(rows, query.Orders.Count > 0 ? Is.EqualTo(expected) : Is.EquivalentTo(expected));
    }

    [Test]
    public void Empty_and_non_empty_lists_share_one_text_and_both_run()
    {
        using var db = Db();
        var empty = db.Query("projects").Select("id").WhereIn("id", Array.Empty<long>());
        var full = db.Query("projects").Select("id").WhereIn("id", new[] { 1L, 4L });
        Assert.That(db.Compile(empty).Sql, Is.EqualTo(db.Compile(full).Sql));
        Assert.That(empty.Get<long>(), Is.Empty);
        Assert.That(full.Get<long>(), Is.EquivalentTo(new[] { 1L, 4L }));
    }

    [Test]
    public void First_and_FirstOrDefault()
    {
        using var db = Db();
        Assert.That(db.Query("projects").Select("name").Where("id", 2).First<string>(), Is.EqualTo("Borealis"));
        Assert.That(db.Query("projects").Select("name").Where("id", 99).FirstOrDefault<string>(), Is.Null);
        Assert.That(() => db.Query("projects").Where("id", 99).First<long>(), Throws.InvalidOperationException);
    }

    [Test]
    public async Task Async_twins_return_the_same_rows()
    {
        using var db = Db();
        var query = db.Query("projects").Select("id").Where("account_id", 1);
        Assert.That(await query.GetAsync<long>(), Is.EquivalentTo(query.Get<long>()));
        Assert.That(await query.Clone().OrderBy("id").FirstAsync<long>(), Is.EqualTo(1));
        Assert.That(await query.Clone().Where("id", 99).FirstOrDefaultAsync<long?>(), Is.Null);
        Assert.That(await query.CountAsync<long>(), Is.EqualTo(3));
        Assert.That(await query.ExistsAsync(), Is.True);
        Assert.That(await query.Clone().Where("id", 99).NotExistAsync(), Is.True);
        Assert.That(await query.SumAsync<decimal>("budget"), Is.EqualTo(350m));
        var page = await query.Clone().OrderBy("id").PaginateAsync<long>(2, 2);
        Assert.That(page.List, Is.EqualTo(new[] { 3L }));
    }

    [Test]
    public void Count_ignores_order_and_limit_and_distinct_count_counts_null_once()
    {
        using var db = Db();
        Assert.That(db.Query("projects").OrderBy("id").Limit(1).Count<long>(), Is.EqualTo(4));
        Assert.That(db.Query("projects").Distinct().Count<long>(["budget"]), Is.EqualTo(4));
        Assert.That(db.Query("projects").Count<long>(["budget"]), Is.EqualTo(3));
        Assert.That(db.Query("projects").Select("account_id").Distinct().Count<long>(), Is.EqualTo(2));
        Assert.That(db.Query("projects").Select("id").Union(new Query("tasks").Select("id")).Count<long>(), Is.EqualTo(4));
        Assert.That(db.Query("projects").Select("name").Distinct().Paginate<string>(1, 10).Count, Is.EqualTo(3));
    }

    [Test]
    public void Aggregates()
    {
        using var db = Db();
        var projects = db.Query("projects");
        Assert.That(projects.Sum<decimal>("budget"), Is.EqualTo(425.50m));
        Assert.That(projects.Min<decimal>("budget"), Is.EqualTo(75.50m));
        Assert.That(projects.Max<decimal>("budget"), Is.EqualTo(250m));
        Assert.That(projects.Average<decimal>("budget"), Is.EqualTo(425.50m / 3).Within(0.0001m));
        Assert.That(projects.Aggregate<long>("count"), Is.EqualTo(4));
        Assert.That(db.Query("projects").Distinct().Sum<decimal>("budget"), Is.EqualTo(425.50m));
        Assert.That(db.Query("projects").Select("name").Distinct().Count<long>(), Is.EqualTo(3));
    }

    [Test]
    public void Exists_and_NotExist()
    {
        using var db = Db();
        Assert.That(db.Query("projects").Where("name", "Apollo").Exists(), Is.True);
        Assert.That(db.Query("projects").Where("name", "Nope").NotExist(), Is.True);
        Assert.That(db.Query("projects").Select("id").Where("id", 99).Union(new Query("tasks").Select("id").Where("id", 4)).Exists(), Is.True);
        Assert.That(db.Query("projects").AsCount().Exists(), Is.True);
    }

    [Test]
    public void Paginate_returns_the_page_and_the_total()
    {
        using var db = Db();
        var page = db.Query("projects").Select("id").OrderBy("id").Paginate<long>(1, 3);
        Assert.That(page.Count, Is.EqualTo(4));
        Assert.That(page.List, Is.EqualTo(new[] { 1L, 2L, 3L }));
        Assert.That(page.TotalPages, Is.EqualTo(2));
        Assert.That(page.HasNext, Is.True);
        Assert.That(page.Next().List, Is.EqualTo(new[] { 4L }));
    }

    [Test]
    public void Dynamic_rows_and_typed_rows()
    {
        using var db = Db();
        var row = db.Query("projects").Where("id", 2).Get().Single();
        Assert.That((string)row.name, Is.EqualTo("Borealis"));
        var typed = db.Query("projects").Select("id", "name").Where("id", 2).First<ProjectRow>();
        Assert.That(typed.Name, Is.EqualTo("Borealis"));
    }

    [Test]
    public void Query_not_created_by_a_factory_cannot_run() =>
        Assert.That(() => new Query("projects").Get<long>(), Throws.TypeOf<QueryNotExecutableException>());

    [Test]
    public async Task Execute_scalar_gives_null_for_no_row_and_for_a_null_value_as_dapper_does()
    {
        using var db = Db();
        Assert.That(db.ExecuteScalar<string>(db.Query("projects").Select("name").Where("id", -1)), Is.Null);
        Assert.That(await db.ExecuteScalarAsync<decimal?>(db.Query("projects").Select("budget").Where("id", 3)), Is.Null);
        Assert.That(db.ExecuteScalar<string>(db.Query("projects").Select("name").Where("id", 2)), Is.EqualTo("Borealis"));
    }

    private sealed class ProjectRow
    {
        public long Id { get; set; }

        public string Name { get; set; } = string.Empty;
    }

    // public, or on a Citus coordinator the fixture's own schema (first on the connection's search path).
    private static string SchemaOf(QueryFactory db) => new Npgsql.NpgsqlConnectionStringBuilder(db.Connection.ConnectionString).SearchPath ?? "public";
}
