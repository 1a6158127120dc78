using System.Data;
using System.Data.Common;
using System.Reflection;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// Every way plain ADO.NET and Dapper code could get SQL to the server around the scoping data source: statement kinds
/// the rewriter does not scope, text that hides a second statement, commands changed after they were created, the
/// driver's objects, Dapper's own rewriting, parameter names next to <c>@tenant</c>, and flows that lose the tenant.
/// Each is refused with nothing sent and nothing written, or runs scoped (the rows are compared with the tenant's own).
/// </summary>
public class AdoNetSurfaceProbeTests : DataSourceFixture
{
    public static IEnumerable<string> NotScopable() =>
    [
        "SET search_path = pg_temp, public",
        "SET LOCAL search_path TO other",
        "RESET search_path",
        "SELECT set_config('search_path', 'other', false)",
        "SELECT pg_catalog.set_config('search_path', 'other', true)",
        "SELECT 1; SET search_path = other",
        "PREPARE p AS SELECT * FROM tasks",
        "EXECUTE p",
        "DEALLOCATE p",
        "DO $$ BEGIN DELETE FROM tasks; END $$",
        "CALL cleanup()",
        "LISTEN channel",
        "NOTIFY channel, 'payload'",
        "SELECT pg_notify('channel', 'payload')",
        "DECLARE c CURSOR WITH HOLD FOR SELECT * FROM tasks",
        "FETCH ALL FROM c",
        "MOVE NEXT IN c",
        "CLOSE c",
        "RESET ROLE",
        "SET ROLE postgres",
        "SET SESSION AUTHORIZATION postgres",
        "COPY tasks TO STDOUT",
        "COPY (SELECT * FROM tasks) TO '/tmp/tasks'",
        "TRUNCATE tasks",
        "VACUUM tasks",
        "ANALYZE tasks",
        "LOCK TABLE tasks",
        "EXPLAIN ANALYZE DELETE FROM tasks",
        "SELECT * INTO stolen FROM tasks",
        "CREATE TABLE stolen AS SELECT * FROM tasks",
        "CREATE TEMP TABLE tasks (account_id bigint)",
        "SHOW search_path",
        "BEGIN",
        "DISCARD ALL",
        "CHECKPOINT",
        "COMMENT ON TABLE tasks IS 'x'",
        "SELECT lo_get(1)",
        "SELECT lo_export(1, '/tmp/x')",
        "SELECT pg_read_file('postgresql.conf')",
        "SELECT 1 /* ; */ ; DROP TABLE tasks",
        "SELECT $$ ; $$; DROP TABLE tasks",
        "SELECT 'a;b' -- ;\n; TRUNCATE tasks",
        "SELECT $q$ $$ ; $q$; DELETE FROM tasks; DROP TABLE tasks",
    ];

    [TestCaseSource(nameof(NotScopable))]
    public Task Statement_the_rewriter_cannot_scope_is_refused_for_a_tenant(string sql) => AssertRefusedAsync(sql, 1L);

    [TestCaseSource(nameof(NotScopable))]
    public Task Statement_the_rewriter_cannot_scope_is_refused_without_a_tenant(string sql) => AssertRefusedAsync(sql, null);

