using Dapper;

namespace TenantDapper.Tests.Integration.Building;

public class WriteExecutionTests : SampleDataFixture
{
    [SetUp]
    public Task ResetRowsAsync() => ExecuteAsync(ResetSql);

    [Test]
    public void Insert_object_adds_the_row()
    {
        using var db = Db();
        Assert.That(db.Query("countries").Insert(new { code = "BE", name = "Belgium" }), Is.EqualTo(1));
        Assert.That(db.Query("countries").Select("name").Where("code", "BE").First<string>(), Is.EqualTo("Belgium"));
    }

    [Test]
    public void InsertGetId_returns_the_new_id_from_returning()
    {
        using var db = Db();
        var logged = new List<string>();
        db.Logger = r => logged.Add(r.Sql);
        var id = db.Query("managers").InsertGetId<long>(new Dictionary<string, object?> { ["account_id"] = 1L, ["name"] = "Dee" });
        Assert.That(id, Is.EqualTo(101));
        Assert.That(logged.Single(), Does.EndWith("RETURNING \"id\"").And.Not.Contains("lastval"));
        Assert.That(db.Query("managers").Select("name").Where("id", id).First<string>(), Is.EqualTo("Dee"));
    }

    [Test]
    public void Insert_many_rows()
    {
        using var db = Db();
        var inserted = db.Query("countries").Insert(["code", "name"], new[] { new object?[] { "BE", "Belgium" }, new object?[] { "LU", "Luxembourg" } });
        Assert.That(inserted, Is.EqualTo(2));
        Assert.That(db.Query("countries").Count<long>(), Is.EqualTo(5));
    }

    [Test]
    public void Insert_from_a_query()
    {
        using var db = Db();
        var inserted = db.Query("audit_log").Insert(["message"], new Query("projects").SelectRaw("'project ' || [name]").Where("account_id", 1));
        Assert.That(inserted, Is.EqualTo(3));
        Assert.That(db.Query("audit_log").Select("message").OrderBy("id").Get<string>(), Is.EqualTo(new[] { "project Apollo", "project Borealis", "project cosmos" }));
    }

    [Test]
    public void Update_changes_only_the_selected_rows()
    {
        using var db = Db();
        Assert.That(db.Query("projects").Where("name", "Apollo").Update(new { budget = 1m }), Is.EqualTo(2));
        Assert.That(db.Query("projects").Select("id").Where("budget", 1m).Get<long>(), Is.EquivalentTo(new[] { 1L, 4L }));
        Assert.That(db.Query("projects").Select("budget").Where("id", 2).First<decimal>(), Is.EqualTo(250m));
    }

    [Test]
    public void Update_with_a_join_changes_the_rows_the_join_selects()
    {
        using var db = Db();
        var changed = db.Query("projects").Join("managers", j => j.On("managers.id", "projects.manager_id").On("managers.account_id", "projects.account_id"))
            .Where("managers.name", "Bob").Update(new Dictionary<string, object?> { ["budget"] = 0m });
        Assert.That(changed, Is.EqualTo(1));
        Assert.That(db.Query("projects").Select("id").Where("budget", 0m).Get<long>(), Is.EqualTo(new[] { 2L }));
    }

    [Test]
    public void Delete_with_a_join_deletes_the_rows_the_join_selects()
    {
        using var db = Db();
        var deleted = db.Query("tasks").Join("projects", j => j.On("projects.id", "tasks.project_id").On("projects.account_id", "tasks.account_id"))
            .Where("projects.name", "Apollo").Delete();
        Assert.That(deleted, Is.EqualTo(3));
        Assert.That(db.Query("tasks").Select("id").Get<long>(), Is.EqualTo(new[] { 3L }));
    }

    [Test]
    public void Delete_with_returning_reports_the_deleted_ids()
    {
        using var db = Db();
        var ids = db.Query("tasks").WhereTrue("done").AsDelete().Returning("id").Get<long>();
        Assert.That(ids, Is.EquivalentTo(new[] { 1L, 4L }));
        Assert.That(db.Query("tasks").Count<long>(), Is.EqualTo(2));
    }

    [Test]
    public void Increment_and_decrement()
    {
        using var db = Db();
        Assert.That(db.Query("tasks").Where("id", 1).Increment("estimate", 5), Is.EqualTo(1));
        Assert.That(db.Query("tasks").Where("id", 2).Decrement("estimate"), Is.EqualTo(1));
        Assert.That(db.Query("tasks").Select("estimate").WhereIn("id", new[] { 1, 2 }).OrderBy("id").Get<int>(), Is.EqualTo(new[] { 8, 7 }));
    }

    [Test]
    public void On_conflict_do_nothing_keeps_the_existing_row()
    {
        using var db = Db();
        var inserted = db.Execute(db.Query("countries").AsInsert(new { code = "NL", name = "Other" }).OnConflictDoNothing("code"));
        Assert.That(inserted, Is.EqualTo(0));
        Assert.That(db.Query("countries").Select("name").Where("code", "NL").First<string>(), Is.EqualTo("Netherlands"));
    }

