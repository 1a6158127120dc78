using Npgsql;
using TenantDapper.Citus;

namespace TenantDapper.Tests.Sample;

/// <summary>Creates the sample schema in a test database, distributed when the database is a Citus coordinator's.</summary>
public static class SampleDatabase
{
    /// <summary>
    /// Runs sql/sample/schema.sql, then distributes it with the Citus module when the database has
    /// the citus extension, so that fixtures on the sample schema run unchanged on Citus. The tables
    /// are distributed in the connection's current schema (a fixture's own schema on Citus).
    /// </summary>
    /// <param name="connection">An open connection to an empty database or schema.</param>
    /// <param name="rows">Statements that fill the tables before they are distributed (Citus copies the rows to the shards).</param>
    public static async Task CreateAsync(NpgsqlConnection connection, string rows = "")
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using (var command = new NpgsqlCommand(SampleSchema.Sql + "\n" + rows, connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        if (await CitusDistribution.IsCoordinatorAsync(connection))
        {
            var schema = await ModelInSchema.CurrentSchemaAsync(connection);
            await CitusDistribution.DistributeAsync(connection, ModelInSchema.Build(SampleSchema.Model, schema));
        }
    }
}
