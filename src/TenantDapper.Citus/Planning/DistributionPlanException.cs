namespace TenantDapper.Citus;

/// <summary>A distribution plan has problems; no script was written and nothing was run.</summary>
public sealed class DistributionPlanException : TenantDapperException
{
    /// <summary>Creates the exception for the problems of a plan.</summary>
    /// <param name="problems">The plan's problems.</param>
    public DistributionPlanException(IReadOnlyList<DistributionProblem> problems)
        : base("The distribution plan has problems to fix in the schema or the tenant model first:" + Environment.NewLine
            + string.Join(Environment.NewLine, (problems ?? []).Select(p => "  " + p)))
    {
        Problems = problems ?? [];
    }

    /// <summary>The plan's problems.</summary>
    public IReadOnlyList<DistributionProblem> Problems { get; }
}