    [Test]
    public void On_conflict_do_update_upserts()
    {
        using var db = Db();
        var query = db.Query("countries").AsInsert(["code", "name"], new[] { new object?[] { "NL", "Holland" }, new object?[] { "BE", "Belgium" } }).OnConflictDoUpdate(["code"]);
        Assert.That(db.Execute(query), Is.EqualTo(2));
        Assert.That(db.Query("countries").Select("name").WhereIn("code", new[] { "NL", "BE" }).OrderBy("code").Get<string>(), Is.EqualTo(new[] { "Belgium", "Holland" }));
    }

    [Test]
    public void Update_with_an_empty_list_condition_changes_nothing_and_with_not_in_changes_everything()
    {
        using var db = Db();
        Assert.That(db.Query("tasks").WhereIn("id", Array.Empty<long>()).Update(new { estimate = 1 }), Is.EqualTo(0));
        Assert.That(db.Query("tasks").WhereNotIn("title", Array.Empty<string>()).Update(new { estimate = 1 }), Is.EqualTo(4));
    }

    [Test]
    public async Task Async_writes()
    {
        using var db = Db();
        Assert.That(await db.Query("countries").InsertAsync(new { code = "BE", name = "Belgium" }), Is.EqualTo(1));
        Assert.That(await db.Query("managers").InsertGetIdAsync<long>(new { account_id = 2L, name = "Eve" }), Is.EqualTo(101));
        Assert.That(await db.Query("countries").Where("code", "BE").UpdateAsync(new { name = "België" }), Is.EqualTo(1));
        Assert.That(await db.Query("tasks").Where("id", 4).IncrementAsync("estimate"), Is.EqualTo(1));
        Assert.That(await db.Query("tasks").Where("id", 4).DecrementAsync("estimate", 2), Is.EqualTo(1));
        Assert.That(await db.Query("countries").Where("code", "BE").DeleteAsync(), Is.EqualTo(1));
        Assert.That(await db.Query("tasks").Select("estimate").Where("id", 4).FirstAsync<int>(), Is.EqualTo(1));
    }

    [Test]
    public void Writes_join_the_callers_transaction()
    {
        using var db = Db();
        using (var transaction = db.Connection.BeginTransaction())
        {
            db.Query("countries").Insert(new { code = "BE", name = "Belgium" }, transaction);
            Assert.That(db.Query("countries").Where("code", "BE").Exists(transaction), Is.True);
            transaction.Rollback();
        }

        Assert.That(db.Query("countries").Where("code", "BE").Exists(), Is.False);
    }

    [Test]
    public void Cancelled_token_stops_an_async_call()
    {
        using var db = Db();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.That(async () => await db.Query("countries").InsertAsync(new { code = "BE", name = "Belgium" }, cancellationToken: cancelled.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(db.Query("countries").Where("code", "BE").Exists(), Is.False);
    }

    [Test]
    public void InsertGetId_returns_the_returning_column_the_caller_chose()
    {
        using var db = Db();
        Assert.That(db.Query("countries").Returning("code").InsertGetId<string>(new { code = "BE", name = "Belgium" }), Is.EqualTo("BE"));
    }

    [Test]
    public void Refused_writes_send_nothing()
    {
        using var db = Db();
        var before = Snapshot(db);
        var sent = 0;
        db.Logger = _ => sent++;
        Assert.That(() => db.Query("countries").Insert(new { }), Throws.TypeOf<EmptyWriteException>());
        Assert.That(() => db.Query("countries").Update(new Dictionary<string, object?>()), Throws.TypeOf<EmptyWriteException>());
        Assert.That(() => db.Query("countries").Where("code", "=;", "NL").Delete(), Throws.TypeOf<InvalidOperatorException>());
        Assert.That(() => db.Query("countries").Where("code\"; DELETE FROM countries; --", "NL").Delete(), Throws.TypeOf<InvalidIdentifierException>());
        Assert.That(() => db.Query("countries").WhereRaw("code = ?").Delete(), Throws.TypeOf<RawBindingMismatchException>());
        Assert.That(() => db.Query("countries").WhereRaw("code = 'NL'", "extra").Delete(), Throws.TypeOf<RawBindingMismatchException>());
        Assert.That(() => db.Query("tasks").LeftJoin("projects", "projects.id", "tasks.project_id").Delete(), Throws.TypeOf<InvalidQueryException>());
        Assert.That(() => db.Query("countries").Where("code", "NL").Union(new Query("countries")).Delete(), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("Only a SELECT can be combined"));
        Assert.That(() => db.Query("countries").Where("code", "NL").CombineRaw("UNION SELECT * FROM countries").Update(new { name = "x" }), Throws.TypeOf<InvalidQueryException>());
        Assert.That(() => db.Query("countries").Except(new Query("countries").Where("code", "NL")).Insert(new { code = "ZZ", name = "Z" }), Throws.TypeOf<InvalidQueryException>());
        Assert.That(sent, Is.Zero);
        Assert.That(Snapshot(db), Is.EqualTo(before));
    }

    private static string Snapshot(QueryFactory db) =>
        string.Join("|", db.Connection.Query<string>(
            "SELECT string_agg(t::text, ',' ORDER BY t::text) FROM (SELECT row_to_json(c)::text AS t FROM countries c UNION ALL SELECT row_to_json(x)::text FROM tasks x) s"));
}
