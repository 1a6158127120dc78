using TenantDapper.Testing;

namespace TenantDapper.Tests.Unit.TestServer;

/// <summary>Directories of runs whose process died are removed by the next start; those of live runs are kept.</summary>
public sealed class StaleRunTests
{
    private static readonly PostgresBinaries NoBinaries = new(Path.Combine(Path.GetTempPath(), "tenantdapper-no-binaries"));

    private string runDirectory = string.Empty;

    [SetUp]
    public void CreateRunDirectory()
    {
        runDirectory = Path.Combine(ThrowawayServer.RunsDirectory, "run-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(runDirectory, "data"));
        File.WriteAllText(Path.Combine(runDirectory, "data", "PG_VERSION"), "15");
    }

    [TearDown]
    public void DeleteRunDirectory()
    {
        if (Directory.Exists(runDirectory))
        {
            Directory.Delete(runDirectory, recursive: true);
        }

        File.Delete(runDirectory + ".lock");
    }

    [Test]
    public async Task Run_whose_lock_nobody_holds_is_removed()
    {
        File.WriteAllText(runDirectory + ".lock", string.Empty);

        await ThrowawayServer.RemoveStaleRunsAsync(NoBinaries, asServiceAccount: false);

        Assert.That(Directory.Exists(runDirectory), Is.False);
        Assert.That(File.Exists(runDirectory + ".lock"), Is.False);
    }

    [Test]
    public async Task Run_whose_lock_is_held_is_kept()
    {
        await using var heldLock = new FileStream(runDirectory + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);

        await ThrowawayServer.RemoveStaleRunsAsync(NoBinaries, asServiceAccount: false);

        Assert.That(Directory.Exists(runDirectory), Is.True);
        Assert.That(File.Exists(runDirectory + ".lock"), Is.True);
    }
}
