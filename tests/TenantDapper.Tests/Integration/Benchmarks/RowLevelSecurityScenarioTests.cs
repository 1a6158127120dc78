using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Database;
using TenantDapper.Benchmarks.Measuring;
using TenantDapper.Benchmarks.Scenarios;

namespace TenantDapper.Tests.Integration.Benchmarks;

/// <summary>The benchmark's row-level security scenario runs on a real server with a tiny data set, and its RLS contender really is held by the policies.</summary>
public class RowLevelSecurityScenarioTests() : BenchmarkFixture(new TenantDataSet(tenants: 3, tasksPerTenant: 40))
{
    // The scenario measures plain PostgreSQL: on a Citus coordinator the fixture still gets a database without the extension.
    protected override bool NeedsPlainPostgres => true;

    [Test]
    public async Task Rls_scenario_times_lookup_join_and_insert_off_against_an_aa_control_and_on_against_the_goal()
    {
        var result = await new RowLevelSecurityScenario().RunAsync(Context(), CancellationToken.None);

        Assert.That(result.Comparisons.Select(c => c.Title), Is.EqualTo(new[] { "key lookup (one project by id)", "2-table join (one project's 20 tasks)", "insert (one task)" }));
        Assert.That(result.Comparisons.Select(c => c.Goal), Has.All.EqualTo(RowLevelSecurityScenario.Goal));
        Assert.That(
            result.Comparisons.Select(c => c.Contenders.Select(contender => contender.Name)),
            Has.All.EqualTo(new[] { RowLevelSecurityScenario.Off, RowLevelSecurityScenario.OffAgain, RowLevelSecurityScenario.On }));
        Assert.That(result.Comparisons.SelectMany(c => c.Contenders.Skip(1)).Select(c => c.RatioToBaseline!.Median), Has.All.GreaterThan(0));
    }

    [Test]
    public async Task Rls_scenario_counts_one_round_trip_per_statement_with_rls_on()
    {
        var result = await new RowLevelSecurityScenario().RunAsync(Context(), CancellationToken.None);

        var on = result.Comparisons.Select(c => c.Contenders.Single(contender => contender.Name == RowLevelSecurityScenario.On).Facts[RowLevelSecurityScenario.RoundTripsFact]);
        Assert.That(on, Has.All.Match(@"^1 \(.*; goal ≤ 1: met$"));
    }

    [Test]
    public async Task Rls_scenario_leaves_the_benchmark_tables_as_loaded()
    {
        await new RowLevelSecurityScenario().RunAsync(Context(), CancellationToken.None);

        await using var connection = await Database.OpenConnectionAsync(CancellationToken.None);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM tasks"), Is.EqualTo(Data.Tenants * Data.TasksPerTenant));
    }

    [Test]
    public async Task The_rls_copys_plain_connection_sees_no_project_without_a_tenant_setting()
    {
        await using var copy = await RowLevelSecurityCopy.CreateAsync(Database, Data, CancellationToken.None);
        try
        {
            Assert.That(await RowLevelSecurityScenario.ProjectsSeenWithoutTenantAsync(copy.SecuredConnectionString, CancellationToken.None), Is.Zero);
            Assert.That(await RowLevelSecurityScenario.ProjectsSeenWithoutTenantAsync(copy.PlainConnectionString, CancellationToken.None), Is.EqualTo(Data.Tenants * Data.ProjectsPerTenant));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    [Test]
    public async Task The_rls_data_source_of_the_copy_returns_the_tenants_project_as_an_application_role_that_cannot_bypass()
    {
        await using var copy = await RowLevelSecurityCopy.CreateAsync(Database, Data, CancellationToken.None);
        try
        {
            await using var source = new TenantDataSource(
                NpgsqlDataSource.Create(copy.SecuredConnectionString), BenchmarkSchema.TenantModel(copy.Schema), new TenantDataSourceOptions { RowLevelSecurity = true });
            await using var connection = await source.OpenConnectionAsync();
            var project = Data.ProjectId(2, 0);
            using (CurrentTenant.Use(2L))
            {
                Assert.That(await connection.QueryFirstOrDefaultAsync<ProjectRow>(PlainDapperScenario.KeyLookupSql, new { Project = project }), Is.EqualTo(new ProjectRow(project, $"project {project}")));
            }

            await using var plain = new NpgsqlConnection(copy.SecuredConnectionString);
            await plain.OpenAsync();
            var role = await plain.QuerySingleAsync<(bool Super, bool Bypass)>("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user");
            Assert.That(role, Is.EqualTo((false, false)));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
        }
    }

    [Test]
    public async Task Disposing_the_rls_copy_drops_its_schema_and_role()
    {
        var copy = await RowLevelSecurityCopy.CreateAsync(Database, Data, CancellationToken.None);

        await copy.DisposeAsync();

        await using var connection = await OpenConnectionAsync();
        var left = await connection.ExecuteScalarAsync<long>(
            "SELECT (SELECT count(*) FROM pg_namespace WHERE nspname IN (@Schema, 'tenantdapper')) + (SELECT count(*) FROM pg_roles WHERE rolname = @Role)",
            new { copy.Schema, copy.Role });
        Assert.That(left, Is.Zero);
    }

}
