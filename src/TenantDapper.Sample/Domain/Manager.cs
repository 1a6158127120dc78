using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Sample.Domain;

/// <summary>A manager of an account's projects.</summary>
[Table("managers")]
public sealed class Manager
{
    /// <summary>The account; filled in from the signed-in user's account.</summary>
    public long AccountId { get; set; }

    /// <summary>The manager's id.</summary>
    public long Id { get; set; }

    /// <summary>The manager's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The manager's e-mail address.</summary>
    public string Email { get; set; } = "";
}
