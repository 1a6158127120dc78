using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Tests.Sample.Entities;

/// <summary>A row of <c>countries</c>, a reference table shared by every tenant.</summary>
[Table("countries")]
public sealed class Country
{
    [Key]
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
}
