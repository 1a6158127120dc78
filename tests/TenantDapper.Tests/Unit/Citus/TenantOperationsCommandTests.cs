using TenantDapper.Citus.Cli;

namespace TenantDapper.Tests.Unit.Citus;

public sealed class TenantOperationsCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new CitusTool(output, error).RunAsync(args, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [TestCase(new[] { "isolate", "--table", "accounts", "--value", "1", "--connection", "Host=x" }, "isolate needs an action: plan, script or verify")]
    [TestCase(new[] { "isolate", "split", "--table", "accounts", "--value", "1" }, "Unknown action 'split' of isolate")]
    [TestCase(new[] { "isolate", "plan", "--table", "accounts", "--connection", "Host=x" }, "isolate needs --table")]
    [TestCase(new[] { "isolate", "script", "--table", "accounts", "--value", "1" }, "isolate reads the tenant's shards on the coordinator: give --connection")]
    [TestCase(new[] { "rebalance", "plan" }, "rebalance plan runs on the coordinator: give --connection")]
    [TestCase(new[] { "rebalance", "script", "--node", "h:1" }, "--node is an option of isolate")]
    [TestCase(new[] { "stats" }, "stats reads citus_stat_tenants on the coordinator")]
    [TestCase(new[] { "stats", "script", "--by", "memory" }, "--by takes queries or cpu")]
    [TestCase(new[] { "stats", "script", "--top", "none" }, "--top takes a whole number")]
    [TestCase(new[] { "rebalance", "script", "--transfer-mode", "fast" }, "Unknown shard transfer mode 'fast'")]
    public async Task Wrong_tenant_operation_command_lines_exit_two_with_a_message_saying_what_to_do(string[] args, string message)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.That(exit, Is.EqualTo(2), error);
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain(message).And.Contain("See tenantdapper-citus --help."));
    }

    [Test]
    public async Task Stats_script_writes_the_top_tenants_query_without_a_database()
    {
        var (exit, output, _) = await RunAsync("stats", "script", "--top", "3", "--table", "app.accounts");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("FROM citus_stat_tenants(true)").And.Contain("'\"app\".\"accounts\"'::regclass").And.Contain("LIMIT 3;"));
    }

    [Test]
    public async Task Rebalance_script_names_the_table_in_the_default_schema()
    {
        var (exit, output, _) = await RunAsync("rebalance", "script", "--table", "accounts", "--transfer-mode", "block_writes");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("SELECT rebalance_table_shards('\"public\".\"accounts\"', shard_transfer_mode => 'block_writes')"));
    }

    [Test]
    public async Task Help_lists_the_tenant_operations()
    {
        var (_, output, _) = await RunAsync("--help");

        Assert.That(output, Does.Contain("tenantdapper-citus isolate plan|script|verify").And.Contain("tenantdapper-citus stats").And.Contain("tenantdapper-citus rebalance plan|script|verify"));
    }
}
