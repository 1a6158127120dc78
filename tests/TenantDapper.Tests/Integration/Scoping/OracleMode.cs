namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>How an oracle fixture's shared database enforces tenancy besides the rewriter (a fixture argument).</summary>
public enum OracleMode
{
    /// <summary>The rewriter alone: scoped statements run as the tables' owner.</summary>
    Plain,

    /// <summary>
    /// Row-level security on as well: the shared database has it enabled and forced by the library's scripts, and the
    /// scoped statements go through a data source with <see cref="TenantDataSourceOptions.RowLevelSecurity"/>, connected
    /// as an application role without <c>BYPASSRLS</c>. The expected side (the copies) is computed as in <see cref="Plain"/>.
    /// </summary>
    RowLevelSecurity,
}
