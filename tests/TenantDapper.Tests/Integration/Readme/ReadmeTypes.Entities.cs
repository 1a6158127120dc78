#region README
using System.ComponentModel.DataAnnotations;          // [Key]
using System.ComponentModel.DataAnnotations.Schema;   // [Table]
using Npgsql;
using TenantDapper;                                   // no clash: SqlKata's [Key] lives in TenantDapper.Mapping
#endregion

// Outside the TenantDapper namespace, as in an application, so that attribute names resolve as they do there.
namespace ReadmeSnippets.Entities;

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
