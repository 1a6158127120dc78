using System.Text.RegularExpressions;
using TenantDapper.Citus;
using TenantDapper.Citus.Scripting;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>The sample schema distributed on a real Citus cluster: metadata, verification and routing.</summary>
public sealed partial class CitusDistributionTests : CitusClusterFixture
{
    [Test]
    public async Task Pg_dist_partition_shows_every_tenant_table_by_its_tenant_column_in_one_colocation_group()
    {
        var rows = await QueryAsync("""
            SELECT c.relname, p.partmethod, coalesce(column_to_column_name(p.logicalrelid, p.partkey), '-'),
                   dense_rank() OVER (ORDER BY p.colocationid)
            FROM pg_dist_partition p
            JOIN pg_class c ON c.oid = p.logicalrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1 AND p.partmethod = 'h'
            ORDER BY c.relname
            """);

        Assert.That(rows, Is.EqualTo(new[]
        {
            "accounts | h | id | 1",
            "comments | h | acc_id | 1",
            "managers | h | account_id | 1",
            "project_managers | h | account_id | 1",
            "projects | h | account_id | 1",
            "tasks | h | account_id | 1",
        }));
    }

    [Test]
    public async Task Countries_is_a_reference_table_and_audit_log_stays_local()
    {
        var rows = await QueryAsync("""
            SELECT c.relname, coalesce(p.partmethod::text || '/' || p.repmodel::text, 'local')
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_dist_partition p ON p.logicalrelid = c.oid
            WHERE n.nspname = $1 AND c.relname IN ('countries', 'audit_log')
            ORDER BY c.relname
            """);

        Assert.That(rows, Is.EqualTo(new[] { "audit_log | local", "countries | n/t" }));
    }

    [Test]
    public async Task Verification_passes_on_the_distributed_schema()
    {
        await using var connection = await OpenConnectionAsync();

        Assert.That(async () => await CitusDistribution.VerifyAsync(connection, Plan), Throws.Nothing);
    }

    [Test]
    public async Task Planning_again_on_the_distributed_schema_finds_nothing_to_do()
    {
        await using var connection = await OpenConnectionAsync();

        var again = DistributionPlanner.Plan(Model, await SchemaCatalog.ReadAsync(connection));

        Assert.That(again.Problems, Is.Empty);
        Assert.That(again.IsComplete, Is.True, again.ToText());
        Assert.That(new CitusScriptWriter().DistributionLines(again).Where(l => l.IsStatement), Is.Empty);
    }

    [Test]
    public async Task Running_the_first_distribution_script_again_changes_nothing()
    {
        await using var connection = await OpenConnectionAsync();
        const string Placements = """
            SELECT string_agg(c.relname || ' ' || p.partmethod::text || ' ' || p.colocationid, ', ' ORDER BY c.relname)
            FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = $1
            """;
        var before = await QueryAsync(Placements);

        await CitusDistribution.RunAsync(connection, new CitusScriptWriter().DistributionLines(Plan), CancellationToken.None);

        Assert.That(await QueryAsync(Placements), Is.EqualTo(before));
        Assert.That(async () => await CitusDistribution.VerifyAsync(connection, Plan), Throws.Nothing);
    }

    [Test]
    public async Task Concurrent_prerequisites_name_a_shard_replication_factor_above_one()
    {
        await using var connection = await OpenConnectionAsync();
        var before = await ConcurrentPrerequisites.CheckAsync(connection);
        await using (var set = new Npgsql.NpgsqlCommand("SET citus.shard_replication_factor = 2", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        var after = await ConcurrentPrerequisites.CheckAsync(connection);

        Assert.That(after.Except(before), Has.One.Contains("citus.shard_replication_factor is 2"));
    }

    [Test]
    public async Task Verification_fails_naming_a_tenant_table_that_is_not_distributed()
    {
        await using var connection = await OpenConnectionAsync();
        await using (var create = new Npgsql.NpgsqlCommand("CREATE TABLE stray_notes (account_id bigint NOT NULL, body text)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var model = new TenantModelBuilder().DefaultSchema(Schema).TenantRoot("accounts", "id").TenantTable("tasks", "account_id").TenantTable("stray_notes", "account_id").Build();

        Assert.That(
            async () => await CitusDistribution.VerifyAsync(connection, DistributionPlanner.Plan(model)),
            Throws.TypeOf<CitusVerificationException>().With.Message.Contains($"{Schema}.stray_notes is not a Citus table"));
    }

    [Test]
    public async Task Join_scoped_to_one_tenant_is_routed_to_one_shard()
    {
        var plan = string.Join("\n", await QueryAsync("""
            EXPLAIN SELECT t.title FROM projects p
            JOIN tasks t ON t.project_id = p.id AND t.account_id = p.account_id
            WHERE p.account_id = 1
            """));

        Assert.That(TaskCount(plan), Is.EqualTo(1), plan);
    }

    [Test]
    public async Task Join_without_a_tenant_filter_runs_on_every_shard()
    {
        var plan = string.Join("\n", await QueryAsync("""
            EXPLAIN SELECT count(*) FROM projects p
            JOIN tasks t ON t.project_id = p.id AND t.account_id = p.account_id
            """));

        Assert.That(TaskCount(plan), Is.GreaterThan(1), plan);
    }

    [Test]
    public async Task Scoped_join_returns_only_the_tenants_rows()
    {
        var rows = await QueryAsync("""
            SELECT t.title FROM projects p
            JOIN tasks t ON t.project_id = p.id AND t.account_id = p.account_id
            WHERE p.account_id = 1
            ORDER BY t.id
            """);

        Assert.That(rows, Is.EqualTo(new[] { "one", "two" }));
    }

    private static int TaskCount(string explain)
    {
        var match = TaskCountPattern().Match(explain);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
    }

    [GeneratedRegex(@"Task Count: (\d+)")]
    private static partial Regex TaskCountPattern();
}
