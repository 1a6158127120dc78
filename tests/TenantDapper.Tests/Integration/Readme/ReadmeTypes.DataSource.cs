// Outside the TenantDapper namespace, as in an application.
namespace ReadmeSnippets.DataSource;

#region README
public sealed record TaskRow(long Id, string Title);

public sealed record NewTask(long ProjectId, string Title);
#endregion
