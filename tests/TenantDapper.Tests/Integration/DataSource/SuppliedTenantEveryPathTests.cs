using System.Data.Common;
using Dapper;
using Npgsql;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// A tenant value the caller's text supplies (a constant or a parameter for the tenant column) is replaced by
/// <c>@tenant</c>, so the scoped text is cached once for every tenant; the value must be checked at every execution, on
/// every path that sends a scoped statement. Each test runs one text first for the tenant it names (it runs and changes
/// that tenant's row), then, from the cache, for another tenant: that is refused, nothing is sent and nothing changes.
/// </summary>
public class SuppliedTenantEveryPathTests : DataSourceFixture
{
    // Changes nothing (name = name) but counts the row: allowed for tenant 2, whose manager 1 exists.
    private const string SetByConstant = "UPDATE managers SET account_id = 2, name = name WHERE id = 1";
    private const string SetByParameter = "UPDATE managers SET account_id = @to, name = name WHERE id = 1";

    public static IEnumerable<TestCaseData> Paths()
    {
        yield return Path("ExecuteNonQuery", (c, sql, p) => Command(c, sql, p).ExecuteNonQuery());
        yield return Path("ExecuteNonQueryAsync", async (c, sql, p) => await Command(c, sql, p).ExecuteNonQueryAsync());
        yield return Path("ExecuteScalar", (c, sql, p) => Command(c, sql + " RETURNING 1", p).ExecuteScalar() is null ? 0 : 1);
        yield return Path("ExecuteScalarAsync", async (c, sql, p) => await Command(c, sql + " RETURNING 1", p).ExecuteScalarAsync() is null ? 0 : 1);
        yield return Path("ExecuteReader", (c, sql, p) =>
        {
            using var reader = Command(c, sql + " RETURNING 1", p).ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                rows++;
            }

            return rows;
        });
        yield return Path("ExecuteReaderAsync", async (c, sql, p) =>
        {
            await using var reader = await Command(c, sql + " RETURNING 1", p).ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
            }

            return rows;
        });
        yield return Path("Prepare then execute", (c, sql, p) =>
        {
            using var command = Command(c, sql, p);
            command.Prepare();
            return command.ExecuteNonQuery();
        });
        yield return Path("PrepareAsync then execute", async (c, sql, p) =>
        {
            await using var command = Command(c, sql, p);
            await command.PrepareAsync();
            return await command.ExecuteNonQueryAsync();
        });
        yield return Path("DbBatch of the connection", async (c, sql, p) =>
        {
            await using var batch = c.CreateBatch();
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            AddParameters(command.Parameters, () => command.CreateParameter(), p);
            batch.BatchCommands.Add(command);
            return await batch.ExecuteNonQueryAsync();
        });
        yield return Path("Dapper Execute", (c, sql, p) => c.Execute(sql, p));
        yield return Path("Dapper ExecuteAsync", async (c, sql, p) => await c.ExecuteAsync(sql, p));
        yield return Path("Dapper Query", (c, sql, p) => c.Query<int>(sql + " RETURNING 1", p).Count());
        yield return Path("Dapper QueryMultiple", (c, sql, p) =>
        {
            using var grid = c.QueryMultiple("SELECT 1; " + sql + " RETURNING 1", p);
            grid.Read<int>();
            return grid.Read<int>().Count();
        });
        yield return Path("QueryFactory.Statement on the scoping connection", (c, sql, p) =>
        {
            var db = new QueryFactory(c, new PostgresCompiler());
            return db.Statement(sql, p);
        });
        yield return Path("QueryFactory.Select on the scoping connection", (c, sql, p) =>
        {
            var db = new QueryFactory(c, new PostgresCompiler());
            return db.Select<int>(sql + " RETURNING 1", p).Count();
        });
    }

    [TestCaseSource(nameof(Paths))]
    public Task Supplied_constant_is_checked_on_every_execution(Func<DbConnection, string, object?, Task<int>> path) =>
        AssertCheckedEveryTimeAsync(path, SetByConstant, null, null);

    [TestCaseSource(nameof(Paths))]
    public Task Supplied_parameter_is_checked_on_every_execution(Func<DbConnection, string, object?, Task<int>> path) =>
        AssertCheckedEveryTimeAsync(path, SetByParameter, new { to = 2L }, new { to = 2L });

    [TestCaseSource(nameof(Paths))]
    public Task Supplied_parameter_of_the_current_tenant_is_checked_by_its_value_each_time(Func<DbConnection, string, object?, Task<int>> path) =>
        AssertCheckedEveryTimeAsync(path, SetByParameter, new { to = 2L }, new { to = 3L }, refusedTenant: 2L);

    [Test]
    public async Task Command_of_the_data_source_checks_the_supplied_constant_every_time()
    {
        using (CurrentTenant.Use(2L))
        {
            await using var allowed = Source.CreateCommand(SetByConstant);
            Assert.That(await allowed.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var before = await SnapshotAsync();
        using (CurrentTenant.Use(1L))
        {
            await using var refused = Source.CreateCommand(SetByConstant);
            Assert.That(() => refused.ExecuteNonQueryAsync(), Throws.TypeOf<TenantMismatchException>());
            Assert.That(() => refused.ExecuteNonQuery(), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused statement wrote something");
    }

    [Test]
    public async Task Batch_of_the_data_source_checks_the_supplied_constant_every_time()
    {
        async Task<int> RunAsync()
        {
            await using var batch = Source.CreateBatch();
            var command = batch.CreateBatchCommand();
            command.CommandText = SetByConstant;
            batch.BatchCommands.Add(command);
            return await batch.ExecuteNonQueryAsync();
        }

        using (CurrentTenant.Use(2L))
        {
            Assert.That(await RunAsync(), Is.EqualTo(1));
        }

        var before = await SnapshotAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(RunAsync, Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused batch wrote something");
    }

    [Test]
    public async Task Dapper_list_checks_each_item()
    {
        var before = await SnapshotAsync();
        await using (var connection = await Source.OpenConnectionAsync())
        using (CurrentTenant.Use(2L))
        {
            Assert.That(() => connection.Execute(SetByParameter, new[] { new { to = 2L }, new { to = 1L } }), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True);
    }

    [Test]
    public async Task QueryFactory_statement_on_a_driver_connection_checks_the_supplied_constant_every_time()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = OracleSchema.Model };
        using (CurrentTenant.Use(2L))
        {
            Assert.That(db.Statement(SetByConstant), Is.EqualTo(1));
        }

        var before = await SnapshotAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => db.Statement(SetByConstant), Throws.TypeOf<TenantMismatchException>());
            Assert.That(() => db.StatementAsync(SetByConstant), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True);
    }

    [Test]
    public async Task Builder_insert_from_a_raw_select_checks_its_tenant_constant()
    {
        var columns = new[] { "account_id", "id", "name" };
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        using var db = new QueryFactory(connection, new PostgresCompiler()) { Model = OracleSchema.Model };
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using (CurrentTenant.Use(2L))
            {
                Assert.That(db.Query("managers").Insert(columns, new Query().SelectRaw("2, 970, 'by constant'"), transaction), Is.EqualTo(1));
            }

            await using var check = new NpgsqlCommand("SELECT account_id FROM managers WHERE id = 970", connection, transaction);
            Assert.That(await check.ExecuteScalarAsync(), Is.EqualTo(2L));
            await transaction.RollbackAsync();
        }

        var before = await SnapshotAsync();
        using (CurrentTenant.Use(1L))
        {
            var insert = db.Query("managers");
            Assert.That(() => insert.Insert(columns, new Query().SelectRaw("2, 971, 'theirs'")), Throws.TypeOf<TenantMismatchException>());
            Assert.That(() => insert.InsertAsync(columns, new Query().SelectRaw("'2', 972, 'theirs'")), Throws.TypeOf<TenantMismatchException>());
            Assert.That(() => db.Explain(new Query("managers").AsInsert(columns, new Query().SelectRaw("2, 973, 'theirs'"))), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True);
    }

    private static TestCaseData Path(string name, Func<DbConnection, string, object?, int> run) =>
        new TestCaseData((Func<DbConnection, string, object?, Task<int>>)((c, sql, p) => Task.FromResult(run(c, sql, p)))).SetArgDisplayNames(name);

    private static TestCaseData Path(string name, Func<DbConnection, string, object?, Task<int>> run) =>
        new TestCaseData(run).SetArgDisplayNames(name);

    private static DbCommand Command(DbConnection connection, string sql, object? parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        AddParameters(command.Parameters, command.CreateParameter, parameters);
        return command;
    }

    private static void AddParameters(DbParameterCollection collection, Func<DbParameter> create, object? parameters)
    {
        foreach (var property in parameters?.GetType().GetProperties() ?? [])
        {
            var parameter = create();
            parameter.ParameterName = property.Name;
            parameter.Value = property.GetValue(parameters);
            collection.Add(parameter);
        }
    }

    private async Task AssertCheckedEveryTimeAsync(Func<DbConnection, string, object?, Task<int>> path, string sql, object? allowedParameters, object? refusedParameters, long refusedTenant = 1L)
    {
        await using (var connection = await Source.OpenConnectionAsync())
        using (CurrentTenant.Use(2L))
        {
            Assert.That(await path(connection, sql, allowedParameters), Is.EqualTo(1), "tenant 2 supplying itself changes its own row");
        }

        var before = await SnapshotAsync();
        var (marked, pid) = await OpenMarkedConnectionAsync();
        await using (marked)
        {
            var marker = await LastStatementAsync(pid);
            using (CurrentTenant.Use(refusedTenant))
            {
                Assert.That(() => path(marked, sql, refusedParameters), Throws.TypeOf<TenantMismatchException>());
            }

            Assert.That(await LastStatementAsync(pid), Is.EqualTo(marker), "the refused statement was sent");
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused statement wrote something");
    }
}
