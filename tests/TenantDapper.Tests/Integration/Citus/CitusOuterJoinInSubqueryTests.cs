using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>
/// Several tenants on a real cluster, a sub-query that LEFT JOINs a tenant table to a reference table: the rewriter
/// ties the tenant table to the outer row's tenant in the join's ON. Citus 13.2's pushdown of
/// <c>reference LEFT JOIN distributed</c> (citus.enable_recurring_outer_join_pushdown) reads that outer column as a
/// column of the reference table at the same range-table position, and restricts the reference table's rows to the
/// shard by it: rows go missing when that column has the tenant key's type, and the statement fails
/// (<c>function hashint8(text) does not exist</c>) when it has another. The rows must be those plain PostgreSQL returns.
/// </summary>
public sealed class CitusOuterJoinInSubqueryTests : CitusClusterFixture
{
    private TenantDataSource? _source;

    private TenantDataSource Source => _source ?? throw new InvalidOperationException("The data source is created in OneTimeSetUp.");

    [OneTimeSetUp]
    public async Task CreateReferenceTableAndDataSourceAsync()
    {
        await using (var connection = await OpenConnectionAsync())
        await using (var command = new NpgsqlCommand(
            "CREATE TABLE priorities (rank bigint PRIMARY KEY, label text NOT NULL); INSERT INTO priorities SELECT g, 'p' || g FROM generate_series(1, 30) g; SELECT create_reference_table('priorities');",
            connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        _source = new TenantDataSource(NpgsqlDataSource.Create(ConnectionString), Model);
    }

    [OneTimeTearDown]
    public async Task DisposeDataSourceAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
    }

    [Test]
    public async Task Sub_query_joining_a_reference_table_keyed_like_the_tenant_returns_every_tenants_rows()
    {
        // Both projects' ids (10, 20) are ranks and both have a manager; the reference table's first column is a bigint, like the tenant key.
        var rows = await ReadForBothTenantsAsync(
            "SELECT p.account_id, p.id FROM projects p WHERE p.id IN (SELECT r.rank FROM priorities r LEFT JOIN managers m ON m.id = p.manager_id WHERE m.id IS NOT NULL) ORDER BY 1, 2");

        Assert.That(rows, Is.EqualTo(new[] { "1 | 10", "2 | 20" }));
    }

    [Test]
    public async Task Sub_query_joining_a_reference_table_keyed_by_text_runs_and_returns_every_tenants_rows()
    {
        // No manager is named like a country, so the sub-query is empty for every manager and NOT IN keeps them all.
        var rows = await ReadForBothTenantsAsync(
            "SELECT m.account_id, m.id, m.name FROM managers m WHERE m.id NOT IN (SELECT o.id FROM countries c LEFT JOIN managers o ON o.name = c.code WHERE o.id >= m.id) ORDER BY 1, 2");

        Assert.That(rows, Is.EqualTo(new[] { "1 | 1 | ann", "2 | 2 | bob" }));
    }

    private async Task<List<string>> ReadForBothTenantsAsync(string sql)
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.UseMany([1L, 2L]))
        {
            var rows = await connection.QueryAsync(sql);
            return [.. rows.Select(row => string.Join(" | ", ((IDictionary<string, object>)row).Values))];
        }
    }
}
