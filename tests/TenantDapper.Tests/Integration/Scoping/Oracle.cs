using System.Text;
using Npgsql;
using TenantDapper.Compiling;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The differential oracle of scoping-rules.md: the scoped statement for tenant(s) T on the shared
/// database must behave exactly like the unscoped statement on a copy holding only T's rows — the same
/// rows returned, the same rows affected (or the same error), and, for writes, the same final contents
/// of every table, with every other tenant's rows untouched. Each statement runs in a transaction that
/// is rolled back, so cases are independent.
/// </summary>
internal sealed class Oracle : IAsyncDisposable
{
    private const string QueryCanceled = "57014";

    private readonly NpgsqlConnection _shared;
    private readonly Dictionary<string, NpgsqlConnection> _copies;
    private readonly Snapshot _baseline;

    private Oracle(NpgsqlConnection shared, Dictionary<string, NpgsqlConnection> copies, Snapshot baseline)
    {
        _shared = shared;
        _copies = copies;
        _baseline = baseline;
    }

    public int Cases { get; private set; }

    /// <summary>Cases in which both sides failed with the same error (agreement, but a weaker check).</summary>
    public int SameErrors { get; private set; }

    /// <summary>Cases left out because a side ran longer than the statement timeout (a random cross product, say).</summary>
    public int TimedOut { get; private set; }

    public static async Task<Oracle> OpenAsync(OracleDatabases databases)
    {
        var shared = await OpenWithTimeoutAsync(databases.Shared);
        var copies = new Dictionary<string, NpgsqlConnection>();
        foreach (var positions in OracleDatabases.CopyPositions)
        {
            copies[OracleDatabases.Key(positions)] = await OpenWithTimeoutAsync(databases.Copy(positions));
        }

        return new Oracle(shared, copies, await Snapshot.TakeAsync(shared, null));
    }

    /// <summary>The state for the tenants at <paramref name="positions"/> of the given model (bigint or UUID keys).</summary>
    public static TenantState StateFor(TenantModel model, params int[] positions)
    {
        object Tenant(int p) => model.TenantKeyType == typeof(Guid) ? OracleSchema.Orgs[p] : OracleSchema.Tenants[p];
        return positions.Length == 1 ? TenantState.For(Tenant(positions[0])) : TenantState.ForMany([.. positions.Select(Tenant)]);
    }

    /// <summary>Runs both sides and returns a description of the first difference, or <see langword="null"/> when they agree.</summary>
    public async Task<string?> CompareAsync(SqlStatement statement, TenantModel model, int[] positions)
    {
        Cases++;
        var scoped = ScopedExecution.Compile(statement, model, StateFor(model, positions));
        var plain = PostgresSqlWriter.Write(statement);
        var plainParameters = plain.Values.Select((v, i) => new KeyValuePair<string, object?>(CompiledSql.ParameterName(i), v)).ToList();
        if (plain.UsesTenant)
        {
            plainParameters.Add(new(CompiledSql.TenantParameterName, scoped.Tenant));
        }

        // Several tenants: tenant tables are also joined within one tenant (co-location), which a copy
        // holding both tenants cannot express. When every row of the result belongs to one tenant (the
        // query's first table is a tenant table, and nothing aggregates or merges rows), the result must be
        // the union of each tenant's result alone: no row of one tenant may pair with another's, in a join
        // or a sub-query. Otherwise the oracle proves that the other tenants' rows change nothing, by running
        // the scoped statement on the copy holding only the tenants in scope as well.
        var isWrite = statement is not SelectStatement;
        var copy = _copies[OracleDatabases.Key(positions)];
        Outcome expected;
        if (positions.Length == 1)
        {
            expected = await RunAsync(copy, plain.Sql, plainParameters, isWrite);
        }
        else if (!plain.UsesTenant && RowsBelongToOneTenant(statement, model))
        {
            expected = await EachTenantAloneAsync(plain, model, positions);
        }
        else
        {
            expected = await RunAsync(copy, scoped.Sql, scoped.NamedBindings, isWrite);
        }
        var actual = await RunAsync(_shared, scoped.Sql, scoped.NamedBindings, isWrite);
        var difference = Difference(expected, actual, positions);
        if (difference is null)
        {
            return null;
        }

        var report = new StringBuilder();
        report.AppendLine(difference);
        report.AppendLine($"tenants: {string.Join(", ", StateFor(model, positions).Tenants)}");
        report.AppendLine($"scoped:   {scoped.Sql}");
        report.AppendLine($"unscoped: {plain.Sql}");
        report.AppendLine($"values:   {string.Join(", ", plain.Values.Select(v => v ?? "NULL"))}");
        return report.ToString();
    }

    /// <summary>Whether each row the statement returns comes from one row of its first table, a tenant table, with nothing that merges rows.</summary>
    internal static bool RowsBelongToOneTenant(SqlStatement statement, TenantModel model)
    {
        if (statement is not SelectStatement { Body: SelectBlock block } select
            || block.Distinct || block.GroupBy.Count > 0 || block.Having is not null || block.Limit is not null || block.Offset is not null
            || block.From.Count == 0 || block.Columns.Any(c => IsAggregate(c.Expression)))
        {
            return false;
        }

        var ctes = select.With.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return Leading(block.From[0]);

        bool Leading(TableSource source) => source switch
        {
            TableReference table => !(table.Schema is null && ctes.Contains(table.Name)) && model.GetRole(new TableName(table.Schema, table.Name)) == TableRole.Tenant,
            JoinedTable { Kind: JoinKind.Inner or JoinKind.Cross } join => Leading(join.Left) || Leading(join.Right),
            JoinedTable { Kind: JoinKind.Left } join => Leading(join.Left),
            JoinedTable { Kind: JoinKind.Right } join => Leading(join.Right),
            JoinedTable { Kind: JoinKind.Full } join => Leading(join.Left) && Leading(join.Right),
            _ => false,
        };
    }

