using Dapper;
using Npgsql;
using TenantDapper.Tests.Sample;
using TenantDapper.Tests.Sample.Entities;

namespace TenantDapper.Tests.Integration.BulkCopy;

public sealed class BulkInsertTests : DatabaseFixture
{
    // One statement per command: in one batch (one transaction) Citus refuses the DELETE on the reference
    // table countries after the parallel TRUNCATE of distributed tables that reference it.
    [SetUp]
    public async Task EmptyTenantTablesAsync()
    {
        await ExecuteAsync("TRUNCATE project_managers, comments, tasks, projects, managers, audit_log RESTART IDENTITY");
        await ExecuteAsync("DELETE FROM accounts WHERE id > 3");
        await ExecuteAsync("DELETE FROM countries WHERE code NOT IN ('DE', 'FR')");
    }

    [Test]
    public void Rows_are_inserted_with_the_tenant_column_filled_from_the_current_tenant()
    {
        using var connection = OpenConnection();
        long inserted;
        using (CurrentTenant.Use(1L))
        {
            inserted = connection.BulkInsert(SampleSchema.Model, [new Project { Name = "Apollo", Budget = 12.50m }, new Project { Name = "Gemini" }]);
        }

        var rows = connection.Query<(long AccountId, long Id, string Name, decimal? Budget, long? ManagerId)>(
            "SELECT account_id, id, name, budget, manager_id FROM projects ORDER BY id").ToList();
        Assert.That(inserted, Is.EqualTo(2));
        Assert.That(rows, Is.EqualTo(new[] { (1L, 1L, "Apollo", (decimal?)12.50m, (long?)null), (1L, 2L, "Gemini", null, null) }));
    }

