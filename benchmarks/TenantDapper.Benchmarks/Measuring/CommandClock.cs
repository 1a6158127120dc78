using System.Diagnostics;
using System.Globalization;

namespace TenantDapper.Benchmarks.Measuring;

/// <summary>
/// When the command a reader typed started: the <c>dotnet run</c> process that built and launched the console
/// when there is one (so the build is counted), else the console's own process; never only the measuring.
/// </summary>
internal static class CommandClock
{
    /// <summary>The start of the command and what it is the start of.</summary>
    public static (DateTimeOffset StartedAt, string Since) Start()
    {
        using var self = Process.GetCurrentProcess();
        return ParentDotnet() is { } parent
            ? (parent, "dotnet run started: build, server start and data load included")
            : (new DateTimeOffset(self.StartTime.ToUniversalTime(), TimeSpan.Zero), "the console started: server start and data load included, a build before it not");
    }

    // The parent's id is the fourth field of /proc/self/stat (Linux); elsewhere there is none to read.
    private static DateTimeOffset? ParentDotnet()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            using var parent = Process.GetProcessById(int.Parse(fields[1], CultureInfo.InvariantCulture));
            return parent.ProcessName == "dotnet" ? new DateTimeOffset(parent.StartTime.ToUniversalTime(), TimeSpan.Zero) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or FormatException or IndexOutOfRangeException or NotSupportedException)
        {
            return null;
        }
    }
}
