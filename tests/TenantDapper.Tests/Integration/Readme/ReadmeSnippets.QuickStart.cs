#region README
using Dapper;
using Npgsql;
using TenantDapper;
#endregion

namespace TenantDapper.Tests.Integration.Readme.QuickStart;

/// <summary>README, "Quick start" (and the docs' getting-started page): the first program a user copies.</summary>
public sealed class QuickStartSnippets : ReadmeFixture
{
    [Test]
    public async Task Quick_start_creates_the_table_writes_for_one_tenant_and_shows_another_tenant_nothing()
    {
        var connectionString = ConnectionString;
        #region README
        var model = new TenantModelBuilder()
            .TenantKey<long>()
            .TenantTable("notes", "account_id")               // a tenant table and its tenant column
            .Build();
        await using var tenants = new TenantDataSource(NpgsqlDataSource.Create(connectionString), model);

        using (CurrentTenant.Bypass("create the table"))      // DDL is sent as written only under a named bypass
        {
            await using var conn = await tenants.OpenConnectionAsync();
            await conn.ExecuteAsync("create table notes (account_id bigint not null, text text not null)");
        }

        using (CurrentTenant.Use(1L))
        {
            await using var conn = await tenants.OpenConnectionAsync();
            await conn.ExecuteAsync("insert into notes (text) values (@text)", new { text = "hello" });   // account_id = 1 added
        }

        IEnumerable<string> seen;
        using (CurrentTenant.Use(2L))
        {
            await using var conn = await tenants.OpenConnectionAsync();
            var db = new QueryFactory(conn, new PostgresCompiler());                // the builder, scoped the same way
            seen = await db.Query("notes").Select("text").GetAsync<string>();       // empty: the note is tenant 1's
        }
        #endregion

        Assert.That(seen, Is.Empty, "tenant 2 must not read tenant 1's note");
        Assert.That(await RowsAsync("SELECT account_id || ':' || text FROM notes"), Is.EqualTo(new[] { "1:hello" }));
    }
}
