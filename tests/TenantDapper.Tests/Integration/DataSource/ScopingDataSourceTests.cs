using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// Plain ADO.NET and Dapper code through <see cref="TenantDataSource"/>: every execution path returns and changes
/// only the current tenant's rows, compared with the same statement written with explicit tenant predicates and run
/// on the driver's own connection.
/// </summary>
public class ScopingDataSourceTests : DataSourceFixture
{
    private const string TwoJoin = "SELECT p.name, t.title, c.body FROM projects p JOIN tasks t ON t.project_id = p.id LEFT JOIN comments c ON c.task_id = t.id WHERE p.id = @id ORDER BY 1, 2, 3";

    [TestCase(1L)]
    [TestCase(2L)]
    public async Task Query_returns_only_the_current_tenants_rows(long tenant)
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(tenant))
        {
            var rows = (await connection.QueryAsync<(long AccountId, long Id)>("SELECT account_id, id FROM tasks")).ToList();
            Assert.That(rows.Select(r => r.AccountId), Is.Not.Empty.And.All.EqualTo(tenant));
            Assert.That(rows, Has.Count.EqualTo(await RawScalarAsync<long>($"SELECT count(*) FROM tasks WHERE account_id = {tenant}")));
        }
    }

    [TestCase(1L)]
    [TestCase(3L)]
    public async Task Two_join_query_with_a_parameter_returns_what_explicit_tenant_predicates_return(long tenant)
    {
        var expected = await ExplicitAsync(
            $"SELECT p.name, t.title, c.body FROM projects p JOIN tasks t ON t.project_id = p.id AND t.account_id = p.account_id LEFT JOIN comments c ON c.task_id = t.id AND c.acc_id = {tenant} WHERE p.id = 2 AND p.account_id = {tenant} ORDER BY 1, 2, 3");
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(tenant))
        {
            var rows = (await connection.QueryAsync<(string, string, string?)>(TwoJoin, new { id = 2L })).Select(r => $"{r.Item1} | {r.Item2} | {r.Item3 ?? "∅"}");
            Assert.That(rows, Is.EqualTo(expected));
        }
    }

    [Test]
    public async Task Every_command_execution_path_is_scoped()
    {
        var own = await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 2");
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(2L))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM tasks";
            Assert.That(command.ExecuteScalar(), Is.EqualTo(own), "ExecuteScalar");
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(own), "ExecuteScalarAsync");
            using (var reader = command.ExecuteReader())
            {
                Assert.That(reader.Read() && reader.GetInt64(0) == own, Is.True, "ExecuteReader");
            }

            await using (var reader = await command.ExecuteReaderAsync())
            {
                Assert.That(await reader.ReadAsync() && reader.GetInt64(0) == own, Is.True, "ExecuteReaderAsync");
            }

            Assert.That(command.CommandText, Is.EqualTo("SELECT count(*) FROM tasks"), "the caller's text is kept");
            Assert.That(command.Parameters, Is.Empty, "the tenant parameter is taken out again");

            await using var transaction = await connection.BeginTransactionAsync();
            command.Transaction = transaction;
            command.CommandText = "UPDATE tasks SET title = title";
            Assert.That(command.ExecuteNonQuery(), Is.EqualTo(own), "ExecuteNonQuery");
            Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(own), "ExecuteNonQueryAsync");
            await transaction.RollbackAsync();
        }
    }

    [Test]
    public async Task Prepared_command_is_scoped_for_the_tenant_of_each_execution()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT account_id FROM tasks WHERE id > @min";
        var min = command.CreateParameter();
        min.ParameterName = "min";
        min.Value = 0L;
        command.Parameters.Add(min);
        using (CurrentTenant.Use(1L))
        {
            await command.PrepareAsync();
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(1L));
        }

        using (CurrentTenant.Use(3L))
        {
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(3L));
        }

        using (CurrentTenant.Use(2L))
        {
            command.Prepare();
            Assert.That(command.ExecuteScalar(), Is.EqualTo(2L));
        }
    }

    [Test]
    public async Task Batch_scopes_each_command()
    {
        var tasks = await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 3");
        var projects = await RawScalarAsync<long>("SELECT count(*) FROM projects WHERE account_id = 3");
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(3L))
        {
            await using var batch = connection.CreateBatch();
            foreach (var sql in new[] { "SELECT count(*) FROM tasks", "SELECT count(*) FROM projects WHERE id > $1" })
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                batch.BatchCommands.Add(command);
            }

            var positional = batch.BatchCommands[1].CreateParameter();
            positional.Value = 0L;
            batch.BatchCommands[1].Parameters.Add(positional);
            await using var reader = await batch.ExecuteReaderAsync();
            Assert.That(await reader.ReadAsync() && reader.GetInt64(0) == tasks, Is.True, "first command");
            Assert.That(await reader.NextResultAsync() && await reader.ReadAsync() && reader.GetInt64(0) == projects, Is.True, "second command");
        }
    }

    [Test]
    public async Task Command_of_the_data_source_is_scoped()
    {
        var own = await RawScalarAsync<long>("SELECT count(*) FROM projects WHERE account_id = 1");
        await using var command = Source.CreateCommand("SELECT count(*) FROM projects");
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(own));
        }
    }

    [Test]
    public async Task Transaction_belongs_to_the_scoping_connection_and_rolls_back()
    {
        var before = await SnapshotAsync();
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            Assert.That(transaction.Connection, Is.SameAs(connection));
            var deleted = await connection.ExecuteAsync("DELETE FROM comments", transaction: transaction);
            Assert.That(deleted, Is.EqualTo(await RawScalarAsync<long>("SELECT count(*) FROM comments WHERE acc_id = 1")));
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM comments", transaction: transaction), Is.Zero);
            await transaction.RollbackAsync();
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True);
    }

    [Test]
    public async Task Several_tenants_read_the_rows_of_each_of_them()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.UseMany(1L, 3L))
        {
            var tenants = await connection.QueryAsync<long>("SELECT DISTINCT p.account_id FROM projects p JOIN tasks t ON t.project_id = p.id ORDER BY 1");
            Assert.That(tenants, Is.EqualTo(new[] { 1L, 3L }));
        }
    }

    [Test]
    public async Task Bypass_sends_the_text_as_written()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Bypass("data source test: every tenant"))
        {
            Assert.That(await connection.QueryAsync<long>("SELECT DISTINCT account_id FROM tasks ORDER BY 1"), Is.EqualTo(new[] { 1L, 2L, 3L }));
        }
    }

    [Test]
    public async Task Positional_parameters_stay_positional_and_the_tenant_takes_the_next_position()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, id FROM tasks WHERE id BETWEEN $1 AND $2 ORDER BY id";
        foreach (var value in new[] { 2L, 4L })
        {
            var parameter = command.CreateParameter();
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        using (CurrentTenant.Use(2L))
        {
            var rows = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    rows.Add($"{reader.GetInt64(0)}:{reader.GetInt64(1)}");
                }
            }

            Assert.That(rows, Is.EqualTo(new[] { "2:2", "2:3", "2:4" }));
            Assert.That(command.Parameters, Has.Count.EqualTo(2));
        }
    }

    [Test]
    public async Task Insert_supplying_the_current_tenant_by_parameter_writes_it()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Use(2L))
        {
            var inserted = await connection.ExecuteAsync(
                "INSERT INTO managers (account_id, id, name) VALUES (@AccountId, @Id, @Name)",
                new[] { new { AccountId = 2L, Id = 50L, Name = "a" }, new { AccountId = 2L, Id = 51L, Name = "b" } },
                transaction);
            Assert.That(inserted, Is.EqualTo(2));
            Assert.That(
                () => connection.ExecuteAsync("INSERT INTO managers (account_id, id, name) VALUES (@AccountId, @Id, @Name)", new[] { new { AccountId = 2L, Id = 52L, Name = "c" }, new { AccountId = 1L, Id = 53L, Name = "d" } }, transaction),
                Throws.TypeOf<TenantMismatchException>());
        }

        using (CurrentTenant.Bypass("data source test: read back"))
        {
            var rows = await connection.QueryAsync<string>("SELECT account_id || ':' || id FROM managers WHERE id >= 50 ORDER BY id", transaction: transaction);
            Assert.That(rows, Is.EqualTo(new[] { "2:50", "2:51", "2:52" }));
        }

        await transaction.RollbackAsync();
    }

    private async Task<List<string>> ExplicitAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        return [.. (await connection.QueryAsync<(string, string, string?)>(sql)).Select(r => $"{r.Item1} | {r.Item2} | {r.Item3 ?? "∅"}")];
    }
}
