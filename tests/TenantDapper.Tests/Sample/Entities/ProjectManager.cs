using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Tests.Sample.Entities;

/// <summary>A row of the through table <c>project_managers</c>, keyed by (account_id, project_id, manager_id).</summary>
[Table("project_managers")]
public sealed class ProjectManager
{
    public long AccountId { get; set; }

    [Key]
    public long ProjectId { get; set; }

    [Key]
    public long ManagerId { get; set; }
}
