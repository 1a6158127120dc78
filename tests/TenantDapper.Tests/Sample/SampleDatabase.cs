using Npgsql;
using TenantDapper.Citus;

namespace TenantDapper.Tests.Sample;

/// <summary>Creates the sample schema in a test database, distributed when the database is a Citus coordinator's.</summary>
public static class SampleDatabase
{
    /// <summary>
    /// Runs sql/sample/schema.sql, then distributes it with the Citus module when the database has
    /// the citus extension, so that fixtures on the sample schema run unchanged on Citus.
    /// </summary>
    /// <param name="connection">An open connection to an empty database.</param>
    public static async Task CreateAsync(NpgsqlConnection connection)
    {
        await using (var command = new NpgsqlCommand(SampleSchema.Sql, connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        await CitusDistribution.DistributeIfCoordinatorAsync(connection, SampleSchema.Model);
    }
}
