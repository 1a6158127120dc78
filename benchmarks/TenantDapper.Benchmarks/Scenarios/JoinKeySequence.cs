using TenantDapper.Benchmarks.Database;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// A repeatable walk over the data set's tenants and projects, so consecutive operations do not
/// hit the same cached rows, and two contenders each walking their own copy ask the same questions.
/// </summary>
internal sealed class JoinKeySequence(TenantDataSet dataSet)
{
    private long _step;

    /// <summary>The next tenant and project to query.</summary>
    public JoinKey Next()
    {
        var step = _step++;
        var tenant = (step * 7919 % dataSet.Tenants) + 1;
        var project = (int)(step * 31 % dataSet.ProjectsPerTenant);
        return new JoinKey(tenant, dataSet.ProjectId(tenant, project));
    }
}
