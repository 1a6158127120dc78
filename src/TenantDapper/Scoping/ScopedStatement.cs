using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// The outcome of scoping one statement: the tree to compile (the caller's own instance when nothing
/// needed scoping), the tenant value captured for <c>@tenant</c>, and what the rewriter did.
/// What is sent is written from <see cref="DeferCheck"/> into a <see cref="PreparedSql"/>, whose one
/// <see cref="PreparedSql.Release"/> checks every tenant value the statement supplies (a constant, or a caller's parameter
/// in SQL text, replaced by <c>@tenant</c>) at each execution; <see cref="Release"/> checks the same values at once, for
/// what shows a scoped tree without sending it (<see cref="TenantScoping.Explain"/>, <see cref="SqlResult.RawSql"/>).
/// A struct, so that a statement needing no scoping costs no allocation.
/// </summary>
internal readonly struct ScopedStatement(SqlStatement statement, object? tenant, IReadOnlyList<ScopingNote>? notes, string? bypassReason, IReadOnlyList<SuppliedTenant>? supplied = null)
{
    private readonly SqlStatement _statement = statement;
    private readonly IReadOnlyList<SuppliedTenant>? _supplied = supplied;

    /// <summary>The value bound to <c>@tenant</c> (one tenant, or a typed array for several); <see langword="null"/> when no tenant table was scoped.</summary>
    public object? Tenant { get; } = tenant;

    /// <summary>What the rewriter did; empty when the statement needed no scoping.</summary>
    public IReadOnlyList<ScopingNote> Notes { get; } = notes ?? [];

    /// <summary>The reason of the bypass in force when the statement was scoped, if any: then nothing was scoped.</summary>
    public string? BypassReason { get; } = bypassReason;

    /// <summary>
    /// The scoped tree of a statement that binds no caller parameters (a builder statement, whose values are in the tree),
    /// after its supplied tenant constants were found equal to <see cref="Tenant"/>.
    /// </summary>
    /// <exception cref="TenantMismatchException">A supplied value is not the tenant, or is a caller parameter.</exception>
    public SqlStatement Release()
    {
        if (_supplied is { Count: > 0 })
        {
            SuppliedTenantCheck.Verify(_supplied, Tenant!, SuppliedTenantCheck.NoCallerParameters);
        }

        return _statement;
    }

    /// <summary>
    /// The scoped tree without the check, and the supplied values to check instead, for a statement whose written form
    /// is cached for every tenant: the caller keeps the values with the text (<see cref="PreparedSql"/>), which
    /// checks them at each execution.
    /// </summary>
    /// <param name="supplied">The tenant values the statement supplies.</param>
    public SqlStatement DeferCheck(out IReadOnlyList<SuppliedTenant> supplied)
    {
        supplied = _supplied ?? [];
        return _statement;
    }
}
