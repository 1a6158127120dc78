using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Sample.Domain;

/// <summary>A country: reference data every account shares.</summary>
[Table("countries")]
public sealed class Country
{
    /// <summary>The ISO 3166 code, e.g. <c>TR</c>.</summary>
    [System.ComponentModel.DataAnnotations.Key]
    [DatabaseGenerated(DatabaseGeneratedOption.None)]
    public string Code { get; set; } = "";

    /// <summary>The country's name.</summary>
    public string Name { get; set; } = "";
}
