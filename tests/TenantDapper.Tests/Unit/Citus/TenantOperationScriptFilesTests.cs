using TenantDapper.Citus.Operations;
using TenantDapper.Tests.Integration.Citus;

namespace TenantDapper.Tests.Unit.Citus;

/// <summary>The tenant-operation scripts checked in under sql/sample are what the generator writes for the sample schema (tenant 1).</summary>
public sealed class TenantOperationScriptFilesTests
{
    private const string RegenerateVariable = "TENANTDAPPER_REGENERATE_SQL";

    private static readonly TenantIsolation Isolation = new(new TableName("public", "accounts"), "1", "bigint");

    [TestCase("sql/sample/isolate_tenant.sql")]
    [TestCase("sql/sample/verify_isolation.sql")]
    [TestCase("sql/sample/tenant_stats.sql")]
    [TestCase("sql/sample/rebalance.sql")]
    [TestCase("sql/sample/verify_rebalance.sql")]
    public async Task Checked_in_tenant_operation_script_is_what_the_generator_writes(string file)
    {
        var generated = TenantOperationScripts.Render(Path.GetFileName(file) switch
        {
            "isolate_tenant.sql" => TenantOperationScripts.Isolation(Isolation),
            "verify_isolation.sql" => TenantOperationScripts.IsolationVerification(Isolation),
            "tenant_stats.sql" => TenantOperationScripts.Statistics(10, TenantRanking.Queries),
            "rebalance.sql" => TenantOperationScripts.Rebalance(null, ShardTransferModes.Auto),
            _ => TenantOperationScripts.RebalanceVerification(null),
        });
        var path = RepositoryFiles.PathOf(file);
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            await File.WriteAllTextAsync(path, generated);
        }

        var checkedIn = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "(missing)";

        Assert.That(
            checkedIn,
            Is.EqualTo(generated),
            $"{file} differs from what the generator writes today. Review the change, then regenerate with: "
            + $"{RegenerateVariable}=1 dotnet test tests/TenantDapper.Tests --filter \"FullyQualifiedName~TenantOperationScriptFilesTests\"");
    }
}
