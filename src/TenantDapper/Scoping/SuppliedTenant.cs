using TenantDapper.Syntax;

namespace TenantDapper.Scoping;

/// <summary>
/// A value SQL text supplies for a tenant column (an INSERT's column, a SET) whose value is not in the tree: a
/// parameter the caller binds, or a constant. The rewriter writes <c>@tenant</c> in its place, so the scoped text serves
/// every tenant, and the value is checked against the tenant for each execution (<see cref="SuppliedTenantCheck"/>).
/// </summary>
/// <param name="Table">The tenant table written to.</param>
/// <param name="Column">Its tenant column.</param>
/// <param name="Value">A <see cref="ParameterReferenceExpression"/> or a <see cref="LiteralExpression"/>.</param>
internal sealed record SuppliedTenant(TableName Table, string Column, SqlExpression Value);
