using System.Data;
using Dapper;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>Dapper's features through a scoping connection: each keeps working and sees only the current tenant's rows.</summary>
public class DapperThroughDataSourceTests : DataSourceFixture
{
    [Test]
    public async Task List_is_bound_as_one_array_parameter_as_on_the_drivers_connection()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(2L))
        {
            var rows = await connection.QueryAsync<(long, long)>("SELECT account_id, id FROM projects WHERE id = ANY(@ids) ORDER BY id", new { ids = new[] { 1L, 3L, 99L } });
            Assert.That(rows, Is.EqualTo(new[] { (2L, 1L), (2L, 3L) }));
            var fromList = await connection.QueryAsync<long>("SELECT id FROM projects WHERE id = ANY(@ids) ORDER BY id", new { ids = new List<long> { 2L, 4L } });
            Assert.That(fromList, Is.EqualTo(new[] { 2L, 4L }));
        }
    }

    [Test]
    public async Task Literal_token_is_replaced_before_the_text_is_scoped()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(3L))
        {
            var row = await connection.QuerySingleAsync<(long, long)>("SELECT account_id, id FROM projects WHERE id = {=id}", new { id = 4L });
            Assert.That(row, Is.EqualTo((3L, 4L)));
        }
    }

    [Test]
    public async Task Multi_mapping_splits_the_scoped_rows()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            var pairs = await connection.QueryAsync<ProjectRow, TaskRow, (ProjectRow, TaskRow)>(
                "SELECT p.account_id, p.id, p.name, t.account_id, t.id, t.title FROM projects p JOIN tasks t ON t.project_id = p.id ORDER BY p.id, t.id",
                (p, t) => (p, t),
                splitOn: "account_id");
            Assert.That(pairs, Is.Not.Empty);
            Assert.That(pairs.All(x => x.Item1.Account_id == 1 && x.Item2.Account_id == 1 && x.Item1.Id > 0 && x.Item2.Title.StartsWith("task", StringComparison.Ordinal)), Is.True);
        }
    }

    [Test]
    public async Task Query_multiple_scopes_each_statement()
    {
        var tasks = await RawScalarAsync<long>("SELECT count(*) FROM tasks WHERE account_id = 2");
        var managers = await RawScalarAsync<long>("SELECT count(*) FROM managers WHERE account_id = 2");
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(2L))
        {
            await using var grid = await connection.QueryMultipleAsync("SELECT count(*) FROM tasks; SELECT count(*) FROM managers WHERE id > @min", new { min = 0L });
            Assert.That(await grid.ReadSingleAsync<long>(), Is.EqualTo(tasks));
            Assert.That(await grid.ReadSingleAsync<long>(), Is.EqualTo(managers));
        }
    }

    [Test]
    public async Task Dynamic_parameters_with_an_output_parameter_are_filled()
    {
        var own = await RawScalarAsync<long>("SELECT count(*) FROM comments WHERE acc_id = 3");
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(3L))
        {
            var parameters = new DynamicParameters();
            parameters.Add("min", 0L);
            parameters.Add("total", dbType: DbType.Int64, direction: ParameterDirection.Output);
            await connection.ExecuteAsync("SELECT count(*) AS total FROM comments WHERE id > @min", parameters);
            Assert.That(parameters.Get<long>("total"), Is.EqualTo(own));
        }
    }

    [Test]
    public async Task Command_definition_carries_its_cancellation()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            Assert.That(() => connection.QueryAsync<long>(new CommandDefinition("SELECT id FROM tasks", cancellationToken: cancelled.Token)), Throws.InstanceOf<OperationCanceledException>());

            using var running = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            Assert.That(() => connection.ExecuteAsync(new CommandDefinition("SELECT pg_sleep(10) FROM tasks WHERE id = 1", cancellationToken: running.Token)), Throws.InstanceOf<OperationCanceledException>());

            var ids = await connection.QueryAsync<long>(new CommandDefinition("SELECT DISTINCT account_id FROM tasks", cancellationToken: CancellationToken.None));
            Assert.That(ids, Is.EqualTo(new[] { 1L }));
        }
    }

    [Test]
    public async Task Unbuffered_query_keeps_the_tenant_of_its_execution()
    {
        await using var connection = await Source.OpenConnectionAsync();
        var seen = new List<long>();
        using (CurrentTenant.Use(2L))
        {
            foreach (var tenant in connection.Query<long>("SELECT account_id FROM tasks", buffered: false))
            {
                using (CurrentTenant.Use(1L))
                {
                    seen.Add(tenant);
                }
            }

            await foreach (var tenant in connection.QueryUnbufferedAsync<long>("SELECT account_id FROM projects"))
            {
                seen.Add(tenant);
            }
        }

        Assert.That(seen, Is.Not.Empty.And.All.EqualTo(2L));
    }

    [Test]
    public async Task Single_row_methods_are_scoped()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(3L))
        {
            Assert.That(await connection.QueryFirstAsync<long>("SELECT account_id FROM tasks ORDER BY id"), Is.EqualTo(3L));
            Assert.That(connection.QueryFirstOrDefault<long?>("SELECT account_id FROM tasks WHERE id = 9"), Is.EqualTo(3L));
            Assert.That(await connection.QuerySingleOrDefaultAsync<long?>("SELECT account_id FROM tasks WHERE id = 100"), Is.Null);
            Assert.That(connection.ExecuteScalar<long>("SELECT max(account_id) FROM managers"), Is.EqualTo(3L));
        }
    }

    [Test]
    public async Task Execute_with_a_list_runs_once_per_item_for_the_current_tenant()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Use(1L))
        {
            var changed = await connection.ExecuteAsync("UPDATE tasks SET title = @Title WHERE id = @Id", new[] { new { Id = 1L, Title = "listed" }, new { Id = 2L, Title = "listed" } }, transaction);
            Assert.That(changed, Is.EqualTo(2));
        }

        using (CurrentTenant.Bypass("data source test: read back"))
        {
            var rows = await connection.QueryAsync<long>("SELECT account_id FROM tasks WHERE title = 'listed'", transaction: transaction);
            Assert.That(rows, Is.EqualTo(new[] { 1L, 1L }));
        }

        await transaction.RollbackAsync();
    }

    private sealed class ProjectRow
    {
        public long Account_id { get; set; }

        public long Id { get; set; }

        public string Name { get; set; } = "";
    }

    private sealed class TaskRow
    {
        public long Account_id { get; set; }

        public long Id { get; set; }

        public string Title { get; set; } = "";
    }
}
