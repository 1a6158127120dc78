namespace TenantDapper.Benchmarks.Database;

/// <summary>
/// The shape of the benchmark data: <see cref="Tenants"/> accounts, each with projects and
/// <see cref="TasksPerTenant"/> tasks. Ids are unique across tenants, so a join that forgets the
/// tenant column returns the same rows as one that keeps it and the two can be timed against each other.
/// </summary>
internal sealed record TenantDataSet
{
    public TenantDataSet(int tenants, int tasksPerTenant)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tenants, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tasksPerTenant, 1);
        Tenants = tenants;
        TasksPerTenant = tasksPerTenant;
    }

    /// <summary>Accounts, with ids 1 to <see cref="Tenants"/>.</summary>
    public int Tenants { get; }

    /// <summary>Tasks of each account.</summary>
    public int TasksPerTenant { get; }

    /// <summary>Projects of each account: one for every twenty tasks.</summary>
    public int ProjectsPerTenant => Math.Max(1, TasksPerTenant / 20);

    /// <summary>The first task id no loaded task uses; bulk inserts count up from here.</summary>
    public long FirstFreeTaskId => ((long)Tenants * TasksPerTenant) + 1;

    /// <summary>The id of a tenant's project (tenant from 1, project index from 0).</summary>
    public long ProjectId(long tenant, int projectIndex) => ((tenant - 1) * ProjectsPerTenant) + projectIndex + 1;

    /// <summary>The id of a tenant's task (tenant from 1, task index from 0).</summary>
    public long TaskId(long tenant, int taskIndex) => ((tenant - 1) * TasksPerTenant) + taskIndex + 1;
}
