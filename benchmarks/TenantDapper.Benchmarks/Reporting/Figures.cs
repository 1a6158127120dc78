using System.Globalization;

namespace TenantDapper.Benchmarks.Reporting;

/// <summary>How numbers are written for people: short, with their unit, the same in the table and on the chart.</summary>
internal static class Figures
{
    /// <summary>A duration in nanoseconds as "812 ns", "41.3 µs", "4.12 ms" or "1.25 s".</summary>
    public static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => Format(nanoseconds, "ns"),
        < 1e6 => Format(nanoseconds / 1e3, "µs"),
        < 1e9 => Format(nanoseconds / 1e6, "ms"),
        _ => Format(nanoseconds / 1e9, "s"),
    };

    /// <summary>A rate as "812/s", "41.3k/s" or "4.12M/s".</summary>
    public static string Rate(double perSecond) => perSecond switch
    {
        < 1e3 => Format(perSecond, "/s", space: false),
        < 1e6 => Format(perSecond / 1e3, "k/s", space: false),
        _ => Format(perSecond / 1e6, "M/s", space: false),
    };

    /// <summary>A byte count as "0 B", "912 B", "41.3 KB" or "4.12 MB".</summary>
    public static string Bytes(double bytes) => bytes switch
    {
        < 1024 => Math.Round(bytes).ToString("0", CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => Format(bytes / 1024, "KB"),
        _ => Format(bytes / (1024 * 1024), "MB"),
    };

    /// <summary>A difference in bytes with its sign, as "+312 B", "−40 B" or "+1.20 KB".</summary>
    public static string ByteDifference(double bytes) =>
        (bytes < 0 ? "−" : "+") + Bytes(Math.Abs(bytes));

    /// <summary>A ratio as "1.03×", "48.4×" or "312×".</summary>
    public static string Ratio(double ratio) =>
        ThreeDigits(ratio) + "×";

    private static string Format(double value, string unit, bool space = true) =>
        ThreeDigits(value) + (space ? " " : string.Empty) + unit;

    // Three significant digits, never exponent notation: 0.0412, 4.12, 41.2, 412, 4120.
    private static string ThreeDigits(double value) => Math.Abs(value) switch
    {
        < 0.1 => value.ToString("0.0###", CultureInfo.InvariantCulture),
        < 10 => value.ToString("0.00", CultureInfo.InvariantCulture),
        < 100 => value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };
}
