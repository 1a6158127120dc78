using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Tests.Sample.Entities;

/// <summary>A row of <c>tasks</c> (named ProjectTask so it does not hide <see cref="System.Threading.Tasks.Task"/>).</summary>
[Table("tasks")]
public sealed class ProjectTask
{
    public long AccountId { get; set; }

    public long Id { get; set; }

    public long ProjectId { get; set; }

    public string Title { get; set; } = "";

    public bool Done { get; set; }

    public int? Estimate { get; set; }
}
