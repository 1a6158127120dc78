using System.Diagnostics;
using System.Globalization;
using TenantDapper.Compiling;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// Seeded random statements through the oracle. A fixed seed and a few thousand cases per run;
/// <c>TENANTDAPPER_ORACLE_CASES</c> runs more, <c>TENANTDAPPER_ORACLE_SEED</c> another seed. Case i uses
/// seed + i, so a failing case reruns alone with <c>TENANTDAPPER_ORACLE_SEED=&lt;its seed&gt; TENANTDAPPER_ORACLE_CASES=1</c>.
/// With row-level security on (<see cref="OracleMode.RowLevelSecurity"/>) it runs the first of the same cases, one in
/// <see cref="RowLevelSecurityShare"/> of their number (at least one).
/// </summary>
/// <remarks>
/// Runs alone: while its connections keep the server busy, PostgreSQL 15 can hold another fixture's
/// DROP DATABASE on a ProcSignalBarrier for longer than the drop's command timeout.
/// </remarks>
[NonParallelizable]
[TestFixture(OracleMode.Plain)]
[TestFixture(OracleMode.RowLevelSecurity)]
public class GeneratedStatementOracleTests : OracleFixture
{
    public GeneratedStatementOracleTests(OracleMode mode)
        : base(mode)
    {
    }

    private const int DefaultSeed = 20261126;
    private const int DefaultCases = 3000;

    // A case with row-level security costs more (a data source connection per case, the prelude, the snapshot in two reads)
    // and checks the server's line, not new statement shapes: the suite on plain PostgreSQL grows by about a minute.
    private const int RowLevelSecurityShare = 4;
    private const string SeveralTenantsRefusal = "With several tenants in scope";

    /// <summary>The generator qualifies some tables with <c>public</c>: on Citus too, those must be the oracle's tables.</summary>
    protected override bool NamesPublicSchema => true;

    [Test]
    public async Task Generated_statements_behave_as_if_each_tenant_were_alone()
    {
        var seed = Setting("TENANTDAPPER_ORACLE_SEED", DefaultSeed);
        var cases = Setting("TENANTDAPPER_ORACLE_CASES", DefaultCases);
        if (Mode == OracleMode.RowLevelSecurity)
        {
            cases = (cases + RowLevelSecurityShare - 1) / RowLevelSecurityShare;
        }

        var failures = new List<string>();
        var writes = 0;
        var refusedForSeveral = 0;
        var shapes = Shapes.ToDictionary(s => s, _ => 0);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases && failures.Count < 10; i++)
        {
            var caseSeed = unchecked(seed + i);
            var (uuid, positions, statement) = StatementGenerator.Case(caseSeed);
            writes += statement is Syntax.SelectStatement ? 0 : 1;
            Tally(shapes, PostgresSqlWriter.Write(statement).Sql);
            string? difference;
            try
            {
                difference = await Oracle.CompareAsync(statement, uuid ? OracleSchema.UuidModel : OracleSchema.Model, positions, Route);
            }
            catch (UnscopableSqlException e) when (positions.Length > 1 && e.Message.StartsWith(SeveralTenantsRefusal, StringComparison.Ordinal))
            {
                // Tenant rows that meet with no tenant column to pair them by (through a derived table, a CTE,
                // a FULL JOIN or an outer join's optional side) are refused for several tenants, before anything is sent.
                refusedForSeveral++;
                continue;
            }
            catch (TenantDapperException e)
            {
                difference = $"refused ({e.GetType().Name}: {e.Message})\nunscoped: {PostgresSqlWriter.Write(statement).Sql}\n";
            }

            if (difference is not null)
            {
                failures.Add($"case seed {caseSeed} (TENANTDAPPER_ORACLE_SEED={caseSeed} TENANTDAPPER_ORACLE_CASES=1):\n{difference}");
            }
        }

        watch.Stop();
        TestContext.Out.WriteLine(
            $"{Mode}, seed {seed}: {Oracle.Cases} cases ({writes} writes) in {watch.Elapsed.TotalSeconds:F1} s; both sides failed alike in {Oracle.SameErrors}; {Oracle.Retried} run again after the first statement timeout; {refusedForSeveral} refused for several tenants; {Oracle.CitusRefusals.Values.Sum()} that Citus could not plan; {Oracle.CitusCrashRefusals} refused as shapes that crash Citus 13.2 with row-level security; {failures.Count} differences");
        foreach (var (message, count) in Oracle.CitusRefusals.OrderByDescending(r => r.Value))
        {
            TestContext.Out.WriteLine($"Citus could not plan {count}: {message}");
        }

        TestContext.Out.WriteLine("statements containing: " + string.Join(", ", shapes.Select(s => $"{s.Key.Trim()} {s.Value}")));
        TestContext.Out.WriteLine("parts through the builder's raw forms: " + StatementGenerator.RawFormTally);
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    // For the run's summary only (how often each shape came up), never for scoping.
    private static readonly string[] Shapes =
    [
        "INSERT", "UPDATE", "DELETE", " INNER JOIN ", " LEFT JOIN ", " RIGHT JOIN ", " FULL JOIN ", " CROSS JOIN ", "WITH ", " UNION ",
        " INTERSECT ", " EXCEPT ", "EXISTS (", " IN (SELECT", "(SELECT count", " ON CONFLICT", " RETURNING ", "\"public\".", " GROUP BY ", " FILTER (WHERE ", " UNION ALL (SELECT @",
    ];

    private static void Tally(Dictionary<string, int> shapes, string sql)
    {
        foreach (var shape in Shapes)
        {
            if (sql.Contains(shape, StringComparison.Ordinal))
            {
                shapes[shape]++;
            }
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
