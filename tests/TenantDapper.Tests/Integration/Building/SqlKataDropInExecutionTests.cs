using Dapper;
using TenantDapper.Mapping;
using IgnoreAttribute = TenantDapper.Mapping.IgnoreAttribute; // not NUnit's

namespace TenantDapper.Tests.Integration.Building;

/// <summary>
/// The SqlKata methods added for drop-in use, run on the server: the rows, not only the text. As in
/// <see cref="SelectExecutionTests"/>, each join and correlated sub-query pairs the tenant columns, as a query over
/// distributed tables must for Citus (a co-located join); on plain PostgreSQL it returns the same rows.
/// </summary>
public class SqlKataDropInExecutionTests : SampleDataFixture
{
    private static readonly object?[][] Events =
    [
        [1L, new DateTime(2024, 5, 1, 10, 0, 0)],
        [2L, new DateTime(2024, 5, 1, 18, 30, 0)],
        [3L, new DateTime(2023, 12, 31, 23, 0, 0)],
        [4L, null],
    ];

    [SetUp]
    public Task ResetRowsAsync() => ExecuteAsync(ResetSql);

    private static IEnumerable<TestCaseData> Features()
    {
        TestCaseData Case(string name, Func<QueryFactory, Query> build, params long[] ids) => new TestCaseData(build, ids).SetName(name);
        Query EventsOf(QueryFactory db) => db.Query("ev").With("ev", ["id", "at"], Events).Select("id");

        yield return Case("WhereDate_string", db => EventsOf(db).WhereDate("at", "2024-05-01"), 1, 2);
        yield return Case("WhereDate_DateTime_compares_the_day", db => EventsOf(db).WhereDate("at", new DateTime(2024, 5, 1, 23, 59, 0)), 1, 2);
        yield return Case("WhereDate_DateOnly_with_operator", db => EventsOf(db).WhereDate("at", "<", new DateOnly(2024, 1, 1)), 3);
        yield return Case("WhereNotDate", db => EventsOf(db).WhereNotDate("at", "2024-05-01"), 3);
        yield return Case("OrWhereDate", db => EventsOf(db).Where("id", 1).OrWhereDate("at", "2023-12-31"), 1, 3);
        yield return Case("WhereTime", db => EventsOf(db).WhereTime("at", ">", "12:00"), 2, 3);
        yield return Case("WhereTime_TimeOnly", db => EventsOf(db).WhereTime("at", new TimeOnly(10, 0)), 1);
        yield return Case("OrWhereNotTime", db => EventsOf(db).WhereNull("at").OrWhereNotTime("at", ">=", "12:00"), 1, 4);
        yield return Case("WhereDatePart_year", db => EventsOf(db).WhereDatePart("year", "at", 2023), 3);
        yield return Case("WhereDatePart_hour_with_operator", db => EventsOf(db).WhereDatePart("hour", "at", ">", 12), 2, 3);
        yield return Case("WhereNotDatePart", db => EventsOf(db).WhereNotDatePart("month", "at", 5), 3);
        yield return Case("OrWhereDatePart", db => EventsOf(db).Where("id", 4).OrWhereDatePart("day", "at", 31), 3, 4);
        yield return Case("HavingDatePart", db => db.Query("ev").With("ev", ["id", "at"], Events).SelectRaw("min([id])").GroupBy("at").HavingDatePart("minute", "at", 30), 2);
        yield return Case("With_rows_mixed_types_and_null", db => db.Query("v").With("v", ["id", "name"], [[1, "a"], [2L, null], [3, "c"]]).Select("id").WhereNotNull("name"), 1, 3);
        yield return Case("With_rows_joined_to_a_table", db => db.Query("projects as p").With("wanted", ["pid"], [[2L], [4L]]).Join("wanted as w", "w.pid", "p.id").Select("p.id"), 2, 4);
        yield return Case("WhereSub_correlated_count", db => db.Query("projects as p").Select("p.id").WhereSub(new Query("tasks as t").WhereColumns("t.project_id", "=", "p.id").WhereColumns("t.account_id", "=", "p.account_id").AsCount(), ">=", 2), 1);
        yield return Case("OrWhereSub", db => db.Query("projects as p").Select("p.id").Where("p.id", 3).OrWhereSub(new Query("tasks as t").WhereColumns("t.project_id", "=", "p.id").WhereColumns("t.account_id", "=", "p.account_id").AsMax("t.estimate"), 2), 3, 4);
        yield return Case("Or_flag", db => db.Query("projects").Select("id").Where("id", 1).Or().Where("id", 2), 1, 2);
        yield return Case("Not_flag", db => db.Query("projects").Select("id").Not().Where("name", "Apollo"), 2, 3);
        yield return Case("Or_Not_flags_on_a_group", db => db.Query("projects").Select("id").Where("id", 1).Or().Not().Where(q => q.Where("account_id", 1)), 1, 4);
        yield return Case("Having_callback_with_Having_methods", db => db.Query("projects").Select("account_id").GroupBy("account_id").Having(q => q.Having("account_id", 2).OrHavingIn("account_id", new[] { 3L })), 2);
        yield return Case("HavingNot_callback", db => db.Query("projects").Select("account_id").GroupBy("account_id").HavingNot(q => q.HavingRaw("count(*) > ?", 1)), 2);
        yield return Case("Empty_groups_are_ignored", db => db.Query("projects").Select("id").Where(q => q).OrWhere(q => q).Where(_ => new Query()).Where("account_id", 2), 4);
        yield return Case("Empty_group_in_a_join_is_ignored", db => db.Query("projects as p").Select("p.id").Join("managers as m", j => j.On("m.id", "p.manager_id").On("m.account_id", "p.account_id").Where(g => g)), 1, 2, 4);
        yield return Case("Negative_limit_and_offset_are_ignored", db => db.Query("projects").Select("id").Limit(-1).Offset(-100), 1, 2, 3, 4);
        yield return Case("ForPage_zero_is_the_first_page", db => db.Query("projects").Select("id").OrderBy("id").ForPage(0, 2), 1, 2);
    }

