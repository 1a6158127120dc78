using System.Globalization;
using System.Xml.Linq;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Benchmarks.Reporting;

/// <summary>
/// Draws a report as an SVG bar chart: one group per comparison, one horizontal bar per contender
/// whose length is its median time per operation relative to the group's baseline (the baseline is 1×),
/// a whisker from the smallest to the largest round's ratio, and the figures written beside each bar.
/// Each group has its own linear axis: the groups answer different questions, and a shared axis
/// would flatten a 1.03× difference next to a 50× one.
/// </summary>
internal static class SvgChartWriter
{
    private const double Width = 1040;
    private const double LabelRight = 300;
    private const double BarLeft = 312;
    private const double BarWidth = 440;
    private const double BarHeight = 22;
    private const double BarGap = 8;
    private const string BaselineColour = "#a0aec0";
    private const string ContenderColour = "#2b6cb0";
    private const string InkColour = "#1a202c";
    private const string MutedColour = "#4a5568";
    private const string GridColour = "#e2e8f0";
    private const string GoalColour = "#c53030";

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Writes the chart of <paramref name="report"/> to <paramref name="path"/>, replacing the file.</summary>
    public static async Task WriteAsync(BenchmarkReport report, string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await Draw(report).SaveAsync(stream, SaveOptions.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The chart as an SVG document.</summary>
    public static XDocument Draw(BenchmarkReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var body = new List<XElement>
        {
            Text(20, 32, "TenantDapper benchmarks: time per operation relative to the baseline (shorter is faster)", 18, InkColour, bold: true),
            Text(20, 54, report.Machine.Summary, 12, MutedColour),
            Text(20, 72, $"{report.Settings.Tenants:N0} tenants × {report.Settings.RowsPerTenant:N0} tasks; {report.Settings.Rounds} interleaved rounds per comparison; "
                + $"bar = median of per-round ratios, whisker = smallest to largest round{(report.Settings.Quick ? "; --quick run: rough figures" : string.Empty)}", 12, MutedColour),
        };

        var comparisons = report.Scenarios.SelectMany(s => s.Comparisons.Select(c => (Scenario: s, Comparison: c))).ToArray();
        var y = 96.0;
        body.AddRange(Legend(y, comparisons.Any(c => c.Comparison.Goal is not null)));
        y += 34;

        foreach (var (scenario, comparison) in comparisons)
        {
            body.AddRange(Group(scenario, comparison, y, out var groupHeight));
            y += groupHeight + 28;
        }

        if (comparisons.Length == 0)
        {
            body.Add(Text(20, y + 20, "No comparisons were measured.", 14, InkColour));
            y += 40;
        }

        var height = Math.Ceiling(y);
        return new XDocument(new XElement(
            Svg + "svg",
            new XAttribute("width", Number(Width)),
            new XAttribute("height", Number(height)),
            new XAttribute("viewBox", $"0 0 {Number(Width)} {Number(height)}"),
            new XAttribute("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif"),
            new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "#ffffff")),
            body));
    }

