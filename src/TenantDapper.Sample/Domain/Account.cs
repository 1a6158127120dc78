using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Sample.Domain;

/// <summary>An account: the tenant. One user owns it; its id is the tenant key of every other row.</summary>
[Table("accounts")]
public sealed class Account
{
    /// <summary>The tenant key.</summary>
    public long Id { get; set; }

    /// <summary>The user who owns the account; not changed by an update.</summary>
    public long UserId { get; set; }

    /// <summary>The organisation's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The organisation's domain, e.g. <c>anadolu.example</c>.</summary>
    public string Domain { get; set; } = "";

    /// <summary>The account's subdomain of the app.</summary>
    public string Subdomain { get; set; } = "";

    /// <summary>The country's code.</summary>
    public string CountryCode { get; set; } = "";
}
