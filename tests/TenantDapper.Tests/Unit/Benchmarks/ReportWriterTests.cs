using System.Xml.Linq;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Reporting;
using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Tests.Unit.Benchmarks;

public class ReportWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Test]
    public void Chart_has_a_heading_and_a_bar_label_for_every_comparison_and_contender()
    {
        var svg = SvgChartWriter.Draw(Report());
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToArray();

        Assert.That(texts, Does.Contain("Join: 5 tenants").And.Contain("Bulk insert: 100 rows, a \"quoted\" one"));
        Assert.That(texts, Does.Contain("slow <side>").And.Contain("3.00× · 3.00 ms/op"));
        Assert.That(texts, Does.Contain("2.00× · 50.0k rows/s"));
    }

    [TestCase(0.9, 1.0, 0.2)]
    [TestCase(2.28, 2.5, 0.5)]
    [TestCase(48.4, 50, 10)]
    [TestCase(14.7 * 1.05, 20, 5)]
    public void Chart_axis_ends_on_a_round_tick(double largest, double end, double step)
    {
        var axis = SvgChartWriter.Axis(largest);

        Assert.That(axis.End, Is.EqualTo(end).Within(1e-9));
        Assert.That(axis.Step, Is.EqualTo(step).Within(1e-9));
    }

    [Test]
    public void Csv_has_a_line_per_contender_and_quotes_fields_with_commas_and_quotes()
    {
        var lines = CsvReportWriter.Format(Report()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(1 + 4));
        Assert.That(lines[3], Does.StartWith("bulk-insert,\"100 rows, a \"\"quoted\"\" one\",copy,copy,"));
    }

    [Test]
    public void Json_carries_the_machine_and_the_ratios()
    {
        var json = JsonReportWriter.Serialize(Report());

        Assert.That(json, Does.Contain("\"postgresVersion\": \"15.18\"").And.Contain("\"ratioToBaseline\"").And.Contain("\"allocationCounter\": \"currentThread\""));
    }

    [Test]
    public void Table_prints_ratios_and_the_facts_of_each_contender()
    {
        using var text = new StringWriter();

        ResultTable.Write(Report(), text);

        Assert.That(text.ToString(), Does.Contain("3.00×").And.Contain("slow <side>, plan: Seq Scan on tasks t").And.Contain("rows/s"));
    }

    [Test]
    public void Table_prints_a_goal_line_for_a_contender_with_a_budget()
    {
        var compile = ComparisonResult.From(
            new Comparison(
                "2-join, new shape",
                Contender.Sync("build + compile", () => { }) with { Budget = new OperationBudget(5_000, 4_096) },
                Contender.Sync("build + scope + compile", () => { }) with { Budget = new OperationBudget(5_000, 4_096) }),
            [1000, 1000],
            [[new Batch(1000, TimeSpan.FromMilliseconds(3), 2_000_000), new Batch(1000, TimeSpan.FromMilliseconds(7), 5_000_000)]]);
        var report = Report() with { Scenarios = [new ScenarioResult("compile", "Compile cost per shape", "What does compiling cost?", [compile], [])] };
        using var text = new StringWriter();

        ResultTable.Write(report, text);

        Assert.That(text.ToString(), Does.Contain("goal for build + compile: ≤ 5.00 µs and ≤ 4.00 KB per op: met (3.00 µs, 1.95 KB)")
            .And.Contain("goal for build + scope + compile: ≤ 5.00 µs and ≤ 4.00 KB per op: missed (7.00 µs, 4.88 KB)"));
    }

    [Test]
    public void Table_prints_client_cpu_and_the_byte_difference_and_judges_every_part_of_the_goal_but_not_the_control()
    {
        var report = Report() with { Scenarios = [new ScenarioResult("plain-dapper", "Plain Dapper", "Costs?", [PlainDapper()], [])] };
        using var text = new StringWriter();

        ResultTable.Write(report, text);

        Assert.That(text.ToString(), Does.Contain("CPU/op").And.Contain("alloc Δ").And.Contain("+400 B").And.Contain("1.20×")
            .And.Contain("goal e2e ≤ 1.02×, client CPU ≤ 1.05×, ≤ +250 B per op: missed")
            .And.Contain("    scoped: missed (e2e 1.01×, CPU 1.20×, +400 B)")
            .And.Not.Contain("    A/A: "));
    }

    [Test]
    public void Csv_carries_client_cpu_the_byte_difference_and_whether_each_contender_meets_the_goal()
    {
        var report = Report() with { Scenarios = [new ScenarioResult("plain-dapper", "Plain Dapper", "Costs?", [PlainDapper()], [])] };

        var lines = CsvReportWriter.Format(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        string Field(int line, string column) => lines[line].Split(',')[Array.IndexOf(header, column)];

        Assert.That(Field(2, "cpu_ratio_median"), Is.EqualTo("1.2"));
        Assert.That(Field(2, "allocated_bytes_vs_baseline"), Is.EqualTo("400"));
        Assert.That(Field(2, "cpu_ns_per_op_median"), Is.EqualTo("120000"));
        Assert.That((Field(1, "meets_goal"), Field(2, "meets_goal"), Field(3, "meets_goal")), Is.EqualTo((string.Empty, "false", string.Empty)));
        Assert.That(Field(3, "control"), Is.EqualTo("true"));
        Assert.That((Field(2, "goal"), Field(2, "cpu_goal"), Field(2, "extra_bytes_goal")), Is.EqualTo(("1.02", "1.05", "250")));
    }

    [Test]
    public void Csv_carries_a_contenders_budget_and_whether_it_was_met()
    {
        var compile = ComparisonResult.From(
            new Comparison("2-join, new shape", Contender.Sync("compile", () => { }) with { Budget = new OperationBudget(5_000, 4_096) }, Contender.Sync("scoped", () => { })),
            [1, 1],
            [[new Batch(1, TimeSpan.FromMicroseconds(3), 2_000), new Batch(1, TimeSpan.FromMicroseconds(7), 5_000)]]);
        var report = Report() with { Scenarios = [new ScenarioResult("compile", "Compile cost per shape", "What does compiling cost?", [compile], [])] };

        var lines = CsvReportWriter.Format(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines[0], Does.EndWith(",budget_ns_per_op,budget_bytes_per_op,meets_budget"));
        Assert.That(lines[1], Does.EndWith(",5000,4096,true"));
        Assert.That(lines[2], Does.EndWith(",,,"));
    }

    [Test]
    public void Table_says_a_run_is_not_quotable_and_names_the_comparison_whose_rounds_disagree()
    {
        var report = Report() with { Settings = Report().Settings with { Quick = false }, Scenarios = [new ScenarioResult("join", "Join", "Costs?", [Noisy()], [])] };
        report = report with { Load = new LoadAverage(0.5, 0.7) };
        using var text = new StringWriter();

        ResultTable.Write(report, text);

        Assert.That(report.IsQuotable, Is.False);
        Assert.That(text.ToString(), Does.Contain("too noisy to quote: ratio spread 3.00×")
            .And.Contain("Not quotable: these figures are too noisy to quote")
            .And.Contain("join: noisy lookup: ratio spread over 1.50×"));
    }

    [Test]
    public void Table_says_a_run_is_not_quotable_when_the_load_average_exceeded_the_cores()
    {
        var report = Report() with { Settings = Report().Settings with { Quick = false }, Load = new LoadAverage(1.2, 3.4) };
        using var text = new StringWriter();

        ResultTable.Write(report, text);

        Assert.That(report.WasOverloaded, Is.True);
        Assert.That(text.ToString(), Does.Contain("load average (1 min): 1.20 at the start, 3.40 at the end, on 2 logical cores")
            .And.Contain("the load average reached 3.40 on 2 logical cores"));
    }

    [Test]
    public void Table_says_a_full_quiet_run_whose_rounds_agree_is_quotable()
    {
        var report = Report() with { Settings = Report().Settings with { Quick = false }, Load = new LoadAverage(0.3, 0.4) };
        using var text = new StringWriter();

        ResultTable.Write(report, text);

        Assert.That(report.IsQuotable, Is.True);
        Assert.That(text.ToString(), Does.Contain("Quotable: every comparison's ratio spread is within 1.50×").And.Not.Contain("Not quotable"));
    }

    [Test]
    public void Quick_run_is_never_quotable()
    {
        var report = Report() with { Load = new LoadAverage(0.1, 0.1) };
        using var text = new StringWriter();

        ResultTable.Write(report, text);

        Assert.That(report.IsQuotable, Is.False);
        Assert.That(text.ToString(), Does.Contain("--quick is a smoke run"));
    }

    [Test]
    public void Csv_and_json_say_which_comparison_is_too_noisy_to_quote()
    {
        var report = Report() with { Scenarios = [new ScenarioResult("join", "Join", "Costs?", [Noisy()], [])], Load = new LoadAverage(0.5, 0.6) };

        var lines = CsvReportWriter.Format(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var json = JsonReportWriter.Serialize(report);

        Assert.That(lines[0], Does.Contain(",meets_goal,too_noisy_to_quote,facts,"));
        Assert.That(lines[1], Does.Contain(",true,"));
        Assert.That(json, Does.Contain("\"isTooNoisyToQuote\": true").And.Contain("\"isQuotable\": false").And.Contain("\"atStart\": 0.5"));
    }

    [TestCase("0.52 0.58 0.59 1/389 12345", 0.52)]
    [TestCase("61.07 40.10 22.00 9/900 1", 61.07)]
    public void Load_average_is_the_first_figure_of_proc_loadavg(string line, double expected)
    {
        Assert.That(LoadAverage.ParseOneMinute(line), Is.EqualTo(expected).Within(1e-9));
    }

    [Test]
    public void Load_average_that_is_not_a_number_is_not_published()
    {
        Assert.That(LoadAverage.ParseOneMinute(""), Is.Null);
    }

    // Per-round ratios 1.0 and 3.0: a spread of 3.
    private static ComparisonResult Noisy() => ComparisonResult.From(
        new Comparison("noisy lookup", Contender.Sync("baseline", () => { }), Contender.Sync("candidate", () => { })),
        [1, 1],
        [
            [new Batch(1, TimeSpan.FromMilliseconds(1), 100), new Batch(1, TimeSpan.FromMilliseconds(1), 100)],
            [new Batch(1, TimeSpan.FromMilliseconds(1), 100), new Batch(1, TimeSpan.FromMilliseconds(3), 100)],
        ]);

    // A scoped contender within the time goal but over the CPU and byte goals, and an A/A control far off (never judged).
    private static ComparisonResult PlainDapper() => ComparisonResult.From(
        new Comparison(
            "key lookup over TCP",
            Contender.Sync("bare", () => { }),
            Contender.Sync("scoped", () => { }),
            Contender.Sync("A/A", () => { }) with { IsControl = true })
        {
            Goal = 1.02,
            CpuGoal = 1.05,
            ExtraBytesGoal = 250,
        },
        [1, 1, 1],
        [[
            new Batch(1, TimeSpan.FromMicroseconds(100), 2_000, TimeSpan.FromMicroseconds(100)),
            new Batch(1, TimeSpan.FromMicroseconds(101), 2_400, TimeSpan.FromMicroseconds(120)),
            new Batch(1, TimeSpan.FromMicroseconds(150), 2_000, TimeSpan.FromMicroseconds(150)),
        ]]);

    private static BenchmarkReport Report()
    {
        var join = ComparisonResult.From(
            new Comparison(
                "5 tenants",
                Contender.Sync("fast", () => { }),
                Contender.Sync("slow <side>", () => { }) with { Facts = new Dictionary<string, string> { ["plan"] = "Seq Scan on tasks t" } }),
            [1, 1],
            [[new Batch(1, TimeSpan.FromMilliseconds(1), 100), new Batch(1, TimeSpan.FromMilliseconds(3), 100)]]);
        var insert = ComparisonResult.From(
            new Comparison("100 rows, a \"quoted\" one", Contender.Sync("copy", () => { }), Contender.Sync("dapper", () => { }))
            {
                ItemsPerOperation = 100,
                ItemName = "rows",
            },
            [1, 1],
            [[new Batch(1, TimeSpan.FromMilliseconds(1), 100), new Batch(1, TimeSpan.FromMilliseconds(2), 100)]]);
        return new BenchmarkReport(
            DateTimeOffset.UnixEpoch,
            1.0,
            new RunSettings(Quick: true, Tenants: 5, RowsPerTenant: 100, Rounds: 1, WarmUpSeconds: 0, RoundTargetSeconds: 0, Command: "bench --quick"),
            new MachineDescription(2, "CPU", "Linux", ".NET 10", "Release", new ServerDescription("test", "15.18", null, null, "fsync=on")),
            [
                new ScenarioResult("join", "Join", "Costs?", [join], ["a note"]),
                new ScenarioResult("bulk-insert", "Bulk insert", "Rates?", [insert], []),
            ]);
    }
}
