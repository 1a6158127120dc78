namespace TenantDapper.Sample.Domain;

/// <summary>A project and its number of open tasks, read with plain Dapper SQL through the scoping data source.</summary>
public sealed class ProjectOpenTasks
{
    /// <summary>The project.</summary>
    public long Id { get; set; }

    /// <summary>The project's account.</summary>
    public long AccountId { get; set; }

    /// <summary>The project's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>How many of its tasks are open.</summary>
    public long OpenTasks { get; set; }
}
