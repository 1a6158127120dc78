using TenantDapper.Citus;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>The generated scripts checked in under sql/sample are what the generator produces today.</summary>
public sealed class SampleScriptFilesTests : DatabaseFixture
{
    // Plain PostgreSQL on purpose: the checked-in scripts name public.
    protected override bool NeedsPlainPostgres => true;

    private const string RegenerateVariable = "TENANTDAPPER_REGENERATE_SQL";

    private DistributionPlan plan = null!;

    protected override async Task CreateSchemaAsync(Npgsql.NpgsqlConnection connection)
    {
        await ExecuteAsync(SampleSchema.Sql);
        plan = DistributionPlanner.Plan(SampleSchema.Model, await SchemaCatalog.ReadAsync(connection));
    }

    [TestCase("sql/sample/distribute.sql")]
    [TestCase("sql/sample/undistribute.sql")]
    [TestCase("sql/sample/verify.sql")]
    [TestCase("sql/sample/rls.sql")]
    [TestCase("sql/sample/rls-remove.sql")]
    [TestCase("sql/sample/rls-verify.sql")]
    [TestCase("sql/sample/rls-citus.sql")]
    [TestCase("sql/sample/rls-verify-citus.sql")]
    [TestCase("sql/sample/rls-remove-citus.sql")]
    public async Task Checked_in_script_is_what_the_generator_writes_for_the_sample_schema(string file)
    {
        var writer = new CitusScriptWriter();
        var generated = Path.GetFileName(file) switch
        {
            "distribute.sql" => writer.WriteDistribution(plan),
            "undistribute.sql" => writer.WriteUndistribution(plan),
            "rls.sql" => RowLevelSecurityScripts.Enable(SampleSchema.Model),
            "rls-remove.sql" => RowLevelSecurityScripts.Remove(SampleSchema.Model),
            "rls-verify.sql" => RowLevelSecurityScripts.Verification(SampleSchema.Model),
            "rls-citus.sql" => RowLevelSecurityScripts.Enable(SampleSchema.Model, RowLevelSecurityServer.Citus),
            "rls-remove-citus.sql" => RowLevelSecurityScripts.Remove(SampleSchema.Model, RowLevelSecurityServer.Citus),
            "rls-verify-citus.sql" => RowLevelSecurityScripts.Verification(SampleSchema.Model, RowLevelSecurityServer.Citus),
            _ => writer.WriteVerification(plan),
        };
        var path = RepositoryFiles.PathOf(file);
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, generated);
        }

        var checkedIn = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "(missing)";

        Assert.That(
            checkedIn,
            Is.EqualTo(generated),
            $"{file} differs from what the generator writes today. Review the change, then regenerate the sample scripts with: "
            + $"{RegenerateVariable}=1 dotnet test tests/TenantDapper.Tests --filter \"FullyQualifiedName~SampleScriptFilesTests\"");
    }

    [Test]
    public void Sample_schema_plans_without_problems_or_key_changes()
    {
        Assert.That(plan.Problems, Is.Empty);
        Assert.That(plan.KeyChanges, Is.Empty);
    }
}