    private static bool IsAggregate(SqlExpression expression) => expression switch
    {
        FunctionExpression function => function.Name.ToLowerInvariant() is "count" or "sum" or "avg" or "min" or "max" || function.Arguments.Any(IsAggregate),
        BinaryExpression binary => IsAggregate(binary.Left) || IsAggregate(binary.Right),
        _ => false,
    };

    /// <summary>The unscoped statement on each tenant's own copy, rows put together: what several tenants must read.</summary>
    private async Task<Outcome> EachTenantAloneAsync(CompiledSql plain, TenantModel model, int[] positions)
    {
        var rows = new List<string>();
        var affected = 0;
        foreach (var position in positions)
        {
            var parameters = plain.Values.Select((v, i) => new KeyValuePair<string, object?>(CompiledSql.ParameterName(i), v)).ToList();
            if (plain.UsesTenant)
            {
                parameters.Add(new(CompiledSql.TenantParameterName, StateFor(model, position).Tenants[0]));
            }

            var alone = await RunAsync(_copies[OracleDatabases.Key([position])], plain.Sql, parameters, isWrite: false);
            if (alone.Error is not null)
            {
                return alone;
            }

            rows.AddRange(alone.Rows);
            affected = alone.Affected < 0 ? alone.Affected : affected + alone.Affected;
        }

        rows.Sort(StringComparer.Ordinal);
        return new Outcome(null, rows, affected, null);
    }

    // A generated statement can multiply a few small tables into a large product; such a case says no
    // more about scoping than a small one, so it is cut short and counted instead of slowing the run.
    private static async Task<NpgsqlConnection> OpenWithTimeoutAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var timeout = new NpgsqlCommand("SET statement_timeout = '250ms'", connection);
        await timeout.ExecuteNonQueryAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await _shared.DisposeAsync();
        foreach (var copy in _copies.Values)
        {
            await copy.DisposeAsync();
        }
    }

    private static async Task<Outcome> RunAsync(NpgsqlConnection connection, string sql, IEnumerable<KeyValuePair<string, object?>> parameters, bool isWrite)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await using var command = ScopedExecution.Command(connection, sql, parameters, transaction);
            var rows = new List<string>();
            int affected;
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add(ScopedExecution.RowText(reader));
                }

                affected = reader.RecordsAffected;
            }

            rows.Sort(StringComparer.Ordinal);
            var snapshot = isWrite ? await Snapshot.TakeAsync(connection, transaction) : null;
            return new Outcome(null, rows, affected, snapshot);
        }
        catch (PostgresException e)
        {
            return new Outcome(e.SqlState + " " + e.MessageText, [], 0, null);
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }

    private string? Difference(Outcome expected, Outcome actual, int[] positions)
    {
        if (expected.Error is not null || actual.Error is not null)
        {
            if (expected.Error?.StartsWith(QueryCanceled, StringComparison.Ordinal) == true || actual.Error?.StartsWith(QueryCanceled, StringComparison.Ordinal) == true)
            {
                TimedOut++;
                return null;
            }

            // Which row trips a constraint first (class 21 or 23) depends on row order; a failure is still a failure on both sides.
            if (expected.Error?[..5] == actual.Error?[..5] || (IsRowOrderDependent(expected.Error) && IsRowOrderDependent(actual.Error)))
            {
                SameErrors++;
                return null;
            }

            return $"errors differ: alone {expected.Error ?? "none"}, shared {actual.Error ?? "none"}";
        }

        if (!expected.Rows.SequenceEqual(actual.Rows))
        {
            var missing = expected.Rows.Except(actual.Rows).Take(3);
            var extra = actual.Rows.Except(expected.Rows).Take(3);
            return $"rows differ: alone {expected.Rows.Count}, shared {actual.Rows.Count}; missing [{string.Join("; ", missing)}], extra [{string.Join("; ", extra)}]";
        }

        if (expected.Affected != actual.Affected)
        {
            return $"rows affected differ: alone {expected.Affected}, shared {actual.Affected}";
        }

        if (expected.Snapshot is null || actual.Snapshot is null)
        {
            return null;
        }

        var mine = Snapshot.TenantTexts(positions);
        foreach (var (table, _) in OracleSchema.Tables)
        {
            var alone = expected.Snapshot.Rows(table, tenant => tenant is null || mine.Contains(tenant));
            var sharedMine = actual.Snapshot.Rows(table, tenant => tenant is null || mine.Contains(tenant));
            if (!alone.SequenceEqual(sharedMine))
            {
                return $"final contents of {table} differ: alone [{string.Join("; ", alone.Except(sharedMine).Take(3))}], shared [{string.Join("; ", sharedMine.Except(alone).Take(3))}]";
            }

            var others = actual.Snapshot.Rows(table, tenant => tenant is not null && !mine.Contains(tenant));
            var othersBefore = _baseline.Rows(table, tenant => tenant is not null && !mine.Contains(tenant));
            if (!others.SequenceEqual(othersBefore))
            {
                return $"another tenant's rows of {table} changed: now [{string.Join("; ", others.Except(othersBefore).Take(3))}], before [{string.Join("; ", othersBefore.Except(others).Take(3))}]";
            }
        }

        return null;
    }

    private static bool IsRowOrderDependent(string? error) => error is not null && (error.StartsWith("21", StringComparison.Ordinal) || error.StartsWith("23", StringComparison.Ordinal));

    private sealed record Outcome(string? Error, List<string> Rows, int Affected, Snapshot? Snapshot);
}
