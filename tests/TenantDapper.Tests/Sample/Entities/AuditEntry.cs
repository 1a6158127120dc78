using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Tests.Sample.Entities;

/// <summary>A row of <c>audit_log</c>, a global table (never scoped) whose id is <c>GENERATED ALWAYS</c>.</summary>
[Table("audit_log")]
public sealed class AuditEntry
{
    [DatabaseGenerated(DatabaseGeneratedOption.Identity)]
    public long Id { get; set; }

    public string Message { get; set; } = "";
}
