using TenantDapper.Testing;

namespace TenantDapper.Tests.Unit.TestServer;

public sealed class PostgresBinariesTests
{
    private string root = string.Empty;

    [SetUp]
    public void CreateRoot() => root = Directory.CreateTempSubdirectory("tenantdapper-binaries-").FullName;

    [TearDown]
    public void DeleteRoot() => Directory.Delete(root, recursive: true);

    [Test]
    public void Newest_complete_version_under_the_versions_root_is_chosen()
    {
        var versions = Path.Combine(root, "versions");
        CreateBinaries(Path.Combine(versions, "9.6", "bin"));
        var fifteen = CreateBinaries(Path.Combine(versions, "15", "bin"));
        CreateBinaries(Path.Combine(versions, "14", "bin"));

        Assert.That(PostgresBinaries.Find(searchPath: null, versions), Is.EqualTo(new PostgresBinaries(fifteen)));
    }

    [Test]
    public void Version_without_the_server_program_is_passed_over()
    {
        var versions = Path.Combine(root, "versions");
        var fifteen = CreateBinaries(Path.Combine(versions, "15", "bin"));
        var sixteen = CreateBinaries(Path.Combine(versions, "16", "bin"));
        File.Delete(Path.Combine(sixteen, "postgres"));

        Assert.That(PostgresBinaries.Find(searchPath: null, versions), Is.EqualTo(new PostgresBinaries(fifteen)));
    }

    [Test]
    public void Binaries_on_path_win_over_the_versions_root()
    {
        var onPath = CreateBinaries(Path.Combine(root, "on-path"));
        CreateBinaries(Path.Combine(root, "versions", "17", "bin"));
        var searchPath = string.Join(Path.PathSeparator, Path.Combine(root, "empty"), onPath);

        Assert.That(PostgresBinaries.Find(searchPath, Path.Combine(root, "versions")), Is.EqualTo(new PostgresBinaries(onPath)));
    }

    [Test]
    public void Initdb_linked_from_path_leads_to_the_directory_holding_the_server()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("Links to initdb on PATH are a Unix packaging habit.");
        }

        var real = CreateBinaries(Path.Combine(root, "lib", "bin"));
        var linkDirectory = Directory.CreateDirectory(Path.Combine(root, "local-bin")).FullName;
        File.CreateSymbolicLink(Path.Combine(linkDirectory, "initdb"), Path.Combine(real, "initdb"));

        Assert.That(PostgresBinaries.Find(linkDirectory, Path.Combine(root, "versions")), Is.EqualTo(new PostgresBinaries(real)));
    }

    [Test]
    public void Nothing_found_gives_null()
    {
        Assert.That(PostgresBinaries.Find(Path.Combine(root, "empty"), Path.Combine(root, "versions")), Is.Null);
    }

    private static string CreateBinaries(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
        {
            File.WriteAllText(Path.Combine(directory, OperatingSystem.IsWindows() ? program + ".exe" : program), string.Empty);
        }

        return directory;
    }
}
