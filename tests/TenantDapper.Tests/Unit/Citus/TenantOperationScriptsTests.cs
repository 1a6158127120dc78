using TenantDapper.Citus.Operations;
using TenantDapper.Citus.Scripting;

namespace TenantDapper.Tests.Unit.Citus;

public sealed class TenantOperationScriptsTests
{
    private static readonly TableName Accounts = new("public", "accounts");

    private static string Statements(IEnumerable<ScriptLine> lines) => string.Join("\n", lines.Where(l => l.IsStatement).Select(l => l.Render()));

    [Test]
    public void Isolation_script_splits_with_cascade_only_when_the_tenant_shares_its_shard()
    {
        var sql = Statements(TenantOperationScripts.Isolation(new TenantIsolation(Accounts, "42", "bigint")));

        Assert.That(sql, Is.EqualTo("""
            SELECT isolate_tenant_to_new_shard('"public"."accounts"', '42'::bigint, 'CASCADE', shard_transfer_mode => 'auto')
            WHERE NOT EXISTS (
                SELECT FROM pg_dist_shard s
                WHERE s.shardid = get_shard_id_for_distribution_column('"public"."accounts"', '42'::bigint)
                  AND s.shardminvalue = s.shardmaxvalue);
            """));
    }

    [Test]
    public void Isolation_script_with_a_node_moves_the_shard_group_unless_it_is_there()
    {
        var lines = TenantOperationScripts.Isolation(new TenantIsolation(Accounts, "42", "bigint", new CitusNode("10.0.0.5", 5432), ShardTransferModes.BlockWrites));
        var move = lines.Where(l => l.IsStatement).Last().Text;

        Assert.That(move, Does.StartWith("SELECT citus_move_shard_placement(p.shardid, n.nodename, n.nodeport, '10.0.0.5', 5432, shard_transfer_mode => 'block_writes')"));
        Assert.That(move, Does.EndWith("AND (n.nodename, n.nodeport) IS DISTINCT FROM ('10.0.0.5', 5432)"));
        Assert.That(lines.Count(l => l.IsStatement), Is.EqualTo(2));
    }

    [Test]
    public void Tenant_value_quotes_are_doubled_in_every_statement()
    {
        var isolation = new TenantIsolation(Accounts, "o'brien", "text");

        Assert.That(Statements(TenantOperationScripts.Isolation(isolation)), Does.Contain("'o''brien'::text").And.Not.Contain("'o'brien'"));
        Assert.That(Statements(TenantOperationScripts.IsolationVerification(isolation)), Does.Contain("'o''brien'::text"));
    }

    [TestCase("a\\' ; DROP TABLE accounts; --")]
    [TestCase("nul\0")]
    public void Tenant_value_with_a_backslash_or_nul_is_refused(string tenant)
    {
        var isolation = new TenantIsolation(Accounts, tenant, "text");

        Assert.That(() => TenantOperationScripts.Isolation(isolation), Throws.ArgumentException.With.Message.Contains("backslash or NUL"));
    }

    [TestCase("bigint; DROP TABLE accounts")]
    [TestCase("text'")]
    [TestCase("int -- x")]
    public void Tenant_type_that_is_not_a_type_name_is_refused(string type)
    {
        Assert.That(() => new TenantIsolation(Accounts, "1", type), Throws.ArgumentException.With.Message.Contains("is not a type name"));
    }

    [TestCase("character varying(20)")]
    [TestCase("uuid")]
    [TestCase("\"My Type\"")]
    [TestCase("integer[]")]
    public void Tenant_types_as_format_type_writes_them_are_accepted(string type)
    {
        Assert.That(new TenantIsolation(Accounts, "1", type).TenantConstant, Is.EqualTo("'1'::" + type));
    }

    [Test]
    public void Unknown_transfer_mode_and_an_unqualified_table_are_refused()
    {
        Assert.That(() => new TenantIsolation(Accounts, "1", "bigint", null, "fast"), Throws.ArgumentException.With.Message.Contains("use auto, force_logical or block_writes"));
        Assert.That(() => new TenantIsolation(new TableName(null, "accounts"), "1", "bigint"), Throws.ArgumentException.With.Message.Contains("public.accounts"));
    }

