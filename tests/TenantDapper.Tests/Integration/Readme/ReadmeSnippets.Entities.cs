using ReadmeSnippets.Entities;

namespace TenantDapper.Tests.Integration.Readme.Entities;

/// <summary>README, "Entities, links and bulk COPY", with the model of its scoping section.</summary>
public sealed class EntitySnippets : ReadmeFixture
{
    [Test]
    public async Task Entities_links_and_bulk_copy_run_as_the_readme_shows_and_leave_the_other_tenant_alone()
    {
        await using var connection = await OpenConnectionAsync();
        var model = Model;
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = model };
        var inserted = 0L;
        db.Logger = sql => inserted += sql.Sql.StartsWith("INSERT INTO \"project_managers\"", StringComparison.Ordinal) ? 1 : 0;
        #region README
        using (CurrentTenant.Use(42L))
        {
            var projects = db.Entities<Project>();
            var project = projects.Insert(new Project { Name = "Apollo" });   // account_id = 42 filled in, Id read back
            var p = await projects.GetAsync([project.Id]);     // key without the tenant column
            p!.Name = "Renamed";
            projects.Update(p);                       // never changes account_id; WHERE includes it
            var links = db.Links<ProjectManager>();
            links.Add(new ProjectManager { ProjectId = project.Id, ManagerId = 7 });  // both rows must be tenant 42's
            var managers = links.List(l => l.ProjectId, project.Id);                  // the project's links
            var tasks = Enumerable.Range(1, 1_000).Select(i => new ProjectTask { ProjectId = project.Id, Title = $"task {i}" });
            connection.BulkInsert(model, tasks);      // binary COPY, one tenant, all rows or none
            links.Remove(managers[0]);
            db.Query("tasks").Where("project_id", p.Id).Delete();   // scoped like every builder statement
            projects.Delete(p);                       // WHERE account_id = @tenant AND id = @p1
        }
        #endregion

        Assert.That(inserted, Is.EqualTo(1));
        Assert.That(await RowsAsync("SELECT account_id || ':' || id || ':' || name FROM projects ORDER BY account_id, id"), Is.EqualTo(new[] { "42:7:Apollo", "42:8:Borealis", "43:7:Zeus", "43:8:Hera" }));
        Assert.That(await RowsAsync("SELECT account_id || ':' || count(*) FROM tasks GROUP BY account_id ORDER BY account_id"), Is.EqualTo(new[] { "42:3", "43:1" }));
        Assert.That(await RowsAsync("SELECT count(*) FROM project_managers"), Is.EqualTo(new[] { "0" }));
    }
}
