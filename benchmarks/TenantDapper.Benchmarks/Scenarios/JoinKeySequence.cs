using TenantDapper.Benchmarks.Database;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// A repeatable walk over the data set's tenants and projects, so consecutive operations do not
/// hit the same cached rows. Contenders that must not share reads walk lanes of their own
/// (<paramref name="lane"/> of <paramref name="lanes"/>): every lane takes every <paramref name="lanes"/>-th
/// step of the same walk, so the keys are disjoint but alike, and no contender finds the pages
/// another one has just read in the cache (on a large table the first to ask would pay every cold read).
/// </summary>
internal sealed class JoinKeySequence(TenantDataSet dataSet, int lane = 0, int lanes = 1)
{
    private long _step;

    /// <summary>The next tenant and project to query.</summary>
    public JoinKey Next()
    {
        var step = (_step++ * lanes) + lane;
        var tenant = (step * 7919 % dataSet.Tenants) + 1;
        var project = (int)(step * 31 % dataSet.ProjectsPerTenant);
        return new JoinKey(tenant, dataSet.ProjectId(tenant, project));
    }
}