    [TestCaseSource(nameof(Features))]
    public void Query_returns_the_expected_rows(Func<QueryFactory, Query> build, long[] expected)
    {
        using var db = Db();
        var query = build(db);
        var rows = query.Get<long>().ToArray();
        Assert.That(rows, query.Orders.Count > 0 ? Is.EqualTo(expected) : Is.EquivalentTo(expected));
    }

    [Test]
    public void SelectAggregate_with_filters_sums_each_filtered_set_in_one_row()
    {
        using var db = Db();
        var row = db.Query("projects")
            .SelectSum("budget as first", q => q.Where("account_id", 1))
            .SelectSum("budget as second", q => q.Where("account_id", 2))
            .SelectCount("* as with_tasks", q => q.WhereExists(new Query("tasks as t").WhereColumns("t.project_id", "=", "projects.id").WhereColumns("t.account_id", "=", "projects.account_id")))
            .SelectMax("budget as top")
            .First<(decimal First, decimal Second, long WithTasks, decimal Top)>();
        Assert.That(row, Is.EqualTo((350.00m, 75.50m, 3L, 250.00m)));
    }

    [Test]
    public void SelectAggregate_with_group_by_counts_per_group()
    {
        using var db = Db();
        var rows = db.Query("tasks").Select("account_id").SelectCount("id as open", q => q.WhereFalse("done")).GroupBy("account_id").OrderBy("account_id")
            .Get<(long Account, long Open)>();
        Assert.That(rows, Is.EqualTo(new[] { (1L, 2L), (2L, 0L) }));
    }

    [Test]
    public void ToString_text_returns_the_same_rows_as_the_parameterized_statement()
    {
        using var db = Db();
        var query = db.Query("v").With("v", ["id", "name"], [[1, "O'Brien"], [2, "a\\b"], [3, "x"]])
            .Select("id").WhereIn("name", new[] { "O'Brien", "a\\b" }).Where("id", "<", 10);
        var inlined = db.Compile(query).ToString();
        Assert.That(inlined, Does.Not.Contain("@p"));
        Assert.That(db.Connection.Query<long>(inlined), Is.EquivalentTo(query.Get<long>()).And.EquivalentTo(new[] { 1L, 2L }));
    }

    [Test]
    public void Insert_object_uses_Column_names_and_leaves_out_Ignore()
    {
        using var db = Db();
        Assert.That(db.Query("countries").Insert(new CountryRow { Code = "BE", Name = "Belgium", Note = "not a column" }), Is.EqualTo(1));
        Assert.That(db.Query("countries").Select("name").Where("code", "BE").First<string>(), Is.EqualTo("Belgium"));
    }

