using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Tests.Sample.Entities;

/// <summary>
/// A row of <c>comments</c>, a tenant table by <c>acc_id</c>. It has no property for the tenant column:
/// TenantDapper fills it from the current tenant.
/// </summary>
[Table("comments")]
public sealed class Comment
{
    public long Id { get; set; }

    public long TaskId { get; set; }

    public string Body { get; set; } = "";
}