    [Test]
    public void Isolation_check_raises_naming_tables_not_isolated_and_not_on_the_node()
    {
        var check = TenantOperationScripts.IsolationVerification(new TenantIsolation(Accounts, "42", "bigint", new CitusNode("10.0.0.5", 5432))).Single(l => l.IsStatement).Text;

        Assert.That(check, Does.StartWith("DO $verify$"));
        Assert.That(check, Does.Contain("t.shardminvalue IS DISTINCT FROM t.shardmaxvalue"));
        Assert.That(check, Does.Contain("n.nodename = '10.0.0.5' AND n.nodeport = 5432"));
        Assert.That(check, Does.Contain("RAISE EXCEPTION 'Tenant % is not isolated as planned: %'"));
    }

    [Test]
    public void Statistics_query_ranks_by_queries_or_cpu_and_says_how_to_switch_tracking_on()
    {
        var lines = TenantOperationScripts.Statistics(5, TenantRanking.Cpu, Accounts);
        var query = lines.Single(l => l.IsStatement).Text;

        Assert.That(query, Does.Contain("FROM citus_stat_tenants(true)"));
        Assert.That(query, Does.Contain("WHERE colocation_id = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = '\"public\".\"accounts\"'::regclass)"));
        Assert.That(query, Does.Contain("ORDER BY sum(cpu_usage_in_this_period + cpu_usage_in_last_period) DESC"));
        Assert.That(query, Does.EndWith("LIMIT 5"));
        Assert.That(TenantOperationScripts.Render(lines), Does.Contain("ALTER SYSTEM SET citus.stat_tenants_track = 'all'"));
        Assert.That(TenantOperationScripts.Statistics(10, TenantRanking.Queries).Single(l => l.IsStatement).Text, Does.Not.Contain("WHERE").And.Contain("ORDER BY sum(query_count_in_this_period"));
        Assert.That(() => TenantOperationScripts.Statistics(0, TenantRanking.Queries), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Rebalance_of_the_cluster_starts_only_when_something_moves_and_nothing_runs()
    {
        var statements = TenantOperationScripts.Rebalance(null, ShardTransferModes.Auto).Where(l => l.IsStatement).Select(l => l.Text).ToList();

        Assert.That(statements, Has.Count.EqualTo(2));
        Assert.That(statements[0], Does.StartWith("SELECT citus_rebalance_start(shard_transfer_mode => 'auto')\nWHERE EXISTS (SELECT FROM get_rebalance_table_shards_plan())"));
        Assert.That(statements[0], Does.Contain("NOT EXISTS (SELECT FROM pg_dist_background_job WHERE state IN ('scheduled', 'running', 'cancelling', 'failing'))"));
        Assert.That(statements[1], Does.StartWith("SELECT citus_rebalance_wait()\nWHERE EXISTS"));
    }

    [Test]
    public void Rebalance_of_one_table_moves_its_colocation_group_in_the_foreground_when_its_plan_moves_anything()
    {
        var statement = TenantOperationScripts.Rebalance(Accounts, ShardTransferModes.BlockWrites).Single(l => l.IsStatement).Text;

        Assert.That(statement, Is.EqualTo("""
            SELECT rebalance_table_shards('"public"."accounts"', shard_transfer_mode => 'block_writes')
            WHERE EXISTS (SELECT FROM get_rebalance_table_shards_plan('"public"."accounts"'))
            """));
    }

    [Test]
    public void Rebalance_check_raises_while_the_plan_moves_shards()
    {
        var check = TenantOperationScripts.RebalanceVerification(Accounts).Single(l => l.IsStatement).Text;

        Assert.That(check, Does.Contain("SELECT count(*) INTO moves FROM get_rebalance_table_shards_plan('\"public\".\"accounts\"')"));
        Assert.That(check, Does.Contain("RAISE EXCEPTION 'The shards are not balanced"));
    }

    [TestCase("10.0.0.5:5432", "10.0.0.5", 5432)]
    [TestCase("coordinator.internal:9700", "coordinator.internal", 9700)]
    public void Node_is_read_as_host_and_port(string text, string host, int port)
    {
        Assert.That(CitusNode.Parse(text), Is.EqualTo(new CitusNode(host, port)));
    }

    [TestCase("10.0.0.5")]
    [TestCase(":5432")]
    [TestCase("host:0")]
    [TestCase("host:port")]
    public void Node_without_a_host_and_a_valid_port_is_refused(string text)
    {
        Assert.That(() => CitusNode.Parse(text), Throws.ArgumentException.With.Message.Contains("host:port"));
    }
}
