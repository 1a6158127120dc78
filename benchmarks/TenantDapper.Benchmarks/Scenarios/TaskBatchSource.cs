namespace TenantDapper.Benchmarks.Scenarios;

/// <summary>Hands out batches of new tasks for one tenant and project, each with ids no earlier batch used.</summary>
internal sealed class TaskBatchSource(long tenant, long project, long firstId, int rowsPerBatch)
{
    private long _handedOut;

    /// <summary>How many rows all batches so far held.</summary>
    public long RowsHandedOut => _handedOut;

    /// <summary>A fresh batch of <c>rowsPerBatch</c> rows.</summary>
    public IReadOnlyList<TaskRow> Next()
    {
        var rows = new TaskRow[rowsPerBatch];
        for (var i = 0; i < rows.Length; i++)
        {
            var id = firstId + _handedOut++;
            rows[i] = new TaskRow(tenant, id, project, $"bulk task {id}", Done: i % 3 == 0);
        }

        return rows;
    }
}
