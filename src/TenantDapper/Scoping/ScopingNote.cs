namespace TenantDapper.Scoping;

/// <summary>
/// One thing the rewriter did (or deliberately did not do) for one table occurrence, for the explain account:
/// e.g. table <c>tasks</c>, alias <c>t</c>, <c>account_id = @tenant</c>, placed in <c>LEFT JOIN ON</c>.
/// </summary>
/// <param name="Block">Which SELECT block or statement the occurrence belongs to (numbered as met), so that the account keeps occurrences apart.</param>
/// <param name="Table">The table (or CTE) as written.</param>
/// <param name="Alias">Its alias, if any.</param>
/// <param name="Action">The predicate or change, e.g. <c>account_id = @tenant</c>.</param>
/// <param name="Placement">Where it went, e.g. <c>WHERE</c>; <see langword="null"/> when the action needs no place.</param>
internal readonly record struct ScopingNote(int Block, string Table, string? Alias, string Action, string? Placement);
