// Outside the TenantDapper namespace, as in an application.
namespace ReadmeSnippets.Building;

#region README
public sealed record OpenTask(long Id, string Name, string Title);
#endregion
