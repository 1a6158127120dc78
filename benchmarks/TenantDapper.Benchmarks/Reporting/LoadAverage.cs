using System.Globalization;

namespace TenantDapper.Benchmarks.Reporting;

/// <summary>The machine's 1-minute load average when the run started and when it ended (Linux's <c>/proc/loadavg</c>).</summary>
internal sealed record LoadAverage(double AtStart, double AtEnd)
{
    /// <summary>The larger of the two readings.</summary>
    public double Highest => Math.Max(AtStart, AtEnd);

    /// <summary>The 1-minute load average now, or null where the system does not publish it.</summary>
    public static double? ReadOneMinute()
    {
        try
        {
            return ParseOneMinute(File.ReadAllText("/proc/loadavg"));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The first figure of a <c>/proc/loadavg</c> line ("0.52 0.58 0.59 1/389 12345"), or null when it is not a number.</summary>
    public static double? ParseOneMinute(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var first = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
