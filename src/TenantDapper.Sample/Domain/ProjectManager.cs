using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Sample.Domain;

/// <summary>A manager of a project: the link between <see cref="Project"/> and <see cref="Manager"/>.</summary>
[Table("project_managers")]
public sealed class ProjectManager
{
    /// <summary>The account; filled in from the signed-in user's account.</summary>
    public long AccountId { get; set; }

    /// <summary>The project.</summary>
    [System.ComponentModel.DataAnnotations.Key]
    [System.ComponentModel.DataAnnotations.Schema.Column(Order = 1)]
    public long ProjectId { get; set; }

    /// <summary>The manager.</summary>
    [System.ComponentModel.DataAnnotations.Key]
    [System.ComponentModel.DataAnnotations.Schema.Column(Order = 2)]
    public long ManagerId { get; set; }
}
