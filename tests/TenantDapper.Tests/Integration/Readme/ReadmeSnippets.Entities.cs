#region README
using System.ComponentModel.DataAnnotations;          // [Key]
using System.ComponentModel.DataAnnotations.Schema;   // [Table], [Column]
using Npgsql;
using TenantDapper;
#endregion

namespace TenantDapper.Tests.Integration.Readme.Entities;

#region README
[Table("projects")]                          // or the naming convention (snake_case by default)
public sealed class Project
{
    public long AccountId { get; set; }      // the tenant column, from the model: filled for you
    public long Id { get; set; }             // identity key, read back by Insert
    public string Name { get; set; } = "";
}

[Table("project_managers")]                  // the through table of a many-to-many link
public sealed class ProjectManager
{
    public long AccountId { get; set; }      // filled with the current tenant
    [Key] public long ProjectId { get; set; } // project_id points at projects.id (or say [LinkTarget("projects")])
    [Key] public long ManagerId { get; set; } // manager_id points at managers.id
}

[Table("tasks")]
public sealed class ProjectTask
{
    public long Id { get; set; }             // identity: left to the database by BulkInsert
    public long ProjectId { get; set; }
    public string Title { get; set; } = "";
}
#endregion

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
