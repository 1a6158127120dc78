using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>A row of the tasks table as an application holds it before a bulk insert; its id is chosen by the benchmark, not generated.</summary>
[Table("tasks")]
internal sealed record TaskRow(long AccountId, [property: DatabaseGenerated(DatabaseGeneratedOption.None)] long Id, long ProjectId, string Title, bool Done);
