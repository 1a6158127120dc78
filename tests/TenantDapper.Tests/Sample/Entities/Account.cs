using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Tests.Sample.Entities;

/// <summary>A row of <c>accounts</c>, the tenant root: its id is the tenant key.</summary>
[Table("accounts")]
public sealed class Account
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string? CountryCode { get; set; }
}
