using System.Globalization;
using TenantDapper.Syntax;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The differential oracle over raw fragments: seeded builder queries with a sub-query over a tenant table inside
/// every raw position (WhereRaw, OrWhereRaw, SelectRaw, HavingRaw, OrderByRaw, GroupByRaw, a join's WhereRaw, FromRaw,
/// WithRaw, CombineRaw, the WHERE of UPDATE / DELETE, UnsafeLiteral values of UPDATE / INSERT, FromRaw as a DELETE target), each run scoped on the shared database and unscoped on a copy holding only
/// the tenant's rows. <c>TENANTDAPPER_RAW_ORACLE_CASES</c> runs more cases, <c>TENANTDAPPER_RAW_ORACLE_SEED</c> another seed.
/// </summary>
[NonParallelizable]
public sealed class RawFragmentOracleTests : OracleFixture
{
    private const int DefaultSeed = 20261201;
    private const int DefaultCases = 200;

    private static readonly string[] Tables = ["accounts", "managers", "projects", "tasks", "comments"];

    private static readonly string[] Writable = ["managers", "projects", "tasks", "comments"];

    private static readonly string[] SetOperators = ["UNION", "UNION ALL", "INTERSECT", "EXCEPT ALL"];

    [Test]
    public async Task Sub_queries_in_every_raw_position_behave_as_if_each_tenant_were_alone()
    {
        var seed = Setting("TENANTDAPPER_RAW_ORACLE_SEED", DefaultSeed);
        var cases = Setting("TENANTDAPPER_RAW_ORACLE_CASES", DefaultCases);
        var failures = new List<string>();
        for (var i = 0; i < cases && failures.Count < 10; i++)
        {
            var random = new Random(unchecked(seed + i));
            var (position, statement) = Case(random);
            // One tenant at a time: with several, the rewriter refuses on purpose many of these shapes (SeveralTenantsOracleTests covers them).
            int[] tenants = [random.Next(3)];
            string? difference;
            try
            {
                difference = await Oracle.CompareAsync(statement, OracleSchema.Model, tenants);
            }
            catch (TenantDapperException e)
            {
                difference = $"refused ({e.GetType().Name}: {e.Message})";
            }

            if (difference is not null)
            {
                failures.Add($"case seed {seed + i} ({position}, tenants {string.Join(",", tenants)}):\n{difference}");
            }
        }

        Assert.That(failures, Is.Empty, string.Join("\n", failures));
    }

    private static (string Position, SqlStatement Statement) Case(Random random)
    {
        var b = Tables[random.Next(Tables.Length)];
        var sub = SubQuery(random, b);
        var k = (long)random.Next(0, 6);
        var grouped = Unbound(random);
        var written = Pick(random, Writable);
        return random.Next(15) switch
        {
            0 => ("WhereRaw", new Query(b).WhereRaw("id <= " + sub.Text, sub.Bindings).ToStatement()),
            1 => ("OrWhereRaw", new Query(b).Where("id", k).OrWhereRaw("id IN (SELECT x.id FROM " + Pick(random, Tables) + " x WHERE x.id > ?)", k).ToStatement()),
            2 => ("SelectRaw", new Query(b).Select("id").SelectRaw(sub.Text + " AS s", sub.Bindings).ToStatement()),
            3 => ("HavingRaw", new Query(b).SelectRaw("count(*) AS n").HavingRaw("count(*) >= " + sub.Text, sub.Bindings).ToStatement()),
            4 => ("OrderByRaw", new Query(b).Select("id").OrderByRaw($"(SELECT count(*) FROM {Pick(random, Tables)} x WHERE x.id <= {b}.id) DESC, id").Limit(2).ToStatement()),
            5 => ("GroupByRaw", new Query(b).SelectRaw($"id <= {grouped} AS g, count(*) AS n").GroupByRaw($"id <= {grouped}").ToStatement()),
            6 => ("join WhereRaw", new Query(b + " as b").LeftJoin(Pick(random, Tables) + " as j", j => j.On("j.id", "b.id").WhereRaw("j.id IN (SELECT id FROM " + Pick(random, Tables) + " WHERE id > ?)", k)).Select("b.id", "j.id").ToStatement()),
            7 => ("FromRaw", new Query().FromRaw($"{b} b JOIN (SELECT id FROM {Pick(random, Tables)} WHERE id <= ?) s ON s.id = b.id", k).Select("b.id").ToStatement()),
            8 => ("WithRaw", new Query("c").WithRaw("c", $"SELECT id FROM {b} WHERE id IN (SELECT id FROM {Pick(random, Tables)}) AND id > ?", k).ToStatement()),
            9 => ("UPDATE WhereRaw", new Query(written).WhereRaw("id <= " + sub.Text, sub.Bindings).AsUpdate(new Dictionary<string, object?> { [TextColumn(written)] = "changed" }).ToStatement()),
            10 => ("DELETE WhereRaw", new Query(Pick(random, Writable)).WhereRaw("id IN (SELECT x.id FROM " + Pick(random, Tables) + " x WHERE x.id > ?)", k).AsDelete().ToStatement()),
            11 => ("CombineRaw", new Query(b).Select("id").CombineRaw(Pick(random, SetOperators) + " SELECT x.id FROM " + Pick(random, Tables) + " x WHERE x.id <= " + sub.Text, sub.Bindings).ToStatement()),
            12 => ("UnsafeLiteral UPDATE", new Query(written).Where("id", "<=", k)
                .AsUpdate(new Dictionary<string, object?> { [TextColumn(written)] = new UnsafeLiteral($"'v' || (SELECT count(*) FROM {Pick(random, Tables)} x WHERE x.id < {written}.id)", replaceQuotes: false) }).ToStatement()),
            13 => ("UnsafeLiteral INSERT", new Query("managers").AsInsert(new { id = 100 + k, name = new UnsafeLiteral("'n' || " + grouped, replaceQuotes: false) }).ToStatement()),
            _ => ("FromRaw DELETE target", new Query().FromRaw(written + " AS w").WhereRaw("w.id IN (SELECT x.id FROM " + Pick(random, Tables) + " x WHERE x.id > ?)", k).AsDelete().ToStatement()),
        };
    }

    private static (string Text, object?[] Bindings) SubQuery(Random random, string outer)
    {
        var table = Pick(random, Tables);
        return random.Next(4) switch
        {
            0 => ($"(SELECT count(*) FROM {table})", []),
            1 => ($"(SELECT max(x.id) FROM {table} x WHERE x.id < ?)", [(long)random.Next(1, 6)]),
            2 => ($"(SELECT count(*) FROM {table} x WHERE x.id < {outer}.id)", []),
            _ => ($"(SELECT min(x.id) FROM {table} x JOIN {Pick(random, Tables)} y ON y.id = x.id)", []),
        };
    }

    // GROUP BY and the select list must hold the same expression, so no bindings (each would be its own parameter).
    private static string Unbound(Random random) => $"(SELECT count(*) FROM {Pick(random, Tables)} x WHERE x.id <= 2)";

    private static string TextColumn(string table) => table switch
    {
        "tasks" => "title",
        "comments" => "body",
        _ => "name",
    };

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
