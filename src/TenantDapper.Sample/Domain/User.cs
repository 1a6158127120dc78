using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Sample.Domain;

/// <summary>Someone who can sign in (reference data: not owned by an account).</summary>
[Table("users")]
public sealed class User
{
    /// <summary>The user's id.</summary>
    public long Id { get; set; }

    /// <summary>The name the user signs in with.</summary>
    public string UserName { get; set; } = "";

    /// <summary>The ASP.NET Core Identity password hash.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>Whether the user may run the cross-account admin endpoints.</summary>
    public bool IsAdmin { get; set; }
}