    [Test]
    public void Update_object_changes_only_the_row_of_its_Key()
    {
        using var db = Db();
        Assert.That(db.Query("countries").Update(new CountryRow { Code = "DE", Name = "Deutschland" }), Is.EqualTo(1));
        Assert.That(db.Query("countries").Select("name").OrderBy("code").Get<string>(), Is.EqualTo(new[] { "Deutschland", "France", "Netherlands" }));
    }

    [Test]
    public void Chunk_calls_back_with_each_page_and_its_number()
    {
        using var db = Db();
        var pages = new List<(int Page, long[] Ids)>();
        db.Query("projects").Select("id").OrderBy("id").Chunk<long>(3, (rows, page) => pages.Add((page, rows.ToArray())));
        Assert.That(pages.Select(p => p.Page), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(pages.SelectMany(p => p.Ids), Is.EqualTo(new[] { 1L, 2L, 3L, 4L }));
    }

    [Test]
    public void Chunk_of_an_exact_multiple_makes_no_empty_call()
    {
        using var db = Db();
        var sizes = new List<int>();
        db.Query("projects").Select("id").OrderBy("id").Chunk<long>(2, (rows, _) => sizes.Add(rows.Count()));
        Assert.That(sizes, Is.EqualTo(new[] { 2, 2 }));
    }

    [Test]
    public async Task ChunkAsync_stops_when_the_callback_returns_false()
    {
        using var db = Db();
        var seen = new List<long>();
        await db.Query("projects").Select("id").OrderBy("id").ChunkAsync<long>(1, (rows, page) =>
        {
            seen.AddRange(rows);
            return page < 2;
        });
        Assert.That(seen, Is.EqualTo(new[] { 1L, 2L }));
    }

    [Test]
    public void Chunk_of_no_rows_calls_back_once_with_an_empty_page()
    {
        using var db = Db();
        var calls = new List<int>();
        db.Query("projects").Where("id", 0).Chunk(5, (IEnumerable<dynamic> rows, int page) => calls.Add(rows.Count()));
        Assert.That(calls, Is.EqualTo(new[] { 0 }));
    }

    [Test]
    public void Include_adds_the_related_row_to_each_dynamic_row()
    {
        using var db = Db();
        var tasks = db.Query("tasks").Select("id", "project_id").OrderBy("id")
            .Include("project", db.Query("projects").Select("id", "name"), foreignKey: "project_id", localKey: "id")
            .Get().ToList();
        Assert.That(tasks.Select(t => (string)t.project.name), Is.EqualTo(new[] { "Apollo", "Apollo", "Borealis", "Apollo" }));
        Assert.That(tasks.Select(t => (long)t.project.id), Is.EqualTo(tasks.Select(t => (long)t.project_id)));
    }

    [Test]
    public async Task IncludeMany_adds_the_list_of_related_rows()
    {
        using var db = Db();
        var projects = (await db.Query("projects").Select("id").OrderBy("id")
            .IncludeMany("tasks", db.Query("tasks").Select("id", "project_id"), foreignKey: "project_id", localKey: "id")
            .GetAsync()).ToList();
        var taskIds = projects.Select(p => ((IEnumerable<IDictionary<string, object?>>)p.tasks).Select(t => (long)t["id"]!).OrderBy(i => i).ToArray()).ToArray();
        Assert.That(taskIds, Is.EqualTo(new[] { new[] { 1L, 2L }, new[] { 3L }, Array.Empty<long>(), new[] { 4L } }));
    }

    [Test]
    public void Include_without_a_related_row_is_null_and_typed_rows_ignore_includes()
    {
        using var db = Db();
        var query = db.Query("projects").Select("id", "manager_id").OrderBy("id").Include("manager", db.Query("managers").Select("id", "name"), "manager_id", "id");
        var rows = query.Get().ToList();
        Assert.That(rows.Select(r => (object?)r.manager is null), Is.EqualTo(new[] { false, false, true, false }));
        Assert.That(query.Get<(long, long?)>().Count(), Is.EqualTo(4));
    }

    [Test]
    public void IncludeMany_without_a_foreign_key_is_refused_instead_of_guessed() =>
        Assert.That(() => new Query("projects").IncludeMany("tasks", new Query("tasks")), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("foreign key"));

    private sealed class CountryRow
    {
        [Key("code")]
        public string Code { get; set; } = "";

        [Column("name")]
        public string Name { get; set; } = "";

        [Ignore]
        public string Note { get; set; } = "";
    }
}
