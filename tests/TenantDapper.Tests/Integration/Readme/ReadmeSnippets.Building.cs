#region README
using Npgsql;
using TenantDapper;
#endregion
using ReadmeSnippets.Building;
using ReadmeSnippets.Entities;

namespace TenantDapper.Tests.Integration.Readme.Building;

/// <summary>README, "Building and running queries": the builder without a tenant model, as SqlKata users know it.</summary>
public sealed class BuildingSnippets : ReadmeFixture
{
    [Test]
    public async Task Building_and_running_queries_runs_as_the_readme_shows()
    {
        var connectionString = ConnectionString;
        long[] taskIds = [1, 2, 3, 4];
        #region README
        var db = new QueryFactory(new NpgsqlConnection(connectionString), new PostgresCompiler());

        var open = db.Query("projects as p")
            .Join("tasks as t", j => j.On("t.project_id", "p.id").On("t.account_id", "p.account_id"))
            .Select("p.id", "p.name", "t.title")
            .Where("p.account_id", 42)
            .WhereIn("t.id", taskIds)          // one array parameter: = ANY(@p1), whatever the list's length
            .WhereFalse("t.done")
            .OrderBy("p.name")
            .Get<OpenTask>();

        var page  = db.Query("projects").OrderBy("id").Paginate<Project>(page: 2, perPage: 20);
        var id    = db.Query("managers").InsertGetId<long>(new { account_id = 42, name = "Ann" }); // RETURNING "id"
        var moved = db.Query("tasks").Where("project_id", 7).Update(new { project_id = 8 });
        #endregion
        db.Dispose();

        Assert.That(open, Is.EqualTo(new[] { new OpenTask(7, "Apollo", "design"), new OpenTask(8, "Borealis", "ship") }));
        Assert.That((page.Page, page.Count, page.List.Count()), Is.EqualTo((2, 4L, 0)));
        Assert.That(id, Is.EqualTo(101L));
        Assert.That(moved, Is.EqualTo(3), "without a tenant model the update is not scoped: both tenants' tasks of project 7 moved");
        Assert.That(await RowsAsync("SELECT account_id || ':' || id FROM tasks WHERE project_id = 8 ORDER BY id"), Is.EqualTo(new[] { "42:1", "42:2", "42:3", "43:4" }));
    }

    [Test]
    public void Variables_run_as_the_builder_guide_shows()
    {
        using var db = new QueryFactory(new NpgsqlConnection(ConnectionString), new PostgresCompiler());
        #region README
        var doneOrBorealis = db.Query("tasks as t")
            .Define("@account", 42L)
            .Select("t.id")
            .Where("t.account_id", Expressions.Variable("@account"))
            .Where(q => q.WhereTrue("t.done").OrWhereIn("t.project_id", new Query("projects")
                .Select("id").Where("account_id", Expressions.Variable("@account")).Where("name", "Borealis")))
            .OrderBy("t.id")
            .Get<long>();
        #endregion

        Assert.That(doneOrBorealis, Is.EqualTo(new[] { 2L, 3L }));
    }
}