    /// <summary>A round upper end for an axis holding <paramref name="largest"/>, and the step between its ticks (1, 2 or 5 times a power of ten).</summary>
    public static (double End, double Step) Axis(double largest)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(largest);
        var rough = largest / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(f => f * magnitude).First(s => s >= rough);
        return (Math.Ceiling(largest / step - 1e-9) * step, step);
    }

    private static IEnumerable<XElement> Legend(double y, bool withGoal)
    {
        yield return Box(20, y, 14, 14, BaselineColour);
        yield return Text(40, y + 12, "baseline (1×)", 12, InkColour);
        yield return Box(150, y, 14, 14, ContenderColour);
        yield return Text(170, y + 12, "contender", 12, InkColour);
        yield return Line(262, y + 7, 292, y + 7, InkColour, 1.5);
        yield return Line(262, y + 2, 262, y + 12, InkColour, 1.5);
        yield return Line(292, y + 2, 292, y + 12, InkColour, 1.5);
        yield return Text(300, y + 12, "smallest to largest round", 12, InkColour);
        yield return Line(480, y + 7, 510, y + 7, MutedColour, 1, dashed: true);
        yield return Text(516, y + 12, "1× (as fast as the baseline)", 12, InkColour);
        if (withGoal)
        {
            yield return Line(720, y + 7, 750, y + 7, GoalColour, 1.5, dashed: true);
            yield return Text(756, y + 12, "goal", 12, InkColour);
        }
    }

    private static IEnumerable<XElement> Group(ScenarioResult scenario, ComparisonResult comparison, double top, out double height)
    {
        var elements = new List<XElement>
        {
            Text(20, top + 14, $"{scenario.Title}: {comparison.Title}", 14, InkColour, bold: true),
            Text(20, top + 32, scenario.Question, 12, MutedColour),
        };
        var barsTop = top + 44;
        var barsHeight = (comparison.Contenders.Count * (BarHeight + BarGap)) - BarGap;
        var largest = comparison.Contenders.Select(c => c.RatioToBaseline?.Max ?? 1).Append(1).Append(comparison.Goal ?? 1).Max();
        var (end, step) = Axis(largest * 1.05);
        double X(double ratio) => BarLeft + (ratio / end * BarWidth);

        for (var tick = 0.0; tick <= end + (step / 2); tick += step)
        {
            elements.Add(Line(X(tick), barsTop - 4, X(tick), barsTop + barsHeight + 4, GridColour, 1));
            elements.Add(Text(X(tick), barsTop + barsHeight + 18, tick.ToString("0.##", CultureInfo.InvariantCulture) + "×", 11, MutedColour, anchor: "middle"));
        }

        elements.Add(Line(BarLeft, barsTop + barsHeight + 4, BarLeft + BarWidth, barsTop + barsHeight + 4, MutedColour, 1));

        for (var i = 0; i < comparison.Contenders.Count; i++)
        {
            var contender = comparison.Contenders[i];
            var y = barsTop + (i * (BarHeight + BarGap));
            var ratio = contender.RatioToBaseline ?? new Spread(1, 1, 1);
            elements.Add(Text(LabelRight, y + 15, contender.Name, 12, InkColour, anchor: "end"));
            elements.Add(Box(BarLeft, y, X(ratio.Median) - BarLeft, BarHeight, contender.IsBaseline ? BaselineColour : ContenderColour));
            var labelX = X(ratio.Median);
            if (!contender.IsBaseline)
            {
                var middle = y + (BarHeight / 2);
                elements.Add(Line(X(ratio.Min), middle, X(ratio.Max), middle, InkColour, 1.5));
                elements.Add(Line(X(ratio.Min), middle - 5, X(ratio.Min), middle + 5, InkColour, 1.5));
                elements.Add(Line(X(ratio.Max), middle - 5, X(ratio.Max), middle + 5, InkColour, 1.5));
                labelX = Math.Max(labelX, X(ratio.Max));
            }

            elements.Add(Text(labelX + 8, y + 15, BarLabel(comparison, contender), 12, InkColour));
        }

        elements.Add(Line(X(1), barsTop - 6, X(1), barsTop + barsHeight + 6, MutedColour, 1, dashed: true));
        if (comparison.Goal is { } goal)
        {
            elements.Add(Line(X(goal), barsTop - 6, X(goal), barsTop + barsHeight + 6, GoalColour, 1.5, dashed: true));
        }

        height = barsTop + barsHeight + 22 - top;
        return elements;
    }

    private static string BarLabel(ComparisonResult comparison, ContenderResult contender)
    {
        var ratio = contender.RatioToBaseline is { } spread ? Figures.Ratio(spread.Median) : "1×";
        var rate = comparison.ItemName is { } item && contender.ItemsPerSecond is { } perSecond
            ? $"{Figures.Rate(perSecond).Replace("/s", string.Empty, StringComparison.Ordinal)} {item}/s"
            : $"{Figures.Time(contender.NanosecondsPerOperation.Median)}/op";
        var tasks = contender.Facts.TryGetValue("citus tasks", out var citus) ? $" · {citus}" : string.Empty;
        return $"{ratio} · {rate}{tasks}";
    }

    private static XElement Text(double x, double y, string text, double size, string colour, bool bold = false, string anchor = "start") =>
        new(
            Svg + "text",
            new XAttribute("x", Number(x)),
            new XAttribute("y", Number(y)),
            new XAttribute("font-size", Number(size)),
            new XAttribute("fill", colour),
            new XAttribute("text-anchor", anchor),
            bold ? new XAttribute("font-weight", "bold") : null,
            text);

    private static XElement Box(double x, double y, double width, double height, string colour) =>
        new(
            Svg + "rect",
            new XAttribute("x", Number(x)),
            new XAttribute("y", Number(y)),
            new XAttribute("width", Number(Math.Max(width, 1))),
            new XAttribute("height", Number(height)),
            new XAttribute("fill", colour));

    private static XElement Line(double x1, double y1, double x2, double y2, string colour, double width, bool dashed = false) =>
        new(
            Svg + "line",
            new XAttribute("x1", Number(x1)),
            new XAttribute("y1", Number(y1)),
            new XAttribute("x2", Number(x2)),
            new XAttribute("y2", Number(y2)),
            new XAttribute("stroke", colour),
            new XAttribute("stroke-width", Number(width)),
            dashed ? new XAttribute("stroke-dasharray", "4 3") : null);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
