using Dapper;
using TenantDapper.Benchmarks.Database;

namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>
/// The tasks an insert comparison adds to the loaded tenants' projects, with ids from <see cref="TenantDataSet.FirstFreeTaskId"/>
/// up: counted afterwards (every contender's inserts must be there) and removed, so the statements measured next read
/// the data set as it was loaded.
/// </summary>
internal static class InsertedTasks
{
    /// <summary>Removes the inserted tasks; throws when their number is not <paramref name="handedOut"/>.</summary>
    public static async Task RemoveAsync(BenchmarkDatabase database, TenantDataSet dataSet, long handedOut, string comparison, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(dataSet);
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM tasks WHERE account_id <= @Tenants AND id >= @First",
            new { dataSet.Tenants, First = dataSet.FirstFreeTaskId },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (removed != handedOut)
        {
            throw new InvalidOperationException(
                $"{comparison}: the contenders inserted {handedOut:N0} tasks but {removed:N0} were found afterwards; a contender lost or duplicated rows, so its time means nothing.");
        }
    }
}
