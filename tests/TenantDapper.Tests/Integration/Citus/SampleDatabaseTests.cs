using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>The sample database helper creates the schema and distributes it only on a Citus coordinator.</summary>
public sealed class SampleDatabaseTests : DatabaseFixture
{
    protected override Task CreateSchemaAsync(NpgsqlConnection connection) => SampleDatabase.CreateAsync(connection);

    [Test]
    public async Task Sample_tables_are_created_and_distributed_exactly_when_the_database_has_citus()
    {
        await using var connection = await OpenConnectionAsync();
        var isCoordinator = await CitusDistribution.IsCoordinatorAsync(connection);
        await using var command = new NpgsqlCommand(
            isCoordinator
                ? "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text IN ('accounts', 'managers', 'projects', 'tasks', 'project_managers', 'comments', 'countries')"
                : "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            connection);

        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(isCoordinator ? 7L : 8L));
    }
}
