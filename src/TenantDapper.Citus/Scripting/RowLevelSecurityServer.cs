namespace TenantDapper.Citus;

/// <summary>The server a row-level security script of <see cref="RowLevelSecurityScripts"/> is written for.</summary>
public enum RowLevelSecurityServer
{
    /// <summary>
    /// Plain PostgreSQL: <c>set_tenants</c> calls <c>set_config</c>, and a policy reads the setting in a sub-select, an
    /// InitPlan evaluated once per statement.
    /// </summary>
    PostgreSql,

    /// <summary>
    /// A Citus coordinator (measured on Citus 13.2): <c>set_tenants</c> runs <c>SET LOCAL</c> statements of its own with
    /// <c>citus.propagate_set_commands = 'local'</c>, the only form of the setting Citus sends to the workers (inside
    /// the explicit transaction block a <see cref="TenantDataSource"/> opens on Citus), and a policy reads the setting
    /// without a sub-select, which Citus refuses in a policy of a distributed table.
    /// </summary>
    Citus,
}
