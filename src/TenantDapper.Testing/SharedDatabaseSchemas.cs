using System.Globalization;
using Npgsql;

namespace TenantDapper.Testing;

/// <summary>
/// Schema drops for test runs that share one database, as test projects on one Citus coordinator do (a schema per
/// fixture). There a <c>DROP SCHEMA ... CASCADE</c> beside another run's <c>create_distributed_table_concurrently</c>
/// can wait on a lock the distribution holds while the distribution's replication slot waits for the drop's
/// transaction: a deadlock PostgreSQL does not detect. Each attempt here gives up its locks after a lock timeout,
/// which lets the distribution finish, and the drop is tried again.
/// </summary>
public static class SharedDatabaseSchemas
{
    /// <summary>How long one attempt waits for a lock: 5 seconds.</summary>
    public static TimeSpan AttemptLockTimeout { get; } = TimeSpan.FromSeconds(5);

    /// <summary>How long attempts go on before the last lock timeout is rethrown: 5 minutes.</summary>
    public static TimeSpan GiveUpAfter { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Drops <paramref name="schema"/> with everything in it, if it exists, trying again while a lock timeout or deadlock stops it.</summary>
    /// <param name="connectionString">A connection string of the database that holds the schema.</param>
    /// <param name="schema">The schema's name, unquoted.</param>
    /// <param name="cancellationToken">Cancels the drop.</param>
    /// <returns>A task that completes when the schema is gone.</returns>
    /// <exception cref="PostgresException">The drop failed otherwise, or still could not get its locks after <see cref="GiveUpAfter"/>.</exception>
    public static async Task DropSchemaAsync(string connectionString, string schema, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(schema);
        var deadline = DateTime.UtcNow + GiveUpAfter;
        var timeout = ((long)AttemptLockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var quoted = "\"" + schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var command = new NpgsqlCommand($"SET LOCAL lock_timeout = {timeout}; DROP SCHEMA IF EXISTS {quoted} CASCADE", connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
