using Dapper;
using Npgsql;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// The builder's statements on a data source's connection bind their tenant to the connection's reusable parameter,
/// the one its text commands reuse: whichever way tenants interleave on one connection (builder reads, writes, text
/// commands, several tenants at once), every statement reads and writes the rows of the tenant in force when it ran,
/// as the server returns them for a hand-written predicate, and nothing reaches another tenant's rows.
/// </summary>
public class BuilderTenantParameterReuseTests : DataSourceFixture
{
    private static readonly long[] Interleaved = [1L, 2L, 1L, 3L, 3L, 2L, 1L];

    [Test]
    public async Task Builder_reads_under_interleaved_tenants_on_one_connection_each_read_their_own_rows()
    {
        var expected = await OwnProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        foreach (var tenant in Interleaved)
        {
            using (CurrentTenant.Use(tenant))
            {
                var rows = db.Query("projects").Select("account_id", "id", "name").OrderBy("id").Get<(long, long, string)>().ToList();
                var asynchronous = (await db.Query("projects").Select("account_id", "id", "name").OrderBy("id").GetAsync<(long, long, string)>()).ToList();
                var first = db.Query("projects").Select("account_id", "id", "name").OrderBy("id").First<(long, long, string)>();
                var count = await db.Query("projects").CountAsync<long>();

                Assert.That(rows, Is.EqualTo(expected[tenant]), $"Get, tenant {tenant}");
                Assert.That(asynchronous, Is.EqualTo(expected[tenant]), $"GetAsync, tenant {tenant}");
                Assert.That(first, Is.EqualTo(expected[tenant][0]), $"First, tenant {tenant}");
                Assert.That(count, Is.EqualTo(expected[tenant].Count), $"Count, tenant {tenant}");
            }
        }
    }

    [Test]
    public async Task Builder_statements_and_text_commands_alternate_on_one_connection_under_alternating_tenants()
    {
        var expected = await OwnProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        for (var i = 0; i < Interleaved.Length; i++)
        {
            var tenant = Interleaved[i];
            // Never the next builder statement's tenant right before it, so a stale parameter would show.
            var other = (tenant % 3) + 1 == Interleaved[(i + 1) % Interleaved.Length] ? ((tenant + 1) % 3) + 1 : (tenant % 3) + 1;
            using (CurrentTenant.Use(tenant))
            {
                Assert.That(db.Query("projects").Select("account_id", "id", "name").OrderBy("id").Get<(long, long, string)>().ToList(), Is.EqualTo(expected[tenant]), $"builder, tenant {tenant}");
            }

            using (CurrentTenant.Use(other))
            {
                Assert.That((await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, name FROM projects ORDER BY id")).ToList(), Is.EqualTo(expected[other]), $"text, tenant {other}");
            }
        }
    }

    [Test]
    public async Task Several_tenants_and_one_tenant_alternate_through_the_builder_on_one_connection()
    {
        var expected = await OwnProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        for (var i = 0; i < 3; i++)
        {
            using (CurrentTenant.UseMany(1L, 3L))
            {
                var both = db.Query("projects").Select("account_id", "id", "name").OrderBy("account_id", "id").Get<(long, long, string)>().ToList();
                Assert.That(both, Is.EqualTo(expected[1L].Concat(expected[3L]).ToList()));
            }

            using (CurrentTenant.Use(2L))
            {
                Assert.That(db.Query("projects").Select("account_id", "id", "name").OrderBy("id").Get<(long, long, string)>().ToList(), Is.EqualTo(expected[2L]));
            }
        }
    }

    [Test]
    public async Task Builder_writes_under_interleaved_tenants_on_one_connection_reach_only_their_tenants_rows()
    {
        var before = await SnapshotAsync();
        var names = await OwnManagerNamesAsync();
        await using var connection = await Source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        List<(long, long, string)> written;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var tenant in new[] { 1L, 2L, 3L })
            {
                using (CurrentTenant.Use(tenant))
                {
                    Assert.That(db.Query("managers").Insert(new { id = 990L, name = $"reuse {tenant}" }, transaction), Is.EqualTo(1), $"insert, tenant {tenant}");
                }
            }

            // Every tenant's managers share ids, so an update whose tenant was the previous statement's would change another tenant's row.
            foreach (var tenant in new[] { 2L, 1L, 3L, 2L })
            {
                using (CurrentTenant.Use(tenant))
                {
                    Assert.That(await db.Query("managers").Where("id", 990L).UpdateAsync(new { name = $"updated {tenant}" }, transaction), Is.EqualTo(1), $"update, tenant {tenant}");
                    Assert.That(db.Query("managers").Where("id", 990L).Select("name").First<string>(transaction), Is.EqualTo($"updated {tenant}"), $"read back, tenant {tenant}");
                }
            }

            using (CurrentTenant.Bypass("reads every tenant's rows with a hand-written predicate"))
            {
                written = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, name FROM managers WHERE id = 990 ORDER BY account_id", transaction: transaction)).ToList();
                foreach (var tenant in new[] { 1L, 2L, 3L })
                {
                    var others = await connection.QueryAsync<string>("SELECT name FROM managers WHERE account_id = @tenant AND id <> 990 ORDER BY id", new { tenant }, transaction);
                    Assert.That(others, Is.EqualTo(names[tenant]), $"the other managers of tenant {tenant} are unchanged");
                }
            }

            await transaction.RollbackAsync();
        }

        Assert.That(written, Is.EqualTo(new[] { (1L, 990L, "updated 1"), (2L, 990L, "updated 2"), (3L, 990L, "updated 3") }));
        Assert.That((await SnapshotAsync()).SameAs(before), Is.True);
    }

    [Test]
    public async Task The_builder_on_the_drivers_connection_binds_its_tenant_as_before()
    {
        var expected = await OwnProjectsAsync();
        await using var connection = new NpgsqlConnection(Databases.Shared);
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = OracleSchema.Model };
        foreach (var tenant in Interleaved)
        {
            using (CurrentTenant.Use(tenant))
            {
                Assert.That(db.Query("projects").Select("account_id", "id", "name").OrderBy("id").Get<(long, long, string)>().ToList(), Is.EqualTo(expected[tenant]), $"tenant {tenant}");
            }
        }
    }

    /// <summary>Each tenant's manager names, read on the driver's own connection with the predicate written by hand.</summary>
    private async Task<Dictionary<long, List<string>>> OwnManagerNamesAsync()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        var names = new Dictionary<long, List<string>>();
        foreach (var tenant in new[] { 1L, 2L, 3L })
        {
            names[tenant] = (await connection.QueryAsync<string>("SELECT name FROM managers WHERE account_id = @tenant ORDER BY id", new { tenant })).ToList();
        }

        return names;
    }
}
