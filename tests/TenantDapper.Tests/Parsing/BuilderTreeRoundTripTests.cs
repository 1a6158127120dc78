using System.Globalization;
using TenantDapper.Compiling;
using TenantDapper.Parsing;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Parsing;

/// <summary>
/// Parsing the writer's text of a builder tree gives back the same tree: over the scoping oracle's statement
/// generator (every join kind, derived tables, correlated sub-queries, CTEs, set operations, INSERT / UPDATE /
/// DELETE with FROM / USING, ON CONFLICT, RETURNING). A fixed seed and a few thousand cases;
/// <c>TENANTDAPPER_ROUNDTRIP_CASES</c> runs more, <c>TENANTDAPPER_ROUNDTRIP_SEED</c> another seed.
/// </summary>
public sealed class BuilderTreeRoundTripTests
{
    private const int DefaultSeed = 20261201;
    private const int DefaultCases = 3000;

    [Test]
    public void Parsing_the_written_text_of_a_generated_statement_gives_back_its_tree()
    {
        var seed = Setting("TENANTDAPPER_ROUNDTRIP_SEED", DefaultSeed);
        var cases = Setting("TENANTDAPPER_ROUNDTRIP_CASES", DefaultCases);
        var failures = new List<string>();
        for (var i = 0; i < cases && failures.Count < 10; i++)
        {
            var caseSeed = unchecked(seed + i);
            var (_, _, statement) = StatementGenerator.Case(caseSeed);
            var written = PostgresSqlWriter.Write(statement);
            string? difference;
            try
            {
                difference = new TreeComparer(written.Values).Difference(statement, SqlParser.ParseStatement(written.Sql));
            }
            catch (UnscopableSqlException e)
            {
                difference = "refused: " + e.Message;
            }

            if (difference is not null)
            {
                failures.Add($"seed {caseSeed}: {written.Sql}\n  {difference}");
            }
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
