using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Dapper;
using Npgsql;
using TenantDapper.Benchmarks.Measuring;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// A <see cref="TenantDataSource"/> with row-level security on, as the application role: every path carries the
/// statement's tenants in the same round trip, and what the rewriter cannot see (the app's functions and views, the
/// qual order of several-tenant reads) is scoped by the server.
/// </summary>
public class RowLevelSecurityDataSourceTests : RowLevelSecurityFixture
{
    [Test]
    public async Task A_function_declared_safe_by_mistake_counts_only_the_tenants_rows()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT project_count()"), Is.EqualTo(2));
        }
    }

    [Test]
    public async Task A_function_declared_safe_by_mistake_changes_only_the_tenants_rows()
    {
        var before = await AllProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Use(2L))
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT rename_projects()", transaction: transaction), Is.EqualTo(1));
        }

        await transaction.RollbackAsync();
        Assert.That(await AllProjectsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_view_declared_global_by_mistake_shows_only_the_tenants_rows()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(2L))
        {
            Assert.That(await connection.QueryAsync<string>("SELECT name FROM invoker_projects"), Is.EqualTo(new[] { "two-a" }));
        }
    }

    [Test]
    public async Task A_failing_cast_in_a_several_tenant_read_never_sees_another_tenants_value()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.UseMany(1L, 2L))
        {
            var names = await connection.QueryAsync<string>("SELECT name FROM projects WHERE payload::bool ORDER BY name");

            Assert.That(names, Is.EqualTo(new[] { "one-a", "one-b", "two-a" }));
        }
    }

    [Test]
    public async Task A_bypass_on_the_tenant_data_source_sees_and_changes_nothing()
    {
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Bypass("rls test: the tenant role cannot lift the policies"))
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects"), Is.Zero);
            Assert.That(await connection.ExecuteAsync("UPDATE projects SET name = name"), Is.Zero);
        }
    }

    [Test]
    public async Task Text_carries_the_tenant_in_one_round_trip()
    {
        await using var counter = new RoundTripProxy(ApplicationConnectionString);
        await using var source = CountedSource(counter);
        await using var connection = await source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            var trips = await RoundTripsAsync(counter, () => connection.QueryAsync<string>("SELECT name FROM projects WHERE id = @id", new { id = 1L }));

            Assert.That(trips, Is.EqualTo((1, new[] { "one-a" })));
        }
    }

    [Test]
    public async Task A_builder_read_carries_the_tenant_in_one_round_trip()
    {
        await using var counter = new RoundTripProxy(ApplicationConnectionString);
        await using var source = CountedSource(counter);
        await using var connection = await source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        using (CurrentTenant.Use(2L))
        {
            var trips = await RoundTripsAsync(counter, () => db.Query("projects").Select("name").GetAsync<string>());

            Assert.That(trips, Is.EqualTo((1, new[] { "two-a" })));
        }
    }

    [Test]
    public async Task An_entity_insert_carries_the_tenant_in_one_round_trip()
    {
        await using var counter = new RoundTripProxy(ApplicationConnectionString);
        await using var source = CountedSource(counter);
        await using var connection = await source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        using (CurrentTenant.Use(1L))
        {
            var trips = await RoundTripsAsync(counter, () => Task.FromResult(db.Entities<Project>().Insert(new Project { Id = 50, Name = "entity" })));
            var written = await connection.ExecuteAsync("DELETE FROM projects WHERE id = 50");

            Assert.That(trips.Trips, Is.EqualTo(1));
            Assert.That(written, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_batch_carries_the_tenant_in_one_round_trip_with_positional_parameters()
    {
        await using var counter = new RoundTripProxy(ApplicationConnectionString);
        await using var source = CountedSource(counter);
        await using var connection = await source.OpenConnectionAsync();
        await using var batch = connection.CreateBatch();
        var command = batch.CreateBatchCommand();
        command.CommandText = "SELECT count(*) FROM projects WHERE id = $1";
        command.Parameters.Add(new NpgsqlParameter { Value = 1L });
        batch.BatchCommands.Add(command);
        using (CurrentTenant.UseMany(1L, 3L))
        {
            var trips = await RoundTripsAsync(counter, () => batch.ExecuteScalarAsync());

            Assert.That(trips, Is.EqualTo((1, (object?)2L)));
        }
    }

    [Test]
    public async Task A_command_with_positional_parameters_is_refused_before_anything_is_sent()
    {
        await using var connection = await Source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM projects WHERE id = $1";
        command.Parameters.Add(new NpgsqlParameter { Value = 1L });
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => command.ExecuteScalarAsync(), Throws.TypeOf<UnscopableSqlException>().With.Message.Contains("DbBatch"));
        }
    }

    [Test]
    public async Task Statements_in_one_transaction_each_carry_their_own_tenant_and_nothing_survives_it()
    {
        await using var connection = await Source.OpenConnectionAsync();
        long first, second;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using (CurrentTenant.Use(1L))
            {
                first = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects", transaction: transaction);
            }

            using (CurrentTenant.Use(2L))
            {
                second = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects", transaction: transaction);
            }

            await transaction.CommitAsync();
        }

        var left = await connection.ExecuteScalarAsync<string?>("SELECT current_setting('tenantdapper.tenants', true)");
        Assert.That((first, second, left ?? ""), Is.EqualTo((2L, 1L, "")));
    }

    [Test]
    public async Task A_factory_in_a_transaction_begun_on_the_data_sources_connection_sees_its_own_writes_and_only_the_tenants_rows()
    {
        var before = await AllProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        var db = new QueryFactory(connection, new PostgresCompiler());
        int inserted;
        List<string> built, raw;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            using (CurrentTenant.Use(1L))
            {
                inserted = await db.Query("projects").InsertAsync(new { account_id = 1L, id = 60L, name = "in-transaction" }, transaction);
                built = [.. await db.Query("projects").Select("name").OrderBy("id").GetAsync<string>(transaction)];
                raw = [.. await db.SelectAsync<string>("SELECT name FROM projects ORDER BY id", transaction: transaction)];
            }

            await transaction.RollbackAsync();
        }

        Assert.Multiple(async () =>
        {
            Assert.That(inserted, Is.EqualTo(1));
            Assert.That(built, Is.EqualTo(new[] { "one-a", "one-b", "in-transaction" }));
            Assert.That(raw, Is.EqualTo(built));
            Assert.That(await AllProjectsAsync(), Is.EqualTo(before), "the rollback took the row back");
        });
    }

    [Test]
    public async Task The_tenant_setting_never_survives_its_statement_into_the_next_tenants_use_of_a_pooled_connection()
    {
        // One server connection for every use, each text sent often enough to be prepared, tenants interleaved.
        await using var source = new TenantDataSource(
            NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ApplicationConnectionString) { MaxPoolSize = 1 }.ConnectionString),
            Model,
            new TenantDataSourceOptions { RowLevelSecurity = true });
        var counts = new List<long>();
        var left = new List<string>();
        var backends = new HashSet<int>();
        for (var round = 0; round < 3; round++)
        {
            foreach (var tenant in new[] { 1L, 2L })
            {
                await using var connection = await source.OpenConnectionAsync();
                using (CurrentTenant.Use(tenant))
                {
                    counts.Add(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects"));
                }

                left.Add(await LeftSettingAsync(connection, backends));
                using (CurrentTenant.Use(tenant))
                {
                    Assert.That(() => connection.ExecuteScalarAsync<long>("SELECT count(*) / 0 FROM projects"), Throws.TypeOf<PostgresException>());
                }

                left.Add(await LeftSettingAsync(connection, backends));
                await using (var transaction = await connection.BeginTransactionAsync())
                {
                    using (CurrentTenant.Use(tenant))
                    {
                        counts.Add(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects", transaction: transaction));
                    }

                    await transaction.CommitAsync();
                }

                left.Add(await LeftSettingAsync(connection, backends));
            }
        }

        Assert.That(counts, Is.EqualTo(new long[] { 2, 2, 1, 1, 2, 2, 1, 1, 2, 2, 1, 1 }));
        Assert.That(left, Has.Count.EqualTo(18).And.All.Empty);
        Assert.That(backends, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_statement_that_fails_rolls_back_its_implicit_transaction_and_the_connection_stays_usable()
    {
        var before = await AllProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => connection.ExecuteAsync("UPDATE projects SET name = 'gone' WHERE id = 1; SELECT 1 / 0"), Throws.TypeOf<PostgresException>());
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects"), Is.EqualTo(2));
        }

        Assert.That(await AllProjectsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Bulk_insert_stages_the_rows_and_writes_them_for_the_tenant()
    {
        if (PostgresSetUp.IsCitusCoordinator)
        {
            Assert.Ignore("On Citus a bulk insert under row-level security is refused (Bulk_insert_on_citus_is_refused_and_writes_nothing).");
        }

        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(3L))
        {
            var inserted = await connection.BulkInsertAsync([new Project { Id = 60, Name = "bulk" }, new Project { Id = 61, Name = "bulk" }]);

            Assert.That(inserted, Is.EqualTo(2));
        }

        var rows = (await AllProjectsAsync()).Where(p => p.Name == "bulk").Select(p => (p.Account, p.Id));
        await ExecuteAsync("DELETE FROM projects WHERE name = 'bulk'");
        Assert.That(rows, Is.EqualTo(new[] { (3L, 60L), (3L, 61L) }));
    }

    [Test]
    public async Task Bulk_insert_on_citus_is_refused_and_writes_nothing()
    {
        if (!PostgresSetUp.IsCitusCoordinator)
        {
            Assert.Ignore("Only a Citus coordinator refuses COPY into a sharded table with policies; plain PostgreSQL stages the rows.");
        }

        var before = await AllProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Use(3L))
        {
            Assert.That(
                () => connection.BulkInsertAsync([new Project { Id = 60, Name = "bulk" }]),
                Throws.TypeOf<NotSupportedException>().With.Message.Contains("INSERT statements"));
            Assert.That(() => connection.BulkInsert([new Project { Id = 61, Name = "bulk" }]), Throws.TypeOf<NotSupportedException>());
        }

        Assert.That(await AllProjectsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Bulk_insert_under_a_bypass_on_the_tenant_data_source_writes_nothing()
    {
        var before = await AllProjectsAsync();
        await using var connection = await Source.OpenConnectionAsync();
        using (CurrentTenant.Bypass("rls test: COPY as the tenant role"))
        {
            Assert.That(() => connection.BulkInsert([new Project { AccountId = 2, Id = 62, Name = "bypass" }]), Throws.TypeOf<PostgresException>());
        }

        Assert.That(await AllProjectsAsync(), Is.EqualTo(before));
    }

    private static TenantDataSource CountedSource(RoundTripProxy counter) =>
        new(NpgsqlDataSource.Create(counter.ConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = true });

    // What the session holds of the tenant setting between statements, read by a bypass (which carries no setting) on the same connection.
    private static async Task<string> LeftSettingAsync(System.Data.Common.DbConnection connection, HashSet<int> backends)
    {
        using (CurrentTenant.Bypass("rls test: reads what the session kept of the tenant setting"))
        {
            var (backend, setting) = await connection.QuerySingleAsync<(int, string?)>("SELECT pg_backend_pid(), current_setting('tenantdapper.tenants', true)");
            backends.Add(backend);
            return setting ?? "";
        }
    }

    private static async Task<(int Trips, T Result)> RoundTripsAsync<T>(RoundTripProxy counter, Func<Task<T>> run)
    {
        var before = counter.Count;
        var result = await run();
        return ((int)(counter.Count - before).Turns, result);
    }

    [Table("projects")]
    private sealed class Project
    {
        public long AccountId { get; set; }

        [Key]
        [DatabaseGenerated(DatabaseGeneratedOption.None)]
        public long Id { get; set; }

        public string Name { get; set; } = "";
    }
}
