using TenantDapper.Testing;

namespace TenantDapper.Tests.Unit.TestServer;

/// <summary>Directories of runs whose process died are removed by the next start; those of live runs are kept.</summary>
public sealed class StaleRunTests
{
    private static readonly PostgresBinaries NoBinaries = new(Path.Combine(Path.GetTempPath(), "tenantdapper-no-binaries"));

    private string runsDirectory = string.Empty;
    private string runDirectory = string.Empty;

    [SetUp]
    public void CreateRunDirectory()
    {
        runsDirectory = Directory.CreateTempSubdirectory("tenantdapper-runs-").FullName;
        runDirectory = Path.Combine(runsDirectory, "run-1-0123abcd");
        Directory.CreateDirectory(Path.Combine(runDirectory, "data"));
        File.WriteAllText(Path.Combine(runDirectory, "data", "PG_VERSION"), "15");
    }

    [TearDown]
    public void DeleteRunsDirectory() => Directory.Delete(runsDirectory, recursive: true);

    [Test]
    public async Task Run_whose_lock_nobody_holds_is_removed()
    {
        File.WriteAllText(runDirectory + ".lock", string.Empty);

        await ThrowawayServer.RemoveStaleRunsAsync(runsDirectory, NoBinaries, asServiceAccount: false);

        Assert.That(Directory.Exists(runDirectory), Is.False);
        Assert.That(File.Exists(runDirectory + ".lock"), Is.False);
    }

    [Test]
    public async Task Dead_run_is_removed_even_when_pg_ctl_cannot_be_run()
    {
        File.WriteAllText(runDirectory + ".lock", string.Empty);
        File.WriteAllText(Path.Combine(runDirectory, "data", "postmaster.pid"), "999999");

        await ThrowawayServer.RemoveStaleRunsAsync(runsDirectory, NoBinaries, asServiceAccount: false);

        Assert.That(Directory.Exists(runDirectory), Is.False);
    }

    [Test]
    public async Task Run_whose_lock_is_held_is_kept()
    {
        await using var heldLock = new FileStream(runDirectory + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);

        await ThrowawayServer.RemoveStaleRunsAsync(runsDirectory, NoBinaries, asServiceAccount: false);

        Assert.That(Directory.Exists(runDirectory), Is.True);
        Assert.That(File.Exists(runDirectory + ".lock"), Is.True);
    }
}
