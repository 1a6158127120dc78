using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// INSERT ... SELECT ... ON CONFLICT DO UPDATE on a real cluster. Citus runs an INSERT ... SELECT that joins a reference
/// table through the coordinator and sends the workers a DO UPDATE WHERE without its parameters ("bind message supplies 0
/// parameters"), so the tenant guard the rewriter writes there would fail every such upsert; a conflict target holding the
/// tenant column (as Citus requires) needs no guard.
/// </summary>
public sealed class CitusUpsertTests : CitusClusterFixture
{
    private const string Upsert =
        "INSERT INTO managers (id, name) SELECT m.id + 100, m.name || '-' || c.code FROM managers m JOIN countries c ON c.code = 'NL' ON CONFLICT (account_id, id) DO UPDATE SET name = excluded.name || '!'";

    [Test]
    public async Task Insert_select_upsert_joining_a_reference_table_inserts_then_updates_the_tenants_rows_only()
    {
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(ConnectionString), Model);
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.ExecuteAsync(Upsert, transaction: transaction), Is.EqualTo(1), "inserted");
            Assert.That(await connection.ExecuteAsync(Upsert, transaction: transaction), Is.EqualTo(2), "101 again, now a conflict, is updated; 201 is inserted");
        }

        using (CurrentTenant.Bypass("test: every tenant's managers"))
        {
            var rows = await connection.QueryAsync<string>("SELECT account_id || ':' || id || ':' || name FROM managers ORDER BY account_id, id", transaction: transaction);
            Assert.That(rows, Is.EqualTo(new[] { "1:1:ann", "1:101:ann-NL!", "1:201:ann-NL-NL", "2:2:bob" }));
        }

        await transaction.RollbackAsync();
    }
}
