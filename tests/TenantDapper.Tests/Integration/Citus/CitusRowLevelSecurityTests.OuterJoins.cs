using Dapper;
using TenantDapper.Scoping;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// The Citus 13.2 coordinator crash with row-level security: an outer join with a reference table on its preserved side
/// and a tenant table on its nullable side that is not routed to one shard kills the coordinator backend (signal 11).
/// The data source refuses such statements before sending them; the coordinator's start time shows it never restarted.
/// </summary>
public sealed partial class CitusRowLevelSecurityTests
{
    private static IEnumerable<TestCaseData> CrashingReads() =>
    [
        new TestCaseData("SELECT c.code, m.id FROM countries c LEFT JOIN managers m ON m.name <> c.name", true).SetArgDisplayNames("reference LEFT JOIN tenant, several tenants"),
        new TestCaseData("SELECT c.code, m.id FROM managers m RIGHT JOIN countries c ON m.name <> c.name", true).SetArgDisplayNames("tenant RIGHT JOIN reference, several tenants"),
        new TestCaseData("SELECT c.code, m.id FROM countries c FULL JOIN managers m ON m.name = c.name", false).SetArgDisplayNames("reference FULL JOIN tenant, one tenant"),
        new TestCaseData("SELECT p.id FROM projects p WHERE p.manager_id IN (SELECT m.id FROM countries c LEFT JOIN managers m ON m.id = p.manager_id WHERE c.code = 'NL')", true).SetArgDisplayNames("in a correlated IN sub-query"),
        new TestCaseData("WITH pairs AS (SELECT c.code, m.id FROM countries c LEFT JOIN managers m ON m.name <> c.name) SELECT code, id FROM pairs", true).SetArgDisplayNames("in a CTE"),
    ];

    [TestCaseSource(nameof(CrashingReads))]
    public async Task An_outer_join_that_crashes_the_coordinator_is_refused_and_nothing_is_sent(string sql, bool severalTenants)
    {
        var started = await StartTimeAsync();
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        using (severalTenants ? CurrentTenant.UseMany(1L, 2L) : CurrentTenant.Use(1L))
        {
            var refused = Assert.ThrowsAsync<UnscopableSqlException>(() => connection.QueryAsync(sql));
            Assert.That(refused!.Message, Does.Contain(TenantScopeRewriter.CitusCrashRefusal));
        }

        Assert.That(await StartTimeAsync(), Is.EqualTo(started), "the coordinator restarted");
    }

    [Test]
    public async Task A_builder_outer_join_that_crashes_the_coordinator_is_refused()
    {
        var started = await StartTimeAsync();
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        using var db = new QueryFactory(connection, new PostgresCompiler());
        var query = new Query("countries as c").LeftJoin("managers as m", "m.name", "c.name").Select("c.code", "m.id");
        using (CurrentTenant.UseMany(1L, 2L))
        {
            var refused = Assert.ThrowsAsync<UnscopableSqlException>(() => db.GetAsync<(string, long?)>(query));
            Assert.That(refused!.Message, Does.Contain(TenantScopeRewriter.CitusCrashRefusal));
        }

        Assert.That(await StartTimeAsync(), Is.EqualTo(started), "the coordinator restarted");
    }

    [Test]
    public async Task A_write_with_a_crashing_outer_join_is_refused_and_writes_nothing()
    {
        var before = await QueryAsync("SELECT account_id, id, name FROM projects ORDER BY account_id, id");
        var started = await StartTimeAsync();
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.ThrowsAsync<UnscopableSqlException>(() => connection.ExecuteAsync(
                "UPDATE projects SET name = 'changed' WHERE manager_id IN (SELECT m.id FROM countries c FULL JOIN managers m ON m.name <> c.name)"));
        }

        Assert.That(await QueryAsync("SELECT account_id, id, name FROM projects ORDER BY account_id, id"), Is.EqualTo(before));
        Assert.That(await StartTimeAsync(), Is.EqualTo(started), "the coordinator restarted");
    }

    [Test]
    public async Task One_tenant_left_joined_to_a_reference_table_and_a_distributed_preserved_side_still_return_the_tenants_rows()
    {
        var started = await StartTimeAsync();
        await using var source = ApplicationSource();
        await using var connection = await source.OpenConnectionAsync();
        using var db = new QueryFactory(connection, new PostgresCompiler());
        List<string> alone, builder, distributed;
        using (CurrentTenant.Use(1L))
        {
            alone = [.. (await connection.QueryAsync<(string, long?)>("SELECT c.code, m.id FROM countries c LEFT JOIN managers m ON m.name <> c.name")).Select(r => $"{r.Item1} {r.Item2}")];
            builder = [.. (await db.GetAsync<(string, long?)>(new Query("countries as c").LeftJoin("managers as m", "m.name", "c.name", "<>").Select("c.code", "m.id"))).Select(r => $"{r.Item1} {r.Item2}")];
        }

        using (CurrentTenant.UseMany(1L, 2L))
        {
            distributed = [.. (await connection.QueryAsync<(long, string?)>("SELECT m.id, c.code FROM managers m LEFT JOIN countries c ON c.name <> m.name ORDER BY m.id")).Select(r => $"{r.Item1} {r.Item2}")];
        }

        Assert.That(alone, Is.EqualTo(new[] { "NL 1" }));
        Assert.That(builder, Is.EqualTo(new[] { "NL 1" }));
        Assert.That(distributed, Is.EqualTo(new[] { "1 NL", "2 NL" }));
        Assert.That(await StartTimeAsync(), Is.EqualTo(started), "the coordinator restarted");
    }

    private async Task<string> StartTimeAsync() => (await QueryAsync("SELECT pg_postmaster_start_time()")).Single();
}
