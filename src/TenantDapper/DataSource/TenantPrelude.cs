namespace TenantDapper.DataSource;

/// <summary>
/// What a statement carries in front of it to row-level security (<see cref="TenantSession"/>): the setting, and
/// whether the statement goes inside a transaction block of its own (<c>BEGIN</c> … <c>COMMIT</c>, in the same round
/// trip), which on Citus is the only way the setting reaches the workers.
/// </summary>
/// <param name="Setting">The value of <see cref="TenantSession.Setting"/>: a PostgreSQL array literal of the tenants, or empty.</param>
/// <param name="Block">Whether the prelude opens a transaction block that the statement's text commits, and a failure must roll back.</param>
/// <param name="OnCitus">Whether the server is a Citus coordinator, where the outer joins that crash it under row-level security are refused (<see cref="Scoping.TenantScoping"/>).</param>
internal readonly record struct TenantPrelude(string Setting, bool Block, bool OnCitus)
{
    /// <summary>
    /// Whether the prelude returns a row of its own (plain PostgreSQL's <c>SELECT set_config(...)</c>), which the reader
    /// and the scalar skip, so the caller reads its own statement's rows (<see cref="PreludeResults"/>).
    /// </summary>
    public bool ReturnsRow => !OnCitus;
}
