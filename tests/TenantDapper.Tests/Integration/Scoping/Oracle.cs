using System.Data.Common;
using System.Text;
using Npgsql;
using TenantDapper.Compiling;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;
using ScopingConnection = TenantDapper.DataSource.NpgsqlConnection;
using ScopingTransaction = TenantDapper.DataSource.ScopingTransaction;
using TenantSession = TenantDapper.DataSource.TenantSession;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The differential oracle of scoping-rules.md: the scoped statement for tenant(s) T on the shared
/// database must behave exactly like the unscoped statement on a copy holding only T's rows — the same
/// rows returned, the same rows affected (or the same error), and, for writes, the same final contents
/// of every table, with every other tenant's rows untouched. Each statement runs in a transaction that
/// is rolled back, so cases are independent. Through <see cref="OracleRoute.Text"/> the shared side runs the
/// statement's unscoped text (values as parameters) through a <see cref="TenantDataSource"/> instead: the scoping of
/// plain SQL text must give the same answers. With row-level security on the shared database (<see cref="OracleMode.RowLevelSecurity"/>)
/// the shared side runs every statement through a data source with row-level security, as the application role: the
/// text scoped by it, or the tree scoped here and sent behind the data source's prelude, as a builder statement is. The
/// copies, and with them what is expected, are the same in both modes.
/// </summary>
internal sealed partial class Oracle : IAsyncDisposable
{
    private const string QueryCanceled = "57014";

    // A generated statement can multiply a few small tables into a large product; such a case says no
    // more about scoping than a small one, so its first run is cut short. A Citus coordinator plans and
    // dispatches over every shard, so it gets more time. A case cut short runs again with a limit no
    // sound statement reaches, and a case cut short twice is a difference: a timeout never counts as agreement.
    private static readonly TimeSpan FirstLimit = TimeSpan.FromMilliseconds(PostgresSetUp.IsCitusCoordinator ? 2000 : 250);
    private static readonly TimeSpan RetryLimit = TimeSpan.FromSeconds(30);

    private readonly Side _shared;
    private readonly Dictionary<string, Side> _copies;
    private readonly Snapshot _baseline;
    private readonly string _sourceConnectionString;
    private readonly bool _rowLevelSecurity;
    private readonly Dictionary<TenantModel, TenantDataSource> _sources = [];

    private Oracle(Side shared, OracleDatabases databases, Dictionary<string, Side> copies, Snapshot baseline)
    {
        _shared = shared;
        _rowLevelSecurity = databases.SharedAsApplication is not null;
        _sourceConnectionString = databases.SharedAsApplication ?? databases.Shared;
        _copies = copies;
        _baseline = baseline;
    }

    public int Cases { get; private set; }

    /// <summary>Cases in which both sides failed with the same error (agreement, but a weaker check).</summary>
    public int SameErrors { get; private set; }