    [Test]
    public async Task Second_statement_behind_a_comment_or_dollar_quote_is_scoped()
    {
        var own = await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 1");
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.ExecuteAsync("SELECT $$;$$ /* ; */; UPDATE tasks SET title = title || '!'", transaction: transaction), Is.EqualTo(own));
            Assert.That(await connection.QueryFirstAsync<long>("SELECT count(*) FROM tasks WHERE title LIKE '%!'", transaction: transaction), Is.EqualTo(own));
        }

        await transaction.RollbackAsync();
    }

    [Test]
    public async Task Driver_objects_are_not_reachable_from_the_scoping_connection()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1";
        await using var transaction = await connection.BeginTransactionAsync();
        command.Transaction = transaction;
        await using var batch = connection.CreateBatch();
        using (CurrentTenant.Use(1L))
        {
            await using var reader = await command.ExecuteReaderAsync();
            Assert.Multiple(() =>
            {
                Assert.That(connection, Is.Not.InstanceOf<NpgsqlConnection>());
                Assert.That(command.Connection, Is.SameAs(connection));
                Assert.That(transaction.Connection, Is.SameAs(connection));
                Assert.That(batch.Connection, Is.SameAs(connection));
                foreach (var obj in new object[] { connection, command, transaction, batch, command.Parameters, reader })
                {
                    Assert.That(DriverMembers(obj), Is.Empty, obj.GetType().Name + " hands out a driver object");
                }
            });
        }
    }

    [Test]
    public async Task QueryFactory_on_a_scoping_connection_takes_no_other_model()
    {
        var lenient = new TenantModelBuilder().TenantKey<long>().TenantTable("projects", "account_id").Build();
        await using var connection = await Source.OpenConnectionAsync();
        Assert.That(() => new QueryFactory(connection, new PostgresCompiler()) { Model = lenient }, Throws.TypeOf<TenantModelException>());
        using var same = new QueryFactory(connection, new PostgresCompiler()) { Model = Source.Model };
        using (CurrentTenant.Use(2L))
        {
            Assert.That(await same.Query("tasks").Select("account_id").GetAsync<long>(), Is.Not.Empty.And.All.EqualTo(2L));
        }
    }

    [Test]
    public async Task A_data_source_without_the_pool_reset_scopes_and_refuses_its_own_commands_and_batches_as_a_connection_does()
    {
        var before = await SnapshotAsync();
        var builder = new NpgsqlConnectionStringBuilder(Databases.Shared) { NoResetOnClose = true };
        await using var source = new TenantDataSource(NpgsqlDataSource.Create(builder.ConnectionString), Source.Model);
        await using var command = source.CreateCommand("SELECT account_id FROM projects");
        await using var batch = source.CreateBatch();
        var batchCommand = batch.CreateBatchCommand();
        batchCommand.CommandText = "SELECT account_id FROM tasks";
        batch.BatchCommands.Add(batchCommand);
        await using var refused = source.CreateCommand("DELETE FROM tasks; SET search_path = other");
        using (CurrentTenant.Use(2L))
        {
            Assert.That(await Column(command), Is.Not.Empty.And.All.EqualTo(2L));
            await using (var reader = await batch.ExecuteReaderAsync())
            {
                var accounts = new List<long>();
                while (await reader.ReadAsync())
                {
                    accounts.Add(reader.GetInt64(0));
                }

                Assert.That(accounts, Is.Not.Empty.And.All.EqualTo(2L));
            }

            Assert.That(() => refused.ExecuteNonQueryAsync(), Throws.InstanceOf<TenantDapperException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused statement wrote something");
    }

    [Test]
    public async Task Changing_the_database_is_refused()
    {
        await using var connection = await Source.OpenConnectionAsync();
        var database = connection.Database;
        Assert.That(() => connection.ChangeDatabase("postgres"), Throws.TypeOf<NotSupportedException>());
        Assert.That(() => connection.ChangeDatabaseAsync("postgres"), Throws.TypeOf<NotSupportedException>());
        Assert.That(connection.Database, Is.EqualTo(database));
    }

    [Test]
    public async Task Command_changed_after_creation_is_scoped_or_refused_at_each_execution()
    {
        var before = await SnapshotAsync();
        await using var connection = await Source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id FROM projects";
        using (CurrentTenant.Use(2L))
        {
            Assert.That(await Column(command), Is.Not.Empty.And.All.EqualTo(2L));
            command.CommandType = CommandType.StoredProcedure;
            Assert.That(() => command.ExecuteReaderAsync(), Throws.TypeOf<UnscopableSqlException>());
            command.CommandType = CommandType.TableDirect;
            command.CommandText = "tasks";
            Assert.That(() => command.ExecuteNonQueryAsync(), Throws.TypeOf<UnscopableSqlException>());
            command.CommandType = CommandType.Text;
            command.CommandText = "SELECT account_id FROM tasks";
            Assert.That(await Column(command), Is.Not.Empty.And.All.EqualTo(2L));
            command.CommandText = "DELETE FROM tasks; TRUNCATE tasks";
            Assert.That(() => command.ExecuteNonQueryAsync(), Throws.TypeOf<UnscopableSqlException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True);
    }

    [Test]
    public async Task Prepared_command_is_scoped_for_the_tenant_of_each_execution()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id FROM tasks";
        using (CurrentTenant.Use(1L))
        {
            await command.PrepareAsync();
            Assert.That(await Column(command), Is.Not.Empty.And.All.EqualTo(1L));
        }

        using (CurrentTenant.Use(3L))
        {
            Assert.That(await Column(command), Is.Not.Empty.And.All.EqualTo(3L));
        }

        Assert.That(() => Column(command), Throws.TypeOf<TenantNotSetException>());
    }

    [Test]
    public async Task Dapper_list_and_literal_replacement_are_scoped()
    {
        var ids = new long[] { 1, 2, 3, 4 };
        var expected = (await new NpgsqlConnection(Databases.Shared).QueryAsync<long>("SELECT id FROM tasks WHERE account_id = 2 AND id = ANY(@ids) ORDER BY id", new { ids })).ToList();
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(2L))
        {
            // Dapper binds a list as one array on a connection named NpgsqlConnection (the driver's too, where PostgreSQL
            // then rejects "IN $1"): the text keeps "IN @ids", which does not parse, and is refused before it is sent.
            Assert.That(() => connection.QueryAsync<long>("SELECT id FROM tasks WHERE id IN @ids ORDER BY id", new { ids }), Throws.TypeOf<UnscopableSqlException>());
            Assert.That(await connection.QueryAsync<long>("SELECT id FROM tasks WHERE id = ANY(@ids) ORDER BY id", new { ids }), Is.EqualTo(expected).And.Not.Empty);
            Assert.That(await connection.QueryAsync<long>("SELECT id FROM tasks WHERE id = {=id} ORDER BY id", new { id = expected[0] }), Is.EqualTo(new[] { expected[0] }));
        }
    }

    [TestCase("tenant_1")]
    [TestCase("tenants")]
    [TestCase("tenantx")]
    [TestCase("my_tenant")]
    public async Task Caller_parameter_named_next_to_the_tenant_is_the_callers_own(string name)
    {
        var parameters = new DynamicParameters();
        parameters.Add(name, 3L);
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.QueryAsync<long>($"SELECT account_id FROM tasks WHERE account_id = @{name}", parameters), Is.Empty, "tenant 1 sees none of tenant 3's rows");
            Assert.That(await connection.QueryAsync<long>($"SELECT account_id FROM tasks WHERE @{name} = 3", parameters), Is.Not.Empty.And.All.EqualTo(1L));
        }
    }

    [Test]
    public async Task Caller_list_named_tenant_never_widens_the_read()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            IEnumerable<long>? rows = null;
            try
            {
                rows = await connection.QueryAsync<long>("SELECT account_id FROM tasks WHERE account_id IN @tenant", new { tenant = new[] { 2L, 3L } });
            }
            catch (TenantDapperException)
            {
                // Refused: as good as empty.
            }

            Assert.That(rows ?? [], Is.Empty);
        }
    }

    [Test]
    public async Task Work_queued_without_the_execution_context_sees_no_tenant()
    {
        await using var connection = await Source.OpenConnectionAsync();
        Task<Exception?> queued;
        using (CurrentTenant.Use(1L))
        {
            using (ExecutionContext.SuppressFlow())
            {
                queued = Task.Run(() => Capture(() => connection.QueryAsync<long>("SELECT account_id FROM tasks")));
            }
        }

        Assert.That(await queued, Is.TypeOf<TenantNotSetException>());

        var unsafeQueued = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var second = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            ThreadPool.UnsafeQueueUserWorkItem(_ => unsafeQueued.SetResult(Capture(() => second.QueryAsync<long>("SELECT account_id FROM tasks")).GetAwaiter().GetResult()), null);
        }

        Assert.That(await unsafeQueued.Task, Is.TypeOf<TenantNotSetException>());
    }

    [Test]
    public async Task Task_started_in_a_scope_that_ended_sees_no_tenant()
    {
        await using var connection = await Source.OpenConnectionAsync();
        var scopeEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<Exception?> later;
        using (CurrentTenant.Use(1L))
        {
            later = Task.Run(async () =>
            {
                await scopeEnded.Task;
                return await Capture(() => connection.QueryAsync<long>("SELECT account_id FROM tasks"));
            });
        }

        scopeEnded.SetResult();
        Assert.That(await later, Is.TypeOf<TenantNotSetException>());
    }

    private static async Task<Exception?> Capture(Func<Task> run)
    {
        try
        {
            await run();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static async Task<List<long>> Column(DbCommand command)
    {
        var values = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetInt64(0));
        }

        return values;
    }

    // Public properties and parameterless methods whose type is one of the driver's connection, command, transaction or batch.
    private static IEnumerable<string> DriverMembers(object obj)
    {
        var driverTypes = new[] { typeof(NpgsqlConnection), typeof(NpgsqlCommand), typeof(NpgsqlTransaction), typeof(NpgsqlBatch), typeof(NpgsqlDataSource) };
        bool IsDriver(Type type) => driverTypes.Any(d => d.IsAssignableFrom(type));
        var type = obj.GetType();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            if (IsDriver(property.PropertyType) || (property.GetValue(obj) is { } value && IsDriver(value.GetType())))
            {
                yield return property.Name;
            }
        }

        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => IsDriver(m.ReturnType)))
        {
            yield return method.Name;
        }
    }

    private async Task AssertRefusedAsync(string sql, object? tenant)
    {
        var before = await SnapshotAsync();
        var (connection, pid) = await OpenMarkedConnectionAsync();
        await using (connection)
        {
            var marker = await LastStatementAsync(pid);
            using (tenant is null ? null : CurrentTenant.Use(tenant))
            {
                Assert.That(() => connection.ExecuteAsync(sql), Throws.InstanceOf<TenantDapperException>());
                Assert.That(() => connection.Query(sql), Throws.InstanceOf<TenantDapperException>(), "the synchronous path");
            }

            Assert.That(await LastStatementAsync(pid), Is.EqualTo(marker), "the refused statement was sent");
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused statement wrote something");
    }
}
