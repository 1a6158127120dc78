using Dapper;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// With row-level security on, the builder's statements bind their tenant to the connection's reusable parameter and
/// carry the prelude's setting: interleaved tenants on one connection, through the builder and text commands, each
/// read and write only their own rows, as the superuser sees them.
/// </summary>
public class BuilderTenantParameterReuseTests : RowLevelSecurityFixture
{
    [Test]
    public async Task Builder_reads_and_text_commands_under_interleaved_tenants_each_read_their_own_rows()
    {
        var all = await AllProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        foreach (var tenant in new[] { 1L, 2L, 1L, 3L, 3L, 2L, 1L })
        {
            var expected = all.Where(row => row.Account == tenant).ToList();
            using (CurrentTenant.Use(tenant))
            {
                var built = (await db.Query("projects").Select("account_id", "id", "name").OrderBy("id").GetAsync<(long, long, string)>()).ToList();
                var first = db.Query("projects").Select("account_id", "id", "name").OrderBy("id").First<(long, long, string)>();
                var text = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, name FROM projects ORDER BY id")).ToList();

                Assert.That(built, Is.EqualTo(expected), $"builder, tenant {tenant}");
                Assert.That(first, Is.EqualTo(expected[0]), $"First, tenant {tenant}");
                Assert.That(text, Is.EqualTo(expected), $"text, tenant {tenant}");
            }
        }
    }

    [Test]
    public async Task Builder_writes_under_interleaved_tenants_change_only_their_tenants_rows()
    {
        var before = await AllProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        List<(long Account, long Id, string Name)> during;
        try
        {
            foreach (var tenant in new[] { 2L, 1L, 3L })
            {
                using (CurrentTenant.Use(tenant))
                {
                    Assert.That(await db.Query("projects").InsertAsync(new { id = 70L, name = $"reuse {tenant}" }), Is.EqualTo(1), $"insert, tenant {tenant}");
                }
            }

            foreach (var tenant in new[] { 1L, 3L, 2L, 1L })
            {
                using (CurrentTenant.Use(tenant))
                {
                    Assert.That(db.Query("projects").Where("id", 70L).Update(new { name = $"updated {tenant}" }), Is.EqualTo(1), $"update, tenant {tenant}");
                }
            }

            during = await AllProjectsAsync();
        }
        finally
        {
            await using var superuser = await OpenConnectionAsync();
            await superuser.ExecuteAsync("DELETE FROM projects WHERE id = 70");
        }

        var expected = before.Concat<(long Account, long Id, string Name)>([(1L, 70L, "updated 1"), (2L, 70L, "updated 2"), (3L, 70L, "updated 3")]).OrderBy(row => row.Account).ThenBy(row => row.Id).ToList();
        Assert.That(during, Is.EqualTo(expected));
        Assert.That(await AllProjectsAsync(), Is.EqualTo(before));
    }
}
