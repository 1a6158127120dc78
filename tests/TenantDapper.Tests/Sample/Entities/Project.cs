using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Tests.Sample.Entities;

/// <summary>A row of <c>projects</c>, keyed by (account_id, id) with an identity id.</summary>
[Table("projects")]
public sealed class Project
{
    public long AccountId { get; set; }

    public long Id { get; set; }

    public string Name { get; set; } = "";

    public long? ManagerId { get; set; }

    public decimal? Budget { get; set; }
}
