using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>A project as an application maps it for <c>Entities&lt;T&gt;()</c>: the tenant column is filled from the model, the key is its id.</summary>
[Table("projects")]
internal sealed class ProjectEntity
{
    /// <summary>The tenant column.</summary>
    public long AccountId { get; set; }

    /// <summary>The key within the tenant.</summary>
    public long Id { get; set; }

    /// <summary>The project's name.</summary>
    public string Name { get; set; } = string.Empty;
}
