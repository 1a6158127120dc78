using TenantDapper.Scoping;

namespace TenantDapper.TextScoping;

/// <summary>
/// SQL text after scoping: what is sent instead of the caller's text. It depends on the caller's text, the model and
/// the tenant mode, never on the tenant's value, so one instance serves every tenant; the tenant is bound as the
/// parameter the text names (<c>@tenant</c>, or <c>$n</c> for positional commands) when <see cref="UsesTenant"/>.
/// </summary>
internal sealed class ScopedText(string sql, bool usesTenant, IReadOnlyList<SuppliedTenant>? supplied = null)
{
    /// <summary>The text to send.</summary>
    public string Sql { get; } = sql;

    /// <summary>Whether the text references the tenant parameter, which must then be bound.</summary>
    public bool UsesTenant { get; } = usesTenant;

    /// <summary>Tenant values the caller's text supplies (its parameters, its constants), to check against the tenant at each execution.</summary>
    public IReadOnlyList<SuppliedTenant> SuppliedTenants { get; } = supplied ?? [];
}
