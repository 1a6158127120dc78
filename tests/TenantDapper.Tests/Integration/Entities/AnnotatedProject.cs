using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using TenantDapper;

// Outside the TenantDapper namespace and with both imports, as an application annotates its entities: this file
// compiling (no CS0104 on [Key] or [Column]) is half of the test in DataAnnotationsBesideTenantDapperTests; its rows are the other half.
namespace AnnotatedApplication;

/// <summary>A row of <c>projects</c> under names of its own, mapped by DataAnnotations only.</summary>
[Table("projects")]
public sealed class AnnotatedProject
{
    [Column("account_id")]
    public long AccountId { get; set; }

    [Key]
    [Column("id")]
    [DatabaseGenerated(DatabaseGeneratedOption.Identity)]
    public long Number { get; set; }

    [Column("name")]
    public string Title { get; set; } = "";

    [NotMapped]
    public string Note { get; set; } = "";
}

/// <summary>A builder query written in the same file, so that it needs <c>using TenantDapper;</c>.</summary>
internal static class AnnotatedQueries
{
    /// <summary>The <c>projects</c> table.</summary>
    public static Query Projects() => new("projects");
}
