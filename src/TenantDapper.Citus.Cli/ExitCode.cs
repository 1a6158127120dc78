namespace TenantDapper.Citus.Cli;

/// <summary>What <c>tenantdapper-citus</c> exits with.</summary>
internal static class ExitCode
{
    public const int Success = 0;

    /// <summary>The plan has problems, or the verification found tables not distributed as planned.</summary>
    public const int Problems = 1;

    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;

    /// <summary>The database could not be reached or refused a query.</summary>
    public const int Database = 3;
}
