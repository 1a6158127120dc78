using TenantDapper.Citus.Cli;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>tenantdapper-citus against a real PostgreSQL database holding the sample schema.</summary>
public sealed class CitusToolDatabaseTests : DatabaseFixture
{
    // Plain PostgreSQL on purpose: plain PostgreSQL in public, and verify must find no citus extension.
    protected override bool NeedsPlainPostgres => true;

    protected override Task CreateSchemaAsync(Npgsql.NpgsqlConnection connection) => ExecuteAsync(SampleSchema.Sql);

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new CitusTool(output, error).RunAsync([.. args, "--connection", ConnectionString], CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public async Task Plan_finds_the_tenant_tables_by_their_column_and_the_reference_table_they_point_at()
    {
        var (exit, output, _) = await RunAsync("plan", "--root", "accounts", "--tenant-column", "account_id", "--tenant", "comments:acc_id");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("""
            Reference tables (create_reference_table), parents first:
              public.countries
            """.ReplaceLineEndings("\n")));
        Assert.That(output, Does.Contain("  public.comments by acc_id\n"));
        Assert.That(output, Does.EndWith("Problems (fix them before a script can be written):\n  none\n"));
    }

    [Test]
    public async Task Plan_with_a_tenant_table_left_out_names_the_problem_and_exits_one()
    {
        var (exit, output, _) = await RunAsync("plan", "--root", "accounts", "--tenant-column", "account_id");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Does.Contain("public.comments.acc_id: foreign key comments_acc_id_fkey (acc_id) references public.accounts, which Citus will distribute, but public.comments stays local"));
    }

    [Test]
    public async Task Script_for_a_plan_with_problems_is_refused_with_exit_one_and_nothing_written()
    {
        var (exit, output, error) = await RunAsync("script", "distribute", "--root", "accounts", "--tenant-column", "account_id");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("The distribution plan has problems"));
    }

    [Test]
    public async Task Distribution_script_drops_and_re_creates_the_foreign_keys_it_read()
    {
        var (exit, output, _) = await RunAsync("script", "distribute", "--root", "accounts", "--tenant-column", "account_id", "--tenant", "comments:acc_id");

        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("ALTER TABLE \"public\".\"comments\" DROP CONSTRAINT IF EXISTS \"comments_acc_id_task_id_fkey\";"));
        Assert.That(output, Does.Contain("ALTER TABLE \"public\".\"comments\" ADD CONSTRAINT \"comments_acc_id_task_id_fkey\" FOREIGN KEY (\"acc_id\", \"task_id\") REFERENCES \"public\".\"tasks\" (\"account_id\", \"id\");"));
    }

    [Test]
    public async Task Concurrent_script_checks_its_prerequisites_first_and_writes_nothing_without_them()
    {
        var (exit, output, error) = await RunAsync("script", "distribute", "--concurrently", "--root", "accounts", "--tenant-column", "account_id", "--tenant", "comments:acc_id");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("--concurrently needs what this server does not have yet").And.Contain("the citus extension is not installed"));
    }

    [Test]
    public async Task Distribution_script_offers_to_truncate_the_local_copies_and_adds_it_when_asked()
    {
        var (_, without, _) = await RunAsync("script", "distribute", "--root", "accounts", "--tenant-column", "account_id", "--tenant", "comments:acc_id");
        var (exit, with, _) = await RunAsync("script", "distribute", "--truncate-local-data", "--root", "accounts", "--tenant-column", "account_id", "--tenant", "comments:acc_id");

        Assert.That(exit, Is.Zero);
        Assert.That(without, Does.Contain("generate the script with --truncate-local-data"));
        Assert.That(with, Does.Contain("SELECT truncate_local_data_after_distributing_table('\"public\".\"comments\"');"));
    }

    [Test]
    public async Task Verify_on_plain_postgresql_exits_one_saying_citus_is_missing()
    {
        var (exit, _, error) = await RunAsync("verify", "--root", "accounts", "--tenant-column", "account_id", "--tenant", "comments:acc_id");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("the citus extension is not installed"));
    }
}
