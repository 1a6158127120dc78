using System.Globalization;

namespace TenantDapper.Testing;

/// <summary>A directory holding the PostgreSQL server programs a throwaway server needs.</summary>
internal sealed record PostgresBinaries(string Directory)
{
    /// <summary>Where Debian and Ubuntu install each major version: <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>.</summary>
    internal const string DebianVersionsRoot = "/usr/lib/postgresql";

    public string InitDb => Program("initdb");

    public string PgCtl => Program("pg_ctl");

    /// <summary>The first complete set on <c>PATH</c>, else the newest under <see cref="DebianVersionsRoot"/>.</summary>
    public static PostgresBinaries? Find() => Find(Environment.GetEnvironmentVariable("PATH"), DebianVersionsRoot);

    internal static PostgresBinaries? Find(string? searchPath, string versionsRoot)
    {
        foreach (var directory in (searchPath ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var initDb = Path.Combine(directory, ProgramFileName("initdb"));
            if (!File.Exists(initDb))
            {
                continue;
            }

            // /usr/local/bin/initdb is often a link into the version's bin directory, where postgres and pg_ctl live.
            var target = File.ResolveLinkTarget(initDb, returnFinalTarget: true)?.FullName ?? initDb;
            var candidate = new PostgresBinaries(Path.GetDirectoryName(target)!);
            if (candidate.IsComplete())
            {
                return candidate;
            }
        }

        if (!System.IO.Directory.Exists(versionsRoot))
        {
            return null;
        }

        return System.IO.Directory.GetDirectories(versionsRoot)
            .Select(versionDirectory => (Version: ParseVersion(Path.GetFileName(versionDirectory)), Binaries: new PostgresBinaries(Path.Combine(versionDirectory, "bin"))))
            .Where(candidate => candidate.Version is not null && candidate.Binaries.IsComplete())
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Binaries)
            .FirstOrDefault();
    }

    private bool IsComplete() =>
        File.Exists(InitDb) && File.Exists(PgCtl) && File.Exists(Program("postgres"));

    private string Program(string name) => Path.Combine(Directory, ProgramFileName(name));

    private static string ProgramFileName(string name) => OperatingSystem.IsWindows() ? name + ".exe" : name;

    private static decimal? ParseVersion(string name) =>
        decimal.TryParse(name, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) ? version : null;
}
