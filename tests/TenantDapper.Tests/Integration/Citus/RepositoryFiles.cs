namespace TenantDapper.Tests.Integration.Citus;

/// <summary>Files of the repository the tests run from (found by walking up to TenantDapper.sln).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TenantDapper.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No TenantDapper.sln above {AppContext.BaseDirectory}: run the tests from a checkout of the repository.");
    }
}
