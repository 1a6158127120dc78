using Npgsql;
using TenantDapper.Citus;

namespace TenantDapper.Sample.Data;

/// <summary>Creates the sample schema and seed data in an empty database, and distributes it on a Citus coordinator.</summary>
public static class SampleDatabase
{
    /// <summary>
    /// Runs <c>sql/sample-app/schema.sql</c> and <c>seed.sql</c> when the database has no <c>accounts</c> table yet,
    /// then, on a Citus coordinator, distributes the tables by account (in the schema the search path puts first).
    /// A database that has the table is left as it is.
    /// </summary>
    /// <param name="connectionString">The database.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether the schema was created.</returns>
    public static async Task<bool> PrepareAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('accounts') IS NOT NULL", connection))
        {
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return false;
            }
        }

        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var file in new[] { "schema.sql", "seed.sql" })
            {
                var sql = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sql", file), cancellationToken);
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        string schema;
        await using (var current = new NpgsqlCommand("SELECT current_schema()::text", connection))
        {
            schema = (string)(await current.ExecuteScalarAsync(cancellationToken))!;
        }

        await CitusDistribution.DistributeIfCoordinatorAsync(connection, schema == "public" ? SampleModel.Model : SampleModel.In(schema), cancellationToken);
        return true;
    }
}
