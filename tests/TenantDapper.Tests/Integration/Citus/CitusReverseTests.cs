using TenantDapper.Citus;
using TenantDapper.Citus.Scripting;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>The reverse script turns a distributed sample schema back into local tables, rows and keys intact.</summary>
public sealed class CitusReverseTests : CitusClusterFixture
{
    [Test]
    public async Task Reverse_script_leaves_local_tables_with_their_rows_and_foreign_keys()
    {
        await using (var connection = await OpenConnectionAsync())
        {
            await CitusDistribution.RunAsync(connection, new CitusScriptWriter().UndistributionLines(Plan), CancellationToken.None);
        }

        var citusTables = await QueryAsync("""
            SELECT count(*) FROM pg_dist_partition p
            JOIN pg_class c ON c.oid = p.logicalrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1
            """);
        var tasks = await QueryAsync("SELECT string_agg(account_id || ':' || id, ',' ORDER BY id) FROM tasks");
        var foreignKeys = await QueryAsync("""
            SELECT count(*) FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND con.contype = 'f'
            """);

        Assert.That(citusTables, Is.EqualTo(new[] { "0" }));
        Assert.That(tasks, Is.EqualTo(new[] { "1:100,1:101,2:200" }));
        Assert.That(foreignKeys, Is.EqualTo(new[] { Plan.ForeignKeysToCreate.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
    }
}
