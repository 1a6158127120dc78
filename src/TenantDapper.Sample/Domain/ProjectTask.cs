using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Sample.Domain;

/// <summary>A task of a project (table <c>tasks</c>), opened or closed, possibly a sub-task of another.</summary>
[Table("tasks")]
public sealed class ProjectTask
{
    /// <summary>The account; filled in from the signed-in user's account.</summary>
    public long AccountId { get; set; }

    /// <summary>The task's id.</summary>
    public long Id { get; set; }

    /// <summary>The project the task belongs to.</summary>
    public long ProjectId { get; set; }

    /// <summary>The task this one is a sub-task of, if any.</summary>
    public long? ParentId { get; set; }

    /// <summary>What is to be done.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>opened</c> or <c>closed</c>.</summary>
    public string Status { get; set; } = "opened";
}
