using Dapper;
using TenantDapper.Scoping;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// The statements a data source with row-level security refuses on a Citus coordinator (they crash Citus 13.2) run on
/// plain PostgreSQL, where nothing crashes: there each returns the tenants' rows. On a Citus coordinator (the suite's
/// server) the same statements are refused before anything is sent.
/// </summary>
public class CitusCrashRefusalTests : RowLevelSecurityFixture
{
    private static IEnumerable<TestCaseData> Reads() =>
    [
        new TestCaseData("SELECT c.code, p.id FROM countries c LEFT JOIN projects p ON p.name <> c.name ORDER BY c.code, p.id", true, new[] { "de 1", "de 1", "de 2", "fr 1", "fr 1", "fr 2" }).SetArgDisplayNames("reference LEFT JOIN tenant, several tenants"),
        new TestCaseData("SELECT c.code, p.id FROM countries c FULL JOIN projects p ON p.name = c.name ORDER BY c.code, p.id", false, new[] { "de ", "fr ", " 1", " 2" }).SetArgDisplayNames("reference FULL JOIN tenant, one tenant"),
        new TestCaseData("SELECT p.id FROM projects p WHERE p.id IN (SELECT q.id FROM countries c LEFT JOIN projects q ON q.id = p.id WHERE c.code = 'de') ORDER BY p.id", true, new[] { "1", "1", "2" }).SetArgDisplayNames("in a correlated IN sub-query"),
        new TestCaseData("SELECT count(*) FROM projects p JOIN invoker_projects v ON v.name = p.name", true, new[] { "3" }).SetArgDisplayNames("a tenant table joined to a global table"),
    ];

    [TestCaseSource(nameof(Reads))]
    public async Task A_statement_that_crashes_citus_is_refused_only_on_a_citus_coordinator(string sql, bool severalTenants, string[] expected)
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (severalTenants ? CurrentTenant.UseMany(1L, 2L) : CurrentTenant.Use(1L))
        {
            if (PostgresSetUp.IsCitusCoordinator)
            {
                var refused = Assert.ThrowsAsync<UnscopableSqlException>(() => connection.QueryAsync(sql));
                Assert.That(refused!.Message, Does.Contain(TenantScopeRewriter.CitusCrashRefusal));
                return;
            }

            var rows = await connection.QueryAsync(sql);
            Assert.That(rows.Select(Text), Is.EqualTo(expected));
        }
    }

    [Test]
    public async Task A_builder_outer_join_from_a_reference_table_is_refused_only_on_a_citus_coordinator()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using var db = new QueryFactory(connection, new PostgresCompiler());
        var query = new Query("countries as c").LeftJoin("projects as p", "p.name", "c.name", "<>").Select("c.code", "p.id").OrderBy("c.code", "p.id");
        using (CurrentTenant.UseMany(1L, 2L))
        {
            if (PostgresSetUp.IsCitusCoordinator)
            {
                Assert.ThrowsAsync<UnscopableSqlException>(() => db.GetAsync<(string, long?)>(query));
                return;
            }

            var rows = await db.GetAsync<(string Code, long? Id)>(query);
            Assert.That(rows.Select(r => $"{r.Code} {r.Id}"), Is.EqualTo(new[] { "de 1", "de 1", "de 2", "fr 1", "fr 1", "fr 2" }));
        }
    }

    private static string Text(dynamic row)
    {
        var values = (IDictionary<string, object?>)row;
        return string.Join(" ", values.Values.Select(v => v?.ToString() ?? ""));
    }
}
