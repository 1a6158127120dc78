using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// The outcome of scoping one statement: the tree to compile (the caller's own instance when nothing
/// needed scoping), the tenant value captured for <c>@tenant</c>, and what the rewriter did.
/// A struct, so that a statement needing no scoping costs no allocation.
/// </summary>
internal readonly struct ScopedStatement(SqlStatement statement, object? tenant, IReadOnlyList<ScopingNote>? notes, string? bypassReason, IReadOnlyList<SuppliedTenant>? supplied = null)
{
    public SqlStatement Statement { get; } = statement;

    /// <summary>The value bound to <c>@tenant</c> (one tenant, or a typed array for several); <see langword="null"/> when no tenant table was scoped.</summary>
    public object? Tenant { get; } = tenant;

    /// <summary>What the rewriter did; empty when the statement needed no scoping.</summary>
    public IReadOnlyList<ScopingNote> Notes { get; } = notes ?? [];

    /// <summary>The reason of the bypass in force when the statement was scoped, if any: then nothing was scoped.</summary>
    public string? BypassReason { get; } = bypassReason;

    /// <summary>Tenant values SQL text supplies (its parameters, its constants) that must equal the tenant at each execution.</summary>
    public IReadOnlyList<SuppliedTenant> SuppliedTenants { get; } = supplied ?? [];
}
