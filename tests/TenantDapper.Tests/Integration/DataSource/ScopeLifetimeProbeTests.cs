using Npgsql;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// A chunked read keeps the tenant it started with, whatever its callback does to the ambient tenant, and its pages are
/// the tenant's rows only; a callback that changes the tenant changes only its own statements.
/// </summary>
public class ScopeLifetimeProbeTests : DataSourceFixture
{
    [Test]
    public async Task Chunk_pages_keep_the_tenant_of_the_call_while_the_callback_switches_tenants()
    {
        var own = await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 1");
        await using var connection = new NpgsqlConnection(Databases.Shared);
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = OracleSchema.Model };
        var seen = new List<long>();
        var inCallback = new List<long>();
        using (CurrentTenant.Use(1L))
        {
            await db.Query("tasks").Select("account_id").OrderBy("id").ChunkAsync<long>(2, (rows, page) =>
            {
                seen.AddRange(rows);
                using (CurrentTenant.Use(3L))
                {
                    inCallback.AddRange(db.Query("projects").Select("account_id").Get<long>());
                }
            });
        }

        Assert.That(seen, Has.Count.EqualTo(own).And.All.EqualTo(1L));
        Assert.That(inCallback, Is.Not.Empty.And.All.EqualTo(3L));
        Assert.That(CurrentTenant.IsSet, Is.False);
    }

    [Test]
    public async Task Chunk_started_without_a_tenant_is_refused_even_if_the_callback_sets_one()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = OracleSchema.Model };
        Assert.That(() => db.Query("tasks").OrderBy("id").ChunkAsync<long>(2, (_, _) => { }), Throws.TypeOf<TenantNotSetException>());
    }
}