    /// <summary>Cases a Citus coordinator could not plan (fail closed), by error message: statement shapes Citus cannot run.</summary>
    public Dictionary<string, int> CitusRefusals { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Cases the data source refused on a Citus coordinator with row-level security on, before sending them, because the
    /// outer join crashes Citus 13.2 there (<see cref="TenantScopeRewriter.CitusCrashRefusal"/>): the expected outcome.
    /// </summary>
    public int CitusCrashRefusals { get; private set; }

    /// <summary>Cases run a second time because a side ran longer than the first statement timeout (a random cross product, say).</summary>
    public int Retried { get; private set; }

    public static async Task<Oracle> OpenAsync(OracleDatabases databases)
    {
        var shared = await Side.OpenAsync(databases.Shared);
        var copies = new Dictionary<string, Side>();
        foreach (var positions in OracleDatabases.CopyPositions)
        {
            copies[OracleDatabases.Key(positions)] = await Side.OpenAsync(databases.Copy(positions));
        }

        return new Oracle(shared, databases, copies, await Snapshot.TakeAsync(shared.Connection, null));
    }

    /// <summary>The state for the tenants at <paramref name="positions"/> of the given model (bigint or UUID keys).</summary>
    public static TenantState StateFor(TenantModel model, params int[] positions)
    {
        object Tenant(int p) => model.TenantKeyType == typeof(Guid) ? OracleSchema.Orgs[p] : OracleSchema.Tenants[p];
        return positions.Length == 1 ? TenantState.For(Tenant(positions[0])) : TenantState.ForMany([.. positions.Select(Tenant)]);
    }

    /// <summary>Runs both sides and returns a description of the first difference, or <see langword="null"/> when they agree.</summary>
    /// <param name="statement">The statement, scoped for the shared database.</param>
    /// <param name="model">The tenant model to scope with.</param>
    /// <param name="positions">The tenants.</param>
    /// <param name="route">Whether the shared side runs the scoped tree, or the unscoped text through a <see cref="TenantDataSource"/>.</param>
    /// <param name="alone">For one tenant, the statement to run unscoped on the copy when it must name its tables otherwise (no schema).</param>
    public async Task<string?> CompareAsync(SqlStatement statement, TenantModel model, int[] positions, OracleRoute route = OracleRoute.Builder, SqlStatement? alone = null)
    {
        if (alone is not null && positions.Length != 1)
        {
            throw new ArgumentException("A separate statement for the copy is for one tenant only.", nameof(alone));
        }

        Cases++;
        if (CitusCrashRefusal(statement, model, positions) is not null)
        {
            CitusCrashRefusals++;
            return null;
        }

        var scoped = ScopedExecution.Compile(statement, model, StateFor(model, positions));
        var plain = PostgresSqlWriter.Write(alone ?? statement);
        var plainParameters = plain.Values.Select((v, i) => new KeyValuePair<string, object?>(PostgresSqlWriter.ParameterName(i), v)).ToList();
        if (plain.UsesTenant)
        {
            plainParameters.Add(new(TenantParameterExpression.Name, scoped.Tenant));
        }

        // Several tenants: tenant tables are also joined within one tenant (co-location), which a copy
        // holding both tenants cannot express. When every row of the result belongs to one tenant (the
        // query's first table is a tenant table, and nothing aggregates or merges rows), the result must be
        // the union of each tenant's result alone: no row of one tenant may pair with another's, in a join
        // or a sub-query. Otherwise the oracle proves that the other tenants' rows change nothing, by running
        // the scoped statement on the copy holding only the tenants in scope as well.
        var isWrite = statement is not SelectStatement || statement.With.Any(cte => cte.Write is not null);
        var copy = _copies[OracleDatabases.Key(positions)];
        async Task<(Outcome Expected, Outcome Actual)> BothAsync(TimeSpan limit)
        {
            Outcome expected;
            if (positions.Length == 1)
            {
                expected = await copy.RunAsync(plain.Sql, plainParameters, isWrite, limit);
            }
            else if (!plain.UsesTenant && RowsBelongToOneTenant(statement, model))
            {
                expected = await EachTenantAloneAsync(plain, model, positions, limit);
            }
            else
            {
                expected = await copy.RunAsync(scoped.Sql, scoped.NamedBindings, isWrite, limit);

                // The scoped text runs on both sides here, so an error that the rewriting for several tenants caused
                // (PostgreSQL refusing what it added) would fail both alike. An error of the statement itself, not of
                // the rows' values, must then be one each tenant meets alone too: if none does, the expected outcome
                // is theirs, and the several-tenant error is a difference. (A statement that names @tenant compares it
                // with the array several tenants bind, which its text alone decides.)
                if (!plain.UsesTenant && IsStatementError(expected.Error) && await EachTenantAloneAsync(plain, model, positions, limit) is { Error: null } alone)
                {
                    expected = alone;
                }
            }

            var actual = route == OracleRoute.Builder
                ? await RunScopedAsync(model, positions, scoped, isWrite, limit)
                : await RunThroughDataSourceAsync(model, positions, TextCommand(PostgresSqlWriter.Write(TenantAsValue.Replace(statement, scoped.Tenant))), isWrite, limit);
            return (expected, actual);
        }

        var (expected, actual) = await BothAsync(FirstLimit);
        if (expected.TimedOut || actual.TimedOut)
        {
            Retried++;
            (expected, actual) = await BothAsync(RetryLimit);
        }

        var difference = Difference(expected, actual, positions);
        if (difference is null)
        {
            return null;
        }

        // On Citus a statement shape Citus cannot plan fails closed: Citus's own "not supported" refusals (0A000, or
        // XX000 saying so), its failure to type a parameter of INSERT ... SELECT ... ON CONFLICT (42P18), or any error
        // the unscoped statement meets alike on the same tables. Such a case is counted by message, not compared; a
        // statement that ran on Citus and returned something else is still a difference.
        if (PostgresSetUp.IsCitusCoordinator && actual.Error is not null && !actual.TimedOut)
        {
            var refused = IsCitusRefusal(actual.Error)
                || (await _shared.RunAsync(plain.Sql, plainParameters, isWrite, RetryLimit)).Error?[..5] == actual.Error[..5];
            if (refused)
            {
                var message = ShardSuffix().Replace(actual.Error, "\"$1\"");
                CitusRefusals[message] = CitusRefusals.GetValueOrDefault(message) + 1;
                return null;
            }
        }

        var report = new StringBuilder();
        report.AppendLine(difference);
        report.AppendLine($"tenants: {string.Join(", ", StateFor(model, positions).Tenants)}");
        report.AppendLine(route == OracleRoute.Builder ? $"scoped:   {scoped.Sql}" : $"text:     {plain.Sql}");
        report.AppendLine($"unscoped: {plain.Sql}");
        report.AppendLine($"values:   {string.Join(", ", plain.Values.Select(v => v ?? "NULL"))}");
        return report.ToString();
    }

    /// <summary>
    /// Whether each row the statement returns comes from one tenant: from one row of its first table, a tenant table, with
    /// nothing that merges rows; or from one group of a query grouped by that table's tenant column (every group one tenant's).
    /// </summary>
    internal static bool RowsBelongToOneTenant(SqlStatement statement, TenantModel model)
    {
        if (statement is not SelectStatement { Body: SelectBlock block } select
            || block.Distinct || block.Limit is not null || block.Offset is not null || block.From.Count == 0)
        {
            return false;
        }

        var ctes = select.With.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var grouped = block.GroupBy.Count > 0 || block.Having is not null || block.Columns.Any(c => IsAggregate(c.Expression));
        return Leading(block.From[0]);

        bool Leading(TableSource source) => source switch
        {
            TableReference table => !(table.Schema is null && ctes.Contains(table.Name))
                && model.GetRole(new TableName(table.Schema, table.Name)) == TableRole.Tenant
                && model.TryGetTenantTable(new TableName(table.Schema, table.Name), out var tenant)
                && (!grouped || block.GroupBy.Any(g => g is ColumnExpression column && table.Qualifier.Equals(column.Qualifier) && column.Name == tenant.TenantColumn)),
            JoinedTable { Kind: JoinKind.Inner or JoinKind.Cross } join => Leading(join.Left) || Leading(join.Right),
            JoinedTable { Kind: JoinKind.Left } join => Leading(join.Left),
            JoinedTable { Kind: JoinKind.Right } join => Leading(join.Right),
            JoinedTable { Kind: JoinKind.Full } join => !grouped && Leading(join.Left) && Leading(join.Right),
            _ => false,
        };
    }

    /// <summary>Whether an error is one of the statement (PostgreSQL refusing its text or plan), not of the rows' values or of the time it took.</summary>
    private static bool IsStatementError(string? error) =>
        error is not null && !error.StartsWith(QueryCanceled, StringComparison.Ordinal)
        && !error.StartsWith("21", StringComparison.Ordinal) && !error.StartsWith("22", StringComparison.Ordinal) && !error.StartsWith("23", StringComparison.Ordinal);

    private static bool IsAggregate(SqlExpression expression) => expression switch
    {
        FunctionCallExpression function => function.Name.ToLowerInvariant() is "count" or "sum" or "avg" or "min" or "max" || function.Arguments.Any(IsAggregate),
        BinaryExpression binary => IsAggregate(binary.Left) || IsAggregate(binary.Right),
        _ => false,
    };

    /// <summary>The unscoped statement on each tenant's own copy, rows put together: what several tenants must read.</summary>
    private async Task<Outcome> EachTenantAloneAsync((string Sql, object?[] Values, bool UsesTenant) plain, TenantModel model, int[] positions, TimeSpan limit)
    {
        var rows = new List<string>();
        var affected = 0;
        foreach (var position in positions)
        {
            var parameters = plain.Values.Select((v, i) => new KeyValuePair<string, object?>(PostgresSqlWriter.ParameterName(i), v)).ToList();
            if (plain.UsesTenant)
            {
                parameters.Add(new(TenantParameterExpression.Name, StateFor(model, position).Tenants[0]));
            }

            var alone = await _copies[OracleDatabases.Key([position])].RunAsync(plain.Sql, parameters, isWrite: false, limit);
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

    /// <summary>
    /// Runs the scoped statement on the shared database only (rolled back) and returns its error, or
    /// <see langword="null"/> when it ran: for shapes a Citus coordinator refuses.
    /// </summary>
    public async Task<string?> SharedErrorAsync(SqlStatement statement, TenantModel model, int[] positions)
    {
        if (CitusCrashRefusal(statement, model, positions) is { } refusal)
        {
            return refusal;
        }

        var scoped = ScopedExecution.Compile(statement, model, StateFor(model, positions));
        var outcome = await RunScopedAsync(model, positions, scoped, statement is not SelectStatement, RetryLimit);
        return outcome.Error;
    }

    /// <summary>Whether every table of the shared database holds what it held when the oracle opened.</summary>
    public async Task<bool> SharedUnchangedAsync() => (await Snapshot.TakeAsync(_shared.Connection, null)).SameAs(_baseline);

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values)
        {
            await source.DisposeAsync();
        }

        await _shared.DisposeAsync();
        foreach (var copy in _copies.Values)
        {
            await copy.DisposeAsync();
        }
    }

    /// <summary>
    /// With row-level security on a Citus coordinator, the message of the refusal the data source raises before sending
    /// an outer join that crashes Citus 13.2 (for the builder route too, which sends a tree scoped here), or
    /// <see langword="null"/>; nothing is sent either way.
    /// </summary>
    private string? CitusCrashRefusal(SqlStatement statement, TenantModel model, int[] positions)
    {
        if (!_rowLevelSecurity || !PostgresSetUp.IsCitusCoordinator)
        {
            return null;
        }

        try
        {
            TenantScoping.Scope(statement, model, StateFor(model, positions), citusRowLevelSecurity: true);
            return null;
        }
        catch (UnscopableSqlException e) when (e.Message.Contains(TenantScopeRewriter.CitusCrashRefusal, StringComparison.Ordinal))
        {
            return e.Message;
        }
        catch (TenantDapperException)
        {
            // Refused for another reason: the comparison raises it as it would without the check.
            return null;
        }
    }

    /// <summary>
    /// Runs a statement scoped here on the shared database: as the tables' owner, or, with row-level security, through
    /// the data source as the application role.
    /// </summary>
    private Task<Outcome> RunScopedAsync(TenantModel model, int[] positions, SqlResult scoped, bool isWrite, TimeSpan limit) =>
        _rowLevelSecurity
            ? RunThroughDataSourceAsync(model, positions, PreludedCommand(scoped), isWrite, limit)
            : _shared.RunAsync(scoped.Sql, scoped.NamedBindings, isWrite, limit);

    /// <summary>
    /// The unscoped text of a statement for the scoping data source: its values, the tenant among them where the
    /// statement names it, are the caller's parameters <c>p0, p1, ...</c>.
    /// </summary>
    private static Func<ScopingConnection, ScopingTransaction?, TenantState, DbCommand> TextCommand((string Sql, object?[] Values, bool UsesTenant) plain) => (connection, transaction, _) =>
    {
        var command = connection.CreateCommand();
        command.CommandText = plain.Sql;
        command.Transaction = transaction;
        for (var i = 0; i < plain.Values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = PostgresSqlWriter.ParameterName(i);
            parameter.Value = plain.Values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    };

    /// <summary>
    /// A statement scoped as a tree, sent to the driver's connection behind the prelude the data source decides on, as
    /// <see cref="QueryFactory"/> sends a builder statement on a data source's connection.
    /// </summary>
    private static Func<ScopingConnection, ScopingTransaction?, TenantState, DbCommand> PreludedCommand(SqlResult scoped) => (connection, transaction, state) =>
    {
        var prelude = TenantSession.PreludeFor(connection.RowLevelSecurity, state, connection)
            ?? throw new InvalidOperationException("The oracle's data source has row-level security off, so there is no prelude to send.");
        var bindings = scoped.NamedBindings.Append(new(TenantSession.ParameterName, prelude.Setting));
        return ScopedExecution.Command(connection.Inner, TenantSession.Named(scoped.Sql, prelude), bindings, transaction?.Inner);
    };

    /// <summary>
    /// Runs a command on a connection of the shared database's data source for the tenants at <paramref name="positions"/>,
    /// in a transaction rolled back after it. Its final contents, for a write, are read on the driver's connection in the
    /// same transaction: as the owner, or, with row-level security, carrying every tenant. With row-level security a read
    /// runs outside a transaction, as an application sends it: in the implicit transaction of its one round trip, on
    /// Citus in the <c>BEGIN; CALL ...; statement; COMMIT</c> block of its own.
    /// </summary>
    private async Task<Outcome> RunThroughDataSourceAsync(TenantModel model, int[] positions, Func<ScopingConnection, ScopingTransaction?, TenantState, DbCommand> create, bool isWrite, TimeSpan limit)
    {
        if (!_sources.TryGetValue(model, out var source))
        {
            source = new TenantDataSource(NpgsqlDataSource.Create(_sourceConnectionString), model, new TenantDataSourceOptions { RowLevelSecurity = _rowLevelSecurity });
            _sources[model] = source;
        }

        var state = StateFor(model, positions);
        await using var connection = (ScopingConnection)await source.OpenConnectionAsync();
        // Not disposed with using: disposing it rolls back, which throws on a connection a Citus internal error (XX000) broke.
        var transaction = isWrite || !_rowLevelSecurity ? (ScopingTransaction)await connection.BeginTransactionAsync() : null;
        try
        {
            // Straight to the driver's connection: a statement under a bypass would make the data source reset the session (and the limit) first.
            await SetTimeoutAsync(connection.Inner, transaction?.Inner, limit);
            var rows = new List<string>();
            int affected;
            using (positions.Length == 1 ? CurrentTenant.Use(state.Tenants[0]) : CurrentTenant.UseMany([.. state.Tenants]))
            {
                await using var command = create(connection, transaction, state);
                await using var reader = await command.ExecuteReaderAsync();
                if (command.CommandText.StartsWith(TenantSession.NamedPrelude, StringComparison.Ordinal))
                {
                    // The driver's command behind plain PostgreSQL's prelude: the prelude's row comes first, as the data source skips it.
                    await reader.NextResultAsync();
                }

                while (await reader.ReadAsync())
                {
                    rows.Add(ScopedExecution.RowText(reader));
                }

                affected = reader.RecordsAffected;
            }

            rows.Sort(StringComparer.Ordinal);
            Snapshot? snapshot = null;
            if (isWrite)
            {
                await SetTimeoutAsync(connection.Inner, transaction!.Inner, TimeSpan.Zero);
                snapshot = await Snapshot.TakeAsync(connection.Inner, transaction.Inner, carryingEveryTenant: _rowLevelSecurity);
            }

            return new Outcome(null, rows, affected, snapshot);
        }
        catch (PostgresException e)
        {
            if (transaction is null)
            {
                // A builder statement's block is rolled back by its sender (QueryFactory); a text command rolls back its own.
                await TenantSession.AbandonAsync(connection);
            }

            return new Outcome(e.SqlState + " " + e.MessageText, [], 0, null);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                if (transaction is null)
                {
                    await using var reset = new NpgsqlCommand("RESET statement_timeout", connection.Inner);
                    await reset.ExecuteNonQueryAsync();
                }
                else
                {
                    await transaction.RollbackAsync();
                    await transaction.DisposeAsync();
                }
            }
        }
    }

    // Only the statement under test is limited; the snapshot that follows it takes what it takes. Outside a
    // transaction the limit is the session's until the caller resets it.
    private static async Task SetTimeoutAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, TimeSpan limit)
    {
        var milliseconds = ((long)limit.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using var command = new NpgsqlCommand($"SET {(transaction is null ? "" : "LOCAL ")}statement_timeout = {milliseconds}", connection, transaction);
        await command.ExecuteNonQueryAsync();
    }

    private string? Difference(Outcome expected, Outcome actual, int[] positions)
    {
        if (expected.Error is not null || actual.Error is not null)
        {
            if (expected.TimedOut || actual.TimedOut)
            {
                return $"a side ran longer than {RetryLimit.TotalSeconds:F0} s twice, so the case cannot be compared: alone {expected.Error ?? "done"}, shared {actual.Error ?? "done"}";
            }

            // Which row trips a constraint first (class 21 or 23) depends on row order; a failure is still a failure on both
            // sides. Citus relays a shard's constraint error as XX000 naming the shard ("tasks_102045"): the same failure, or,
            // as the shards' rows come in another order, another constraint's ("documents_102050" violates not-null).
            if (expected.Error?[..5] == actual.Error?[..5]
                || (IsRowOrderDependent(expected.Error)
                    && (IsRowOrderDependent(actual.Error) || IsRelayedFromShard(expected.Error!, actual.Error) || IsConstraintErrorRelayedFromShard(actual.Error))))
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

    private static bool IsCitusRefusal(string error) =>
        error.StartsWith("0A000", StringComparison.Ordinal)
        || error.StartsWith("42P18", StringComparison.Ordinal)
        || (error.StartsWith("XX000", StringComparison.Ordinal) && error.Contains("not supported", StringComparison.Ordinal));

    private static bool IsRelayedFromShard(string expected, string? actual) =>
        actual is not null && actual.StartsWith("XX000", StringComparison.Ordinal)
        && ShardSuffix().Replace(actual[6..], "\"$1\"") == expected[6..];

    private static bool IsConstraintErrorRelayedFromShard(string? actual) =>
        actual is not null && actual.StartsWith("XX000", StringComparison.Ordinal) && ShardSuffix().IsMatch(actual)
        && actual.Contains(" violates ", StringComparison.Ordinal) && actual.Contains(" constraint", StringComparison.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex("\"([a-z_]+)_[0-9]+\"")]
    private static partial System.Text.RegularExpressions.Regex ShardSuffix();

    private static bool IsRowOrderDependent(string? error) => error is not null && (error.StartsWith("21", StringComparison.Ordinal) || error.StartsWith("23", StringComparison.Ordinal));

    private sealed record Outcome(string? Error, List<string> Rows, int Affected, Snapshot? Snapshot)
    {
        public bool TimedOut => Error?.StartsWith(QueryCanceled, StringComparison.Ordinal) == true;
    }

    /// <summary>
    /// One database of the comparison and its connection. An error can leave the connection broken (Npgsql marks
    /// it so after a Citus internal error, XX000): then it is opened again for the next case.
    /// </summary>
    private sealed class Side(string connectionString, NpgsqlConnection connection) : IAsyncDisposable
    {
        public NpgsqlConnection Connection { get; private set; } = connection;

        public static async Task<Side> OpenAsync(string connectionString)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            return new Side(connectionString, connection);
        }

        public async Task<Outcome> RunAsync(string sql, IEnumerable<KeyValuePair<string, object?>> parameters, bool isWrite, TimeSpan limit)
        {
            var connection = Connection;
            // Not disposed with using: disposing it rolls back, which throws on a broken connection.
            var transaction = await connection.BeginTransactionAsync();
            Outcome outcome;
            try
            {
                await SetTimeoutAsync(connection, transaction, limit);
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
                await SetTimeoutAsync(connection, transaction, TimeSpan.Zero);
                var snapshot = isWrite ? await Snapshot.TakeAsync(connection, transaction) : null;
                outcome = new Outcome(null, rows, affected, snapshot);
            }
            catch (PostgresException e)
            {
                outcome = new Outcome(e.SqlState + " " + e.MessageText, [], 0, null);
            }

            if (connection.FullState.HasFlag(System.Data.ConnectionState.Broken) || connection.State != System.Data.ConnectionState.Open)
            {
                await connection.DisposeAsync();
                Connection = new NpgsqlConnection(connectionString);
                await Connection.OpenAsync();
            }
            else
            {
                await transaction.RollbackAsync();
                await transaction.DisposeAsync();
            }

            return outcome;
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}

/// <summary>A statement with the tenant parameter replaced by its value, as a caller writing SQL text would pass it.</summary>
internal sealed class TenantAsValue(object? tenant) : SqlVisitor
{
    public static SqlStatement Replace(SqlStatement statement, object? tenant) => new TenantAsValue(tenant).VisitStatement(statement);

    public override SqlNode VisitTenantParameter(TenantParameterExpression node) => new ParameterExpression(tenant);
}

/// <summary>How the oracle's shared side runs a statement: built and scoped as a tree, or as SQL text through <see cref="TenantDataSource"/>.</summary>
internal enum OracleRoute
{
    Builder,
    Text,
}
