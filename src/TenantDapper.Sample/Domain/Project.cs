using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Sample.Domain;

/// <summary>A project of an account; its managers are linked through <see cref="ProjectManager"/>.</summary>
[Table("projects")]
public sealed class Project
{
    /// <summary>The account; filled in from the signed-in user's account.</summary>
    public long AccountId { get; set; }

    /// <summary>The project's id.</summary>
    public long Id { get; set; }

    /// <summary>The project's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the project is about.</summary>
    public string Description { get; set; } = "";
}
