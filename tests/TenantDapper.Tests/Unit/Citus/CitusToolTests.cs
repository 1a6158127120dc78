using TenantDapper.Citus.Cli;

namespace TenantDapper.Tests.Unit.Citus;

public sealed class CitusToolTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new CitusTool(output, error).RunAsync(args, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public async Task Help_prints_the_usage_and_exits_zero()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("tenantdapper-citus script distribute|undistribute|verify"));
    }

    [Test]
    public async Task No_arguments_print_the_usage_to_standard_error_and_exit_two()
    {
        var (exit, output, error) = await RunAsync();

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("Usage:"));
    }

    [TestCase(new[] { "deploy", "--root", "accounts" }, "Unknown command 'deploy'")]
    [TestCase(new[] { "plan" }, "--root is required")]
    [TestCase(new[] { "script", "--root", "accounts" }, "script needs a kind")]
    [TestCase(new[] { "script", "publish", "--root", "accounts" }, "Unknown script 'publish'")]
    [TestCase(new[] { "verify", "--root", "accounts" }, "verify runs on the coordinator: give --connection")]
    [TestCase(new[] { "plan", "--root", "accounts", "--tenant", "comments" }, "--tenant takes table:column")]
    [TestCase(new[] { "plan", "--root", "accounts", "--shard-count", "many" }, "--shard-count takes a whole number")]
    [TestCase(new[] { "script", "distribute", "--root", "accounts", "--concurrently", "--lock-timeout", "5m" }, "--lock-timeout takes whole seconds")]
    [TestCase(new[] { "plan", "--root", "accounts", "--tenant-column", "account_id" }, "--tenant-column finds tenant tables in a database")]
    [TestCase(new[] { "plan", "--root", "accounts", "--colour" }, "Unknown option '--colour'")]
    public async Task Wrong_command_lines_exit_two_with_a_message_saying_what_to_do(string[] args, string message)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain(message).And.Contain("See tenantdapper-citus --help."));
    }

    [Test]
    public async Task Script_from_named_tables_alone_distributes_them()
    {
        var (exit, output, _) = await RunAsync("script", "distribute", "--root", "accounts", "--tenant", "projects:account_id", "--reference", "countries");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("SELECT create_reference_table('\"public\".\"countries\"')\n"));
        Assert.That(output, Does.Contain("SELECT create_distributed_table('\"public\".\"projects\"', 'account_id', colocate_with => '\"public\".\"accounts\"')\n"));
    }

    [Test]
    public async Task Lock_timeout_option_sets_the_concurrent_scripts_lock_timeout()
    {
        var (exit, output, _) = await RunAsync("script", "distribute", "--root", "accounts", "--tenant", "projects:account_id", "--concurrently", "--lock-timeout", "30");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("\nSET lock_timeout = '30s';\n"));
    }

    [Test]
    public async Task Unreachable_database_exits_three()
    {
        var (exit, _, error) = await RunAsync("plan", "--root", "accounts", "--connection", "Host=127.0.0.1;Port=1;Database=none;Timeout=2");

        Assert.That(exit, Is.EqualTo(3));
        Assert.That(error, Does.Contain("could not read the database"));
    }

    [Test]
    public async Task Out_writes_the_script_to_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tenantdapper-citus-{Guid.NewGuid():N}.sql");
        try
        {
            var (exit, output, _) = await RunAsync("script", "verify", "--root", "accounts", "--out", path);

            Assert.That(exit, Is.Zero);
            Assert.That(output, Is.Empty);
            Assert.That(await File.ReadAllTextAsync(path), Does.StartWith("-- Citus verification script"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
