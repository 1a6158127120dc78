using System.Data;
using System.Data.Common;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// Every refusal of the scoping data source, each proven to send nothing: the connection's backend still shows the
/// statement sent before it as its last (<c>pg_stat_activity</c>), and no table changed.
/// </summary>
public class DataSourceRefusalTests : DataSourceFixture
{
    [Test]
    public Task Read_without_a_tenant_is_refused() =>
        AssertRefusedAsync<TenantNotSetException>(null, "SELECT t.title FROM tasks t JOIN projects p ON p.id = t.project_id");

    [Test]
    public Task Write_without_a_tenant_is_refused() =>
        AssertRefusedAsync<TenantNotSetException>(null, "DELETE FROM tasks WHERE id = 1");

    [Test]
    public Task Insert_for_another_tenant_by_parameter_is_refused() =>
        AssertRefusedAsync<TenantMismatchException>(1L, "INSERT INTO managers (account_id, id, name) VALUES (@account, 40, 'theirs')", new { account = 2L });

    [Test]
    public Task Insert_for_another_tenant_by_literal_is_refused() =>
        AssertRefusedAsync<TenantMismatchException>(1L, "INSERT INTO managers (account_id, id, name) VALUES (2, 41, 'theirs')");

    [Test]
    public Task Update_setting_the_tenant_column_is_refused() =>
        AssertRefusedAsync<TenantMismatchException>(1L, "UPDATE tasks SET account_id = 2, title = 'moved' WHERE id = 1");

    [Test]
    public Task Update_setting_the_tenant_column_from_a_parameter_of_another_tenant_is_refused() =>
        AssertRefusedAsync<TenantMismatchException>(1L, "UPDATE tasks SET account_id = @to WHERE id = 1", new { to = 3L });

    [Test]
    public async Task Write_with_several_tenants_is_refused()
    {
        using (CurrentTenant.UseMany(1L, 2L))
        {
            await AssertRefusedAsync<TenantWriteRequiresSingleTenantException>(null, "UPDATE tasks SET done = true");
        }
    }

    [Test]
    public Task Text_that_does_not_parse_is_refused() =>
        AssertRefusedAsync<UnscopableSqlException>(1L, "DELETE FROM tasks WHERE (id = 1");

    [Test]
    public Task Schema_change_is_refused_while_a_tenant_is_set() =>
        AssertRefusedAsync<UnscopableSqlException>(1L, "DROP TABLE tasks");

    [Test]
    public Task Copy_from_standard_input_is_refused() =>
        AssertRefusedAsync<UnscopableSqlException>(1L, "COPY tasks FROM STDIN");

    [Test]
    public Task Copy_to_standard_output_is_refused() =>
        AssertRefusedAsync<UnscopableSqlException>(1L, "COPY (SELECT * FROM tasks) TO STDOUT");

    [Test]
    public Task Stored_procedure_command_is_refused() =>
        AssertRefusedAsync<UnscopableSqlException>(1L, "pg_sleep", commandType: CommandType.StoredProcedure);

    [Test]
    public Task Table_direct_command_is_refused() =>
        AssertRefusedAsync<UnscopableSqlException>(1L, "tasks", commandType: CommandType.TableDirect);

    [TestCase("tenant")]
    [TestCase("Tenant")]
    [TestCase("@TENANT")]
    [TestCase(":tenant")]
    public Task Caller_parameter_with_the_reserved_name_is_refused(string name)
    {
        var parameters = new DynamicParameters();
        parameters.Add(name, 2L);
        return AssertRefusedAsync<UnscopableSqlException>(1L, "DELETE FROM tasks WHERE account_id = @tenant", parameters);
    }

    [Test]
    public Task Reserved_parameter_name_in_the_text_is_refused() =>
        AssertRefusedAsync<UnscopableSqlException>(1L, "DELETE FROM tasks WHERE account_id = @Tenant");

    [Test]
    public Task Tenant_of_the_wrong_type_is_refused() =>
        AssertRefusedAsync<TenantKeyTypeException>("one", "DELETE FROM tasks");

    [Test]
    public Task Unregistered_table_in_the_strict_model_is_refused() =>
        AssertRefusedAsync<UnregisteredTableException>(1L, "DELETE FROM orgs");

    [Test]
    public async Task Refusal_is_raised_again_for_the_same_text_as_a_new_exception()
    {
        await using var connection = await Source.OpenConnectionAsync();
        var first = Assert.ThrowsAsync<TenantNotSetException>(() => connection.ExecuteAsync("DELETE FROM tasks"));
        var second = Assert.ThrowsAsync<TenantNotSetException>(() => connection.ExecuteAsync("DELETE FROM tasks"));
        Assert.That(second, Is.Not.SameAs(first));
        Assert.That(second!.Message, Is.EqualTo(first!.Message));
    }

    [Test]
    public async Task Batch_with_one_refused_command_sends_none()
    {
        var before = await SnapshotAsync();
        var (connection, pid) = await OpenMarkedConnectionAsync();
        await using (connection)
        {
            var marker = await LastStatementAsync(pid);
            await using var batch = connection.CreateBatch();
            var fine = batch.CreateBatchCommand();
            fine.CommandText = "INSERT INTO audit_log (id, message) VALUES (90, 'batched')";
            batch.BatchCommands.Add(fine);
            var refused = batch.CreateBatchCommand();
            refused.CommandText = "DELETE FROM tasks";
            batch.BatchCommands.Add(refused);
            Assert.That(() => batch.ExecuteNonQueryAsync(), Throws.TypeOf<TenantNotSetException>());
            Assert.That(await LastStatementAsync(pid), Is.EqualTo(marker), "the batch sent something");
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused batch wrote something");
    }

    [Test]
    public async Task Command_refuses_a_connection_of_the_driver()
    {
        await using var scoping = await Source.OpenConnectionAsync();
        await using var command = scoping.CreateCommand();
        await using var driver = new NpgsqlConnection(Databases.Shared);
        Assert.That(() => command.Connection = driver, Throws.ArgumentException);
        Assert.That(command.Connection, Is.SameAs(scoping));
    }

    [Test]
    public async Task Batch_refuses_a_command_of_the_driver()
    {
        await using var scoping = await Source.OpenConnectionAsync();
        await using var batch = scoping.CreateBatch();
        Assert.That(() => batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM tasks")), Throws.ArgumentException);
    }

    private async Task AssertRefusedAsync<TException>(object? tenant, string sql, object? parameters = null, CommandType commandType = CommandType.Text)
        where TException : TenantDapperException
    {
        var before = await SnapshotAsync();
        var (connection, pid) = await OpenMarkedConnectionAsync();
        await using (connection)
        {
            var marker = await LastStatementAsync(pid);
            using (tenant is null ? null : CurrentTenant.Use(tenant))
            {
                Assert.That(() => connection.ExecuteAsync(new CommandDefinition(sql, parameters, commandType: commandType)), Throws.TypeOf<TException>());
                Assert.That(() => connection.Query(sql, parameters, commandType: commandType), Throws.TypeOf<TException>(), "the synchronous path");
            }

            Assert.That(await LastStatementAsync(pid), Is.EqualTo(marker), "the refused statement was sent");
        }

        Assert.That((await SnapshotAsync()).SameAs(before), Is.True, "a refused statement wrote something");
    }
}
