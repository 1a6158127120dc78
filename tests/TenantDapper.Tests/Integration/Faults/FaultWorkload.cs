using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.Faults;

/// <summary>The kinds of operation the mixed workload runs, each through another path of the library.</summary>
internal enum WorkKind
{
    BuilderInsert,
    DapperInsert,
    EntityInsert,
    BulkInsert,
    CountedTransaction,
    BuilderRead,
    DapperRead,
    EntityRead,
    QueryMultipleRead,
    UnbufferedRead,
    BypassRead,
}

/// <summary>The faults an operation of the soak can carry.</summary>
internal enum FaultKind
{
    None,
    KillInsideTransaction,
    KillWhileIdle,
    CutInsideTransaction,
    CancelledCopy,
    CancelledRead,
    CommandTimeout,
}

/// <summary>What the database must show for one write: its tenant, its rows, and whether the caller was told it succeeded.</summary>
internal sealed record WriteRecord(long Tenant, int Rows, bool Counted, bool Acknowledged);

/// <summary>
/// A mixed-tenant workload over a <see cref="TenantDataSource"/>: builder statements through a <see cref="QueryFactory"/>,
/// plain Dapper, entities, bulk COPY, counted transactions, reads of every kind (each result checked to be the reader's
/// tenant's). Every write is tagged with its operation number, so the database can be checked afterwards: an
/// acknowledged write is there whole, a failed one whole or not at all, no row belongs to another tenant than its writer.
/// </summary>
internal sealed class FaultWorkload
{
    private static readonly WorkKind[] Kinds = Enum.GetValues<WorkKind>();

    private readonly ConcurrentDictionary<long, WriteRecord> _writes = new();
    private readonly ConcurrentQueue<string> _foreign = new();
    private readonly ConcurrentDictionary<string, int> _exceptions = new();
    private readonly ConcurrentDictionary<FaultKind, int> _faults = new();
    private long _reads;
    private long _rowsRead;
    private long _operations;

    /// <summary>Reads whose result held a row of another tenant (must stay empty).</summary>
    public IReadOnlyCollection<string> Foreign => _foreign;

    /// <summary>Each exception type and message users saw, with how often.</summary>
    public IReadOnlyDictionary<string, int> Exceptions => _exceptions;

    /// <summary>The faults injected, by kind.</summary>
    public IReadOnlyDictionary<FaultKind, int> Faults => _faults;

    public IReadOnlyDictionary<long, WriteRecord> Writes => _writes;

    public long Operations => Interlocked.Read(ref _operations);

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Picks an operation kind.</summary>
    public static WorkKind PickKind(Random random) => Kinds[random.Next(Kinds.Length)];

