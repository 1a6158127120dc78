namespace TenantDapper;

/// <summary>How a <see cref="TenantDataSource"/> defends its tenants beyond scoping the statements it sends.</summary>
public sealed class TenantDataSourceOptions
{
    /// <summary>
    /// Whether every statement also carries its tenants to the server, for the row-level security policies the schema
    /// module writes (<c>tenantdapper-citus script rls</c>): each statement is preceded, in the same round trip and the
    /// same transaction, by <c>SELECT pg_catalog.set_config('tenantdapper.tenants', ..., true)</c> (its row is
    /// skipped before the caller reads), which sets <c>tenantdapper.tenants</c> transaction-locally. The policies then hold the line for code the rewriter cannot see (views, functions,
    /// operators, casts). Connect as a role without <c>BYPASSRLS</c>; run bypassed work through another data source whose
    /// role has it (on this one a bypassed statement carries no tenant, so the policies let it see and change nothing).
    /// Commands with positional parameters (<c>$1</c>) are refused on such a data source outside a batch. On a Citus
    /// coordinator (found once, when the first connection opens) a statement outside a transaction of the caller's
    /// goes inside a transaction block of its own, <c>BEGIN; CALL tenantdapper.set_tenants(...); statement; COMMIT</c> in the same round trip,
    /// the only way its setting reaches the workers; <c>BulkInsert</c> is refused there. Off by default.
    /// </summary>
    public bool RowLevelSecurity { get; init; }
}
