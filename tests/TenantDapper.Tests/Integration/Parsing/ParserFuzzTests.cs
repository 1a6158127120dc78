using System.Diagnostics;
using System.Globalization;
using TenantDapper.Compiling;
using TenantDapper.Parsing;
using TenantDapper.Tests.Parsing;

namespace TenantDapper.Tests.Integration.Parsing;

/// <summary>
/// Truncated, shuffled and mutated corpus statements (<see cref="CorpusMutator"/>): the parser returns a tree or
/// refuses with <see cref="UnscopableSqlException"/>, never another exception, never hangs; and when it returns a tree
/// for text that runs on PostgreSQL, the written text returns the same rows. A fixed seed and a few seconds per run;
/// <c>TENANTDAPPER_FUZZ_CASES</c> runs more cases, <c>TENANTDAPPER_FUZZ_SEED</c> another seed.
/// </summary>
public sealed class ParserFuzzTests : CorpusFixture
{
    private const int DefaultSeed = 20261201;
    private const int DefaultCases = 1500;
    private static readonly TimeSpan PerCaseLimit = TimeSpan.FromSeconds(2);

    [Test]
    public async Task Mutated_statements_parse_or_are_refused_and_never_change_meaning()
    {
        var seed = Setting("TENANTDAPPER_FUZZ_SEED", DefaultSeed);
        var cases = Setting("TENANTDAPPER_FUZZ_CASES", DefaultCases);
        var mutator = new CorpusMutator(SqlCorpus.Cases(SqlCorpus.RoundTrip), seed);
        var failures = new List<string>();
        int parsed = 0, refused = 0, compared = 0, serverRejected = 0;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases && failures.Count < 10; i++)
        {
            var (source, text, mutation) = mutator.Next();
            var label = $"case {i} ({mutation} {source.Id}): {Show(text)}";
            (string Sql, object?[] Values, bool UsesTenant) written;
            try
            {
                written = ParseAndWriteWithin(text, PerCaseLimit);
            }
            catch (UnscopableSqlException)
            {
                refused++;
                continue;
            }
            catch (Exception e)
            {
                failures.Add($"{label}\n  threw {e.GetType().Name}: {e.Message}");
                continue;
            }

            parsed++;
            var original = await Runner.RunAsync(text, source.Parameters, timeoutSeconds: 2);
            if (original.Failed)
            {
                serverRejected++;
                continue;
            }

            compared++;
            var rewritten = await Runner.RunAsync(written.Sql, source.Parameters, written.Values, timeoutSeconds: 2);
            var difference = original.DifferenceFrom(rewritten, OrderDetection.HasTopLevelOrderBy(text));
            if (difference is not null)
            {
                failures.Add($"{label}\n  written as: {written.Sql}\n  differs in {difference}");
            }
        }

        TestContext.Out.WriteLine(
            $"seed {seed}: {cases} mutated statements in {watch.Elapsed.TotalSeconds:F1} s: {refused} refused, {parsed} parsed " +
            $"({compared} ran on PostgreSQL and were compared, {serverRejected} PostgreSQL itself rejects); {failures.Count} failures");
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    [TestCase("(", ")", TestName = "Parentheses nested a hundred thousand deep are refused")]
    [TestCase("NOT ", "", TestName = "A hundred thousand NOTs are refused")]
    [TestCase("- ", "", TestName = "A hundred thousand unary minuses are refused")]
    [TestCase("(SELECT ", ")", TestName = "Sub-queries nested a hundred thousand deep are refused")]
    [TestCase("CASE WHEN true THEN ", " END", TestName = "CASE nested a hundred thousand deep is refused")]
    [TestCase("ARRAY[", "]", TestName = "Array constructors nested a hundred thousand deep are refused")]
    [TestCase("coalesce(", ")", TestName = "Function calls nested a hundred thousand deep are refused")]
    public void Deep_nesting_is_refused_without_overflowing_the_stack(string open, string close)
    {
        var text = "SELECT " + string.Concat(Enumerable.Repeat(open, 100_000)) + "1" + string.Concat(Enumerable.Repeat(close, 100_000));

        Assert.That(() => ParseAndWriteWithin(text, TimeSpan.FromSeconds(10)), Throws.TypeOf<UnscopableSqlException>());
    }

    [TestCase(" + 1", TestName = "A hundred thousand additions are written back or refused")]
    [TestCase(" AND true", TestName = "A hundred thousand ANDs are written back or refused")]
    [TestCase(" || 'x'", TestName = "A hundred thousand concatenations are written back or refused")]
    [TestCase("::text", TestName = "A hundred thousand casts are written back or refused")]
    public void Long_flat_chains_are_written_back_or_refused_without_overflowing_the_stack(string link)
    {
        var text = "SELECT 1" + string.Concat(Enumerable.Repeat(link, 100_000));

        Assert.That(ParseOrRefuse(text), Is.EqualTo("written").Or.EqualTo("refused"));
    }

    [Test]
    public void Joins_nested_in_parentheses_a_hundred_thousand_deep_are_refused()
    {
        var text = "SELECT 1 FROM " + string.Concat(Enumerable.Repeat("(countries a JOIN ", 100_000)) + "countries b ON true"
            + string.Concat(Enumerable.Repeat(") ON true", 100_000));

        Assert.That(() => ParseAndWriteWithin(text, TimeSpan.FromSeconds(10)), Throws.TypeOf<UnscopableSqlException>());
    }

    private static string ParseOrRefuse(string text)
    {
        try
        {
            ParseAndWriteWithin(text, TimeSpan.FromSeconds(10));
            return "written";
        }
        catch (UnscopableSqlException)
        {
            return "refused";
        }
    }

    /// <summary>Parses and writes on a pool thread, failing the case with a <see cref="TimeoutException"/> if it takes longer than <paramref name="limit"/>.</summary>
    private static (string Sql, object?[] Values, bool UsesTenant) ParseAndWriteWithin(string text, TimeSpan limit)
    {
        var task = Task.Run(() => PostgresSqlWriter.Write(SqlParser.ParseStatement(text)));
        if (Task.WaitAny([task], limit) < 0)
        {
            throw new TimeoutException($"Parsing took longer than {limit.TotalSeconds} s: {Show(text)}");
        }

        return task.GetAwaiter().GetResult();
    }

    private static string Show(string text) => text.Length <= 300 ? text.ReplaceLineEndings(" ") : text[..300].ReplaceLineEndings(" ") + "...";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
