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

    /// <summary>
    /// Whether the data source prepares its statements on the server (the builder's and SQL texts, from the second time
    /// it sends the same scoped text), so that a repeated statement is neither parsed nor planned again: each distinct
    /// text is prepared once per physical connection, the first time costing one extra round trip. The tenant is a
    /// parameter, so one prepared statement serves every tenant. At most 256 distinct texts are prepared per data source
    /// (later ones run unprepared). Batches, bypassed statements and commands of the data source itself are not
    /// prepared, and nothing is when the connection string turns on Npgsql's own automatic preparation
    /// (<c>Max Auto Prepare</c>) or multiplexing. Turn it off behind a pooler that cannot keep prepared statements across
    /// the server connections it hands out: PgBouncer before 1.21 in transaction or statement pooling mode (1.21 and
    /// later keep them with <c>max_prepared_statements</c> above 0); the data source cannot tell that it talks to one.
    /// On by default.
    /// </summary>
    public bool PrepareStatements { get; init; } = true;
}
