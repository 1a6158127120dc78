using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Tests.Sample.Entities;

/// <summary>A row of <c>managers</c>, keyed by (account_id, id) with an identity id.</summary>
[Table("managers")]
public sealed class Manager
{
    public long AccountId { get; set; }

    public long Id { get; set; }

    public string Name { get; set; } = "";
}