    /// <summary>
    /// Runs operation <paramref name="op"/> of <paramref name="kind"/> for <paramref name="tenant"/>, with <paramref name="fault"/>.
    /// Returns whether it succeeded; a driver exception is recorded and swallowed, anything else is a bug and thrown.
    /// </summary>
    public async Task<bool> RunAsync(TenantDataSource source, FaultProxy? proxy, Func<int, Task> terminate, long tenant, long op, WorkKind kind, FaultKind fault)
    {
        Interlocked.Increment(ref _operations);
        if (fault != FaultKind.None)
        {
            _faults.AddOrUpdate(fault, 1, (_, n) => n + 1);
        }

        var rows = kind switch
        {
            WorkKind.BulkInsert => 5,
            WorkKind.CountedTransaction => 2,
            WorkKind.BuilderInsert or WorkKind.DapperInsert or WorkKind.EntityInsert => 1,
            _ => 0,
        };
        if (rows > 0)
        {
            _writes[op] = new WriteRecord(tenant, rows, kind == WorkKind.CountedTransaction, Acknowledged: false);
        }

        using var scope = CurrentTenant.Use(tenant);
        try
        {
            await using var connection = await source.OpenConnectionAsync();
            if (fault == FaultKind.KillWhileIdle)
            {
                await terminate(await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()"));
            }

            await RunKindAsync(connection, proxy, terminate, tenant, op, kind, fault);
            if (rows > 0)
            {
                _writes[op] = _writes[op] with { Acknowledged = true };
            }

            return true;
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException)
        {
            var text = e.GetType().Name + ": " + e.Message + (e.InnerException is { } inner ? " (inner " + inner.GetType().Name + ")" : "");
            _exceptions.AddOrUpdate(text, 1, (_, n) => n + 1);
            return false;
        }
    }

    private async Task RunKindAsync(DbConnection connection, FaultProxy? proxy, Func<int, Task> terminate, long tenant, long op, WorkKind kind, FaultKind fault)
    {
        var name = "op " + op;
        var db = new QueryFactory(connection, new PostgresCompiler());
        switch (kind)
        {
            case WorkKind.BuilderInsert:
                await db.Query("items").InsertAsync(new { op, name, written_for = tenant });
                break;
            case WorkKind.DapperInsert:
                await connection.ExecuteAsync("INSERT INTO items (op, name, written_for) VALUES (@op, @name, @tenantWritten)", new { op, name, tenantWritten = tenant });
                break;
            case WorkKind.EntityInsert:
                var inserted = await db.Entities<FaultItem>().InsertAsync(new FaultItem { Op = op, Name = name, WrittenFor = tenant });
                Check(tenant, [inserted.AccountId], "entity insert read back");
                break;
            case WorkKind.BulkInsert:
                using (var cancel = new CancellationTokenSource())
                {
                    var items = Enumerable.Range(0, 5).Select(i =>
                    {
                        if (fault == FaultKind.CancelledCopy && i == 3)
                        {
                            cancel.Cancel();
                        }

                        return new FaultItem { Op = op, Name = name, WrittenFor = tenant };
                    });
                    await connection.BulkInsertAsync(items, cancel.Token);
                }

                break;
            case WorkKind.CountedTransaction:
                await using (var transaction = await connection.BeginTransactionAsync())
                {
                    await connection.ExecuteAsync("INSERT INTO items (op, name, written_for) VALUES (@op, @name, @w), (@op, @name, @w)", new { op, name, w = tenant }, transaction);
                    if (fault == FaultKind.KillInsideTransaction)
                    {
                        await terminate(await connection.ExecuteScalarAsync<int>("SELECT pg_backend_pid()", transaction: transaction));
                    }
                    else if (fault == FaultKind.CutInsideTransaction)
                    {
                        proxy?.CutAll();
                    }

                    await connection.ExecuteAsync("UPDATE counters SET n = n + 2", transaction: transaction);
                    await transaction.CommitAsync();
                }

                break;
            case WorkKind.BuilderRead:
                CheckRead(tenant, await db.Query("items").Select("account_id").Where("id", "<=", 5).GetAsync<long>());
                break;
            case WorkKind.DapperRead:
                var cancelAfter = fault == FaultKind.CancelledRead ? TimeSpan.FromMilliseconds(50) : Timeout.InfiniteTimeSpan;
                using (var cancel = new CancellationTokenSource(cancelAfter))
                {
                    var sleep = fault is FaultKind.CancelledRead or FaultKind.CommandTimeout ? 3 : 0;
                    CheckRead(tenant, await connection.QueryAsync<long>(new CommandDefinition(
                        "SELECT i.account_id FROM items i JOIN counters c ON c.account_id = i.account_id WHERE i.id <= 5 AND pg_sleep(@sleep) IS NOT NULL",
                        new { sleep }, commandTimeout: fault == FaultKind.CommandTimeout ? 1 : null, cancellationToken: cancel.Token)));
                }

                break;
            case WorkKind.EntityRead:
                var item = await db.Entities<FaultItem>().GetAsync([3L]);
                Check(tenant, [item!.AccountId, item.WrittenFor], "entity get");
                break;
            case WorkKind.QueryMultipleRead:
                await using (var grids = await connection.QueryMultipleAsync("SELECT account_id FROM items WHERE id <= 3; SELECT account_id FROM counters"))
                {
                    CheckRead(tenant, await grids.ReadAsync<long>());
                    CheckRead(tenant, await grids.ReadAsync<long>());
                }

                break;
            case WorkKind.UnbufferedRead:
                var read = new List<long>();
                await foreach (var row in connection.QueryUnbufferedAsync<(long Tenant, long WrittenFor)>("SELECT account_id, written_for FROM items WHERE id <= 10"))
                {
                    read.Add(row.Tenant);
                    read.Add(row.WrittenFor);
                }

                CheckRead(tenant, read);
                break;
            case WorkKind.BypassRead:
                using (CurrentTenant.Bypass("fault soak: an admin read"))
                {
                    CheckRead(tenant, await connection.QueryAsync<long>("SELECT account_id FROM items WHERE account_id = @account AND id <= 2", new { account = tenant }));
                }

                Check(tenant, [CurrentTenant.IsBypassed ? -1 : tenant], "the bypass ended with its scope");
                break;
            default:
                throw new UnreachableException(kind.ToString());
        }
    }

    private void CheckRead(long tenant, IEnumerable<long> rows)
    {
        var list = rows.ToList();
        Interlocked.Increment(ref _reads);
        Interlocked.Add(ref _rowsRead, list.Count);
        if (list.Count == 0)
        {
            _foreign.Enqueue($"tenant {tenant} read nothing where its seed rows are");
        }

        Check(tenant, list, "read");
    }

    private void Check(long tenant, IEnumerable<long> values, string what)
    {
        foreach (var value in values.Where(v => v != tenant))
        {
            _foreign.Enqueue($"tenant {tenant}'s {what} gave tenant {value}'s row");
        }
    }

    /// <summary>
    /// Checks the database against the writes: every acknowledged write whole, every failed one whole or absent, no
    /// row of an unknown operation, no row whose tenant differs from its writer's, each counter equal to its tenant's
    /// counted rows. Returns the problems (none expected) and the number of rows checked.
    /// </summary>
    public async Task<(List<string> Problems, long RowsChecked, long Acknowledged)> VerifyAsync(NpgsqlConnection admin)
    {
        var problems = new List<string>();
        var found = new Dictionary<long, (long Tenant, long Rows, bool Mixed)>();
        long rowsChecked = 0;
        foreach (var row in await admin.QueryAsync<(long Op, long Tenant, long WrittenFor)>("SELECT op, account_id, written_for FROM items WHERE op > 0"))
        {
            rowsChecked++;
            if (row.Tenant != row.WrittenFor)
            {
                problems.Add($"op {row.Op}: a row of tenant {row.Tenant} written for tenant {row.WrittenFor}");
            }

            var seen = found.GetValueOrDefault(row.Op, (row.Tenant, 0, false));
            found[row.Op] = (seen.Tenant, seen.Rows + 1, seen.Mixed || seen.Tenant != row.Tenant);
        }

        foreach (var (op, write) in _writes)
        {
            var (tenant, rows, mixed) = found.GetValueOrDefault(op, (write.Tenant, 0, false));
            if (mixed || (rows > 0 && tenant != write.Tenant))
            {
                problems.Add($"op {op} of tenant {write.Tenant} has rows of tenant {tenant}");
            }

            if (write.Acknowledged && rows != write.Rows)
            {
                problems.Add($"op {op} of tenant {write.Tenant} was acknowledged with {write.Rows} rows; {rows} are there (lost)");
            }
            else if (!write.Acknowledged && rows != 0 && rows != write.Rows)
            {
                problems.Add($"op {op} of tenant {write.Tenant} failed and is half there: {rows} of {write.Rows} rows");
            }
        }

        foreach (var op in found.Keys.Where(op => !_writes.ContainsKey(op)))
        {
            problems.Add($"op {op} wrote rows but was never a write");
        }

        var counted = found.Where(f => _writes.TryGetValue(f.Key, out var w) && w.Counted)
            .GroupBy(f => f.Value.Tenant).ToDictionary(g => g.Key, g => g.Sum(f => f.Value.Rows));
        foreach (var (tenant, n) in await admin.QueryAsync<(long, long)>("SELECT account_id, n FROM counters"))
        {
            if (n != counted.GetValueOrDefault(tenant))
            {
                problems.Add($"tenant {tenant}'s counter is {n}; its counted transactions wrote {counted.GetValueOrDefault(tenant)} rows");
            }
        }

        return (problems, rowsChecked, _writes.Values.Count(w => w.Acknowledged));
    }
}