    [Test]
    public void Row_that_names_the_current_tenant_is_inserted()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use(2L))
        {
            connection.BulkInsert(SampleSchema.Model, [new Manager { AccountId = 2, Name = "Ada" }]);
        }

        Assert.That(connection.QuerySingle<long>("SELECT account_id FROM managers WHERE name = 'Ada'"), Is.EqualTo(2L));
    }

    [Test]
    public void Row_that_names_another_tenant_is_refused_by_its_index_and_nothing_is_written()
    {
        using var connection = OpenConnection();
        Project[] rows = [new() { Name = "ok" }, new() { AccountId = 1, Name = "ok too" }, new() { AccountId = 2, Name = "foreign" }, new() { Name = "never read" }];

        TenantMismatchException? error;
        using (CurrentTenant.Use(1L))
        {
            error = Assert.Throws<TenantMismatchException>(() => connection.BulkInsert(SampleSchema.Model, rows));
        }

        Assert.That(error!.Message, Does.Contain("tenant 2 (row 2 of the bulk insert; the current tenant is 1; nothing was written)"));
        Assert.That(error.Table, Is.EqualTo(new TableName(null, "projects")));
        Assert.That(CountRows(connection, "projects"), Is.Zero);
    }

    [Test]
    public void Insert_without_a_tenant_is_refused_before_anything_is_sent()
    {
        using var connection = OpenConnection();

        Assert.That(() => connection.BulkInsert(SampleSchema.Model, [new Project { AccountId = 1, Name = "x" }]), Throws.TypeOf<TenantNotSetException>());
        Assert.That(CountRows(connection, "projects"), Is.Zero);
    }

    [Test]
    public void Insert_under_several_tenants_is_refused()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.UseMany(1L, 2L))
        {
            Assert.That(() => connection.BulkInsert(SampleSchema.Model, [new Project { AccountId = 1, Name = "x" }]), Throws.TypeOf<TenantWriteRequiresSingleTenantException>());
        }

        Assert.That(CountRows(connection, "projects"), Is.Zero);
    }

    [Test]
    public void Under_a_bypass_rows_that_name_one_tenant_are_inserted()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Bypass("data import"))
        {
            connection.BulkInsert(SampleSchema.Model, [new Project { AccountId = 3, Name = "a" }, new Project { AccountId = 3, Name = "b" }]);
        }

        Assert.That(connection.Query<long>("SELECT account_id FROM projects"), Is.EqualTo(new[] { 3L, 3L }));
    }

    [Test]
    public void Under_a_bypass_a_row_that_names_no_tenant_is_refused_and_nothing_is_written()
    {
        using var connection = OpenConnection();
        BulkInsertTenantException? error;
        using (CurrentTenant.Bypass("data import"))
        {
            error = Assert.Throws<BulkInsertTenantException>(() => connection.BulkInsert(SampleSchema.Model, [new Project { AccountId = 3, Name = "a" }, new Project { Name = "b" }]));
        }

        Assert.That(error!.RowIndex, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("names no tenant"));
        Assert.That(CountRows(connection, "projects"), Is.Zero);
    }

    [Test]
    public void Under_a_bypass_rows_of_two_tenants_are_refused_and_nothing_is_written()
    {
        using var connection = OpenConnection();
        BulkInsertTenantException? error;
        using (CurrentTenant.Bypass("data import"))
        {
            error = Assert.Throws<BulkInsertTenantException>(() => connection.BulkInsert(SampleSchema.Model, [new Project { AccountId = 3, Name = "a" }, new Project { AccountId = 2, Name = "b" }]));
        }

        Assert.That(error!.RowIndex, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain("row 0 names tenant 3").And.Contain("Split the rows by tenant"));
        Assert.That(CountRows(connection, "projects"), Is.Zero);
    }

    [Test]
    public void Under_a_bypass_an_entity_without_a_tenant_property_is_refused()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Bypass("data import"))
        {
            Assert.That(() => connection.BulkInsert(SampleSchema.Model, [new Comment { TaskId = 1, Body = "hi" }]), Throws.TypeOf<BulkInsertTenantException>().With.Property(nameof(BulkInsertTenantException.RowIndex)).Null);
        }

        Assert.That(CountRows(connection, "comments"), Is.Zero);
    }

    [Test]
    public void Tenant_column_without_a_property_is_filled_from_the_current_tenant()
    {
        using var connection = OpenConnection();
        connection.Execute("INSERT INTO projects (account_id, id, name) VALUES (2, 1, 'p'); INSERT INTO tasks (account_id, id, project_id, title) VALUES (2, 1, 1, 't')");
        using (CurrentTenant.Use(2L))
        {
            connection.BulkInsert(SampleSchema.Model, [new Comment { TaskId = 1, Body = "first" }, new Comment { TaskId = 1, Body = "second" }]);
        }

        Assert.That(connection.Query<(long, string)>("SELECT acc_id, body FROM comments ORDER BY id"), Is.EqualTo(new[] { (2L, "first"), (2L, "second") }));
    }

    [Test]
    public void Tenant_root_row_gets_the_current_tenant_as_its_key()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use(10L))
        {
            connection.BulkInsert(SampleSchema.Model, [new Account { Name = "Tenth", CountryCode = "FR" }]);
        }

        Assert.That(connection.QuerySingle<(long, string, string)>("SELECT id, name, country_code FROM accounts WHERE id = 10"), Is.EqualTo((10L, "Tenth", "FR")));
    }

    [Test]
    public void Tenant_root_row_naming_another_tenant_is_refused()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use(10L))
        {
            Assert.That(() => connection.BulkInsert(SampleSchema.Model, [new Account { Id = 11, Name = "Eleventh" }]), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That(connection.QuerySingle<long>("SELECT count(*) FROM accounts WHERE id > 3"), Is.Zero);
    }

    [Test]
    public void Through_table_rows_get_the_tenant_column()
    {
        using var connection = OpenConnection();
        connection.Execute("INSERT INTO managers (account_id, id, name) VALUES (1, 1, 'm1'), (1, 2, 'm2'); INSERT INTO projects (account_id, id, name) VALUES (1, 1, 'p')");
        using (CurrentTenant.Use(1L))
        {
            connection.BulkInsert(SampleSchema.Model, [new ProjectManager { ProjectId = 1, ManagerId = 1 }, new ProjectManager { ProjectId = 1, ManagerId = 2 }]);
        }

        Assert.That(connection.Query<(long, long, long)>("SELECT account_id, project_id, manager_id FROM project_managers ORDER BY manager_id"), Is.EqualTo(new[] { (1L, 1L, 1L), (1L, 1L, 2L) }));
    }

    [Test]
    public void Global_and_reference_tables_need_no_tenant()
    {
        using var connection = OpenConnection();

        connection.BulkInsert(SampleSchema.Model, [new AuditEntry { Message = "one" }, new AuditEntry { Message = "two" }]);
        connection.BulkInsert(SampleSchema.Model, [new Country { Code = "IT", Name = "Italy" }]);

        Assert.That(connection.Query<(long, string)>("SELECT id, message FROM audit_log ORDER BY id"), Is.EqualTo(new[] { (1L, "one"), (2L, "two") }));
        Assert.That(connection.QuerySingle<string>("SELECT name FROM countries WHERE code = 'IT'"), Is.EqualTo("Italy"));
    }

    [Test]
    public void Database_error_in_a_later_row_rolls_back_the_earlier_rows()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(
                () => connection.BulkInsert(SampleSchema.Model, [new Project { Name = "fine" }, new Project { Name = "no such manager", ManagerId = 99 }]),
                Throws.TypeOf<PostgresException>().With.Message.Contains("violates foreign key constraint"),
                "a foreign key violation (plain PostgreSQL: 23503; Citus relays the shard's error from COPY as XX000)");
        }

        Assert.That(CountRows(connection, "projects"), Is.Zero);
    }

    [Test]
    public void Null_row_is_refused_by_its_index_and_nothing_is_written()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => connection.BulkInsert(SampleSchema.Model, [new Project { Name = "fine" }, null!]), Throws.ArgumentException.With.Message.Contains("Row 1"));
        }

        Assert.That(CountRows(connection, "projects"), Is.Zero);
    }

    [Test]
    public void Closed_connection_is_opened_for_the_insert_and_closed_again()
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        using (CurrentTenant.Use(1L))
        {
            connection.BulkInsert(SampleSchema.Model, [new Project { Name = "a" }]);
        }

        using var check = OpenConnection();
        Assert.That(connection.State, Is.EqualTo(System.Data.ConnectionState.Closed));
        Assert.That(CountRows(check, "projects"), Is.EqualTo(1));
    }

    [Test]
    public void Insert_inside_a_transaction_is_undone_by_its_rollback()
    {
        using var connection = OpenConnection();
        using (var transaction = connection.BeginTransaction())
        using (CurrentTenant.Use(1L))
        {
            connection.BulkInsert(SampleSchema.Model, [new Project { Name = "a" }]);
            transaction.Rollback();
        }

        Assert.That(CountRows(connection, "projects"), Is.Zero);
    }

    [Test]
    public async Task Async_insert_fills_the_tenant_column()
    {
        await using var connection = await OpenConnectionAsync();
        long inserted;
        using (CurrentTenant.Use(3L))
        {
            inserted = await connection.BulkInsertAsync(SampleSchema.Model, [new Manager { Name = "Grace" }, new Manager { Name = "Linus" }]);
        }

        Assert.That(inserted, Is.EqualTo(2));
        Assert.That(await connection.QueryAsync<(long, string)>("SELECT account_id, name FROM managers ORDER BY id"), Is.EqualTo(new[] { (3L, "Grace"), (3L, "Linus") }));
    }

    [Test]
    public async Task Async_row_that_names_another_tenant_is_refused_and_nothing_is_written()
    {
        await using var connection = await OpenConnectionAsync();
        TenantMismatchException? error;
        using (CurrentTenant.Use(3L))
        {
            error = Assert.ThrowsAsync<TenantMismatchException>(() => connection.BulkInsertAsync(SampleSchema.Model, [new Manager { Name = "a" }, new Manager { AccountId = 1, Name = "b" }]));
        }

        Assert.That(error!.Message, Does.Contain("row 1 of the bulk insert"));
        Assert.That(CountRows(connection, "managers"), Is.Zero);
    }

    [Test]
    public async Task Async_insert_without_a_tenant_is_refused()
    {
        await using var connection = await OpenConnectionAsync();

        Assert.That(() => connection.BulkInsertAsync(SampleSchema.Model, [new Manager { Name = "a" }]), Throws.TypeOf<TenantNotSetException>());
        Assert.That(CountRows(connection, "managers"), Is.Zero);
    }

    [Test]
    public async Task Cancelled_async_insert_writes_nothing()
    {
        await using var connection = await OpenConnectionAsync();
        using var cancellation = new CancellationTokenSource();

        using (CurrentTenant.Use(1L))
        {
            Assert.That(
                () => connection.BulkInsertAsync(SampleSchema.Model, ManagersCancellingAfter(3, cancellation), cancellation.Token),
                Throws.InstanceOf<OperationCanceledException>());
        }

        Assert.That(CountRows(connection, "managers"), Is.Zero);
    }

    [Test]
    public void Connection_is_usable_after_a_refused_insert()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => connection.BulkInsert(SampleSchema.Model, [new Manager { AccountId = 2, Name = "x" }]), Throws.TypeOf<TenantMismatchException>());
            connection.BulkInsert(SampleSchema.Model, [new Manager { Name = "y" }]);
        }

        Assert.That(connection.Query<string>("SELECT name FROM managers"), Is.EqualTo(new[] { "y" }));
    }

    [Test]
    public void Ten_thousand_rows_arrive_in_one_call()
    {
        using var connection = OpenConnection();
        using (CurrentTenant.Use(2L))
        {
            connection.BulkInsert(SampleSchema.Model, Enumerable.Range(0, 10_000).Select(i => new Manager { Name = "m" + i }));
        }

        Assert.That(connection.QuerySingle<(long, long)>("SELECT count(*), count(*) FILTER (WHERE account_id = 2) FROM managers"), Is.EqualTo((10_000L, 10_000L)));
    }

    protected override Task CreateSchemaAsync(NpgsqlConnection connection) =>
        SampleDatabase.CreateAsync(
            connection,
            "INSERT INTO countries VALUES ('DE', 'Germany'), ('FR', 'France'); INSERT INTO accounts (id, name, country_code) VALUES (1, 'One', 'DE'), (2, 'Two', 'FR'), (3, 'Three', NULL)");

    private static long CountRows(NpgsqlConnection connection, string table) =>
        connection.QuerySingle<long>($"SELECT count(*) FROM {table}");

    private static IEnumerable<Manager> ManagersCancellingAfter(int count, CancellationTokenSource cancellation)
    {
        for (var i = 0; ; i++)
        {
            if (i == count)
            {
                cancellation.Cancel();
            }

            yield return new Manager { Name = "m" + i };
        }
    }
}
