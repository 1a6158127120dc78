using Dapper;
using Npgsql;
using TenantDapper.Tests.Sample;
using TenantDapper.Tests.Sample.Entities;

namespace TenantDapper.Tests.Integration.Entities;

public sealed class EntitySetTests : DatabaseFixture
{
    private const string SeedSql = """
        TRUNCATE comments, project_managers, tasks, projects, managers, accounts, countries RESTART IDENTITY;
        INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Globex');
        INSERT INTO managers (account_id, id, name) VALUES (1, 1, 'Ann'), (2, 2, 'Cid');
        INSERT INTO projects (account_id, id, name, manager_id, budget) VALUES (1, 1, 'Apollo', 1, 100.00), (2, 2, 'Zeus', 2, 50.00);
        SELECT setval(pg_get_serial_sequence('managers', 'id'), 100);
        SELECT setval(pg_get_serial_sequence('projects', 'id'), 100);
        """;

    private NpgsqlConnection _connection = null!;
    private QueryFactory _db = null!;

    [SetUp]
    public async Task SeedAsync()
    {
        await ExecuteAsync(SeedSql);
        _connection = OpenConnection();
        _db = new QueryFactory(_connection, new PostgresCompiler()) { Model = SampleSchema.Model };
    }

    [TearDown]
    public void CloseConnection()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    [Test]
    public void Insert_fills_the_tenant_column_and_the_generated_key()
    {
        var project = new Project { Name = "Hermes", Budget = 9.5m };
        using (CurrentTenant.Use(1L))
        {
            _db.Entities<Project>().Insert(project);
        }

        Assert.That((project.AccountId, project.Id), Is.EqualTo((1L, 101L)));
        Assert.That(Rows("SELECT account_id, id, name FROM projects WHERE name = 'Hermes'"), Is.EqualTo(new[] { "1|101|Hermes" }));
    }

    [Test]
    public void Insert_of_an_entity_naming_another_tenant_is_refused_and_nothing_is_written()
    {
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => _db.Entities<Project>().Insert(new Project { AccountId = 2, Name = "Foreign" }), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That(Count("projects"), Is.EqualTo(2));
    }

    [Test]
    public void Insert_without_a_tenant_is_refused_and_nothing_is_written()
    {
        Assert.That(() => _db.Entities<Project>().Insert(new Project { AccountId = 1, Name = "x" }), Throws.TypeOf<TenantNotSetException>());
        Assert.That(Count("projects"), Is.EqualTo(2));
    }

    [Test]
    public void Insert_under_several_tenants_is_refused_and_nothing_is_written()
    {
        using (CurrentTenant.UseMany(1L, 2L))
        {
            Assert.That(() => _db.Entities<Manager>().Insert(new Manager { Name = "x" }), Throws.TypeOf<TenantWriteRequiresSingleTenantException>());
        }

        Assert.That(Count("managers"), Is.EqualTo(2));
    }

    [Test]
    public void Insert_of_an_entity_without_a_tenant_property_gets_the_tenant_column()
    {
        _connection.Execute("INSERT INTO tasks (account_id, id, project_id, title) VALUES (2, 1, 2, 't')");
        var comment = new Comment { TaskId = 1, Body = "looks good" };
        using (CurrentTenant.Use(2L))
        {
            _db.Entities<Comment>().Insert(comment);
        }

        Assert.That(Rows("SELECT acc_id, id, body FROM comments"), Is.EqualTo(new[] { $"2|{comment.Id}|looks good" }));
    }

    [Test]
    public void Tenant_root_insert_takes_the_current_tenant_as_its_key()
    {
        var account = new Account { Name = "Initech" };
        using (CurrentTenant.Use(3L))
        {
            _db.Entities<Account>().Insert(account);
        }

        Assert.That(account.Id, Is.EqualTo(3L));
        Assert.That(Rows("SELECT id, name FROM accounts WHERE id = 3"), Is.EqualTo(new[] { "3|Initech" }));
    }

    [Test]
    public void Get_by_key_finds_the_current_tenants_row_only()
    {
        Project? own;
        Project? foreign;
        using (CurrentTenant.Use(1L))
        {
            own = _db.Entities<Project>().Get(1L);
            foreign = _db.Entities<Project>().Get(2L);
        }

        Assert.That(own, Is.Not.Null);
        Assert.That((own!.AccountId, own.Id, own.Name, own.ManagerId, own.Budget), Is.EqualTo((1L, 1L, "Apollo", (long?)1L, (decimal?)100.00m)));
        Assert.That(foreign, Is.Null);
    }

    [Test]
    public void A_query_of_the_set_changed_by_its_caller_leaves_the_sets_next_queries_as_they_were()
    {
        using (CurrentTenant.Use(1L))
        {
            var before = _db.Compile(_db.Entities<Project>().Query()).Sql;
            var changed = _db.Entities<Project>().Query().Select("budget as Extra").Where("name", "Nobody").OrderBy("id");
            Assert.That(changed.Get<Project>(), Is.Empty);
            var own = _db.Entities<Project>().Get(1L);
            Assert.That((own!.AccountId, own.Id, own.Name, own.ManagerId, own.Budget), Is.EqualTo((1L, 1L, "Apollo", (long?)1L, (decimal?)100.00m)));
            Assert.That(_db.Entities<Project>().GetAll().Select(p => p.Name), Is.EqualTo(new[] { "Apollo" }));
            Assert.That(_db.Compile(_db.Entities<Project>().Query()).Sql, Is.EqualTo(before).And.Not.Contain("Extra"));
        }
    }

    [Test]
    public void Get_with_the_wrong_number_of_key_values_is_refused()
    {
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => _db.Entities<Project>().Get(1L, 2L), Throws.ArgumentException.With.Message.Contains("keyed by 1 column"));
        }
    }

    [Test]
    public void Get_all_returns_the_current_tenants_rows()
    {
        using (CurrentTenant.Use(2L))
        {
            Assert.That(_db.Entities<Project>().GetAll().Select(p => p.Name), Is.EqualTo(new[] { "Zeus" }));
        }

        using (CurrentTenant.UseMany(1L, 2L))
        {
            Assert.That(_db.Entities<Project>().GetAll().Select(p => p.Name).Order(), Is.EqualTo(new[] { "Apollo", "Zeus" }));
        }
    }

    [Test]
    public void Update_changes_the_columns_but_never_the_tenant_column()
    {
        bool updated;
        using (CurrentTenant.Use(1L))
        {
            var project = _db.Entities<Project>().Get(1L)!;
            project.Name = "Apollo 11";
            project.Budget = null;
            updated = _db.Entities<Project>().Update(project);
        }

        Assert.That(updated, Is.True);
        Assert.That(Rows("SELECT account_id, id, name, coalesce(budget, -1) FROM projects ORDER BY id"), Is.EqualTo(new[] { "1|1|Apollo 11|-1", "2|2|Zeus|50.00" }));
    }

    [Test]
    public void Update_of_another_tenants_row_changes_nothing()
    {
        bool updated;
        using (CurrentTenant.Use(1L))
        {
            updated = _db.Entities<Project>().Update(new Project { Id = 2, Name = "hijacked" });
        }

        Assert.That(updated, Is.False);
        Assert.That(Rows("SELECT name FROM projects WHERE id = 2"), Is.EqualTo(new[] { "Zeus" }));
    }

    [Test]
    public void Update_of_an_entity_naming_another_tenant_changes_nothing()
    {
        bool updated;
        using (CurrentTenant.Use(1L))
        {
            updated = _db.Entities<Project>().Update(new Project { AccountId = 2, Id = 1, Name = "moved" });
        }

        Assert.That(updated, Is.False);
        Assert.That(Rows("SELECT account_id, name FROM projects WHERE id = 1"), Is.EqualTo(new[] { "1|Apollo" }));
    }

    [Test]
    public void Delete_of_another_tenants_row_by_entity_or_key_changes_nothing()
    {
        bool byEntity;
        bool byKey;
        using (CurrentTenant.Use(1L))
        {
            byEntity = _db.Entities<Project>().Delete(new Project { Id = 2 });
            byKey = _db.Entities<Project>().DeleteByKey(2L);
        }

        Assert.That((byEntity, byKey), Is.EqualTo((false, false)));
        Assert.That(Count("projects"), Is.EqualTo(2));
    }

    [Test]
    public void Delete_by_entity_and_by_key_remove_the_current_tenants_rows()
    {
        using (CurrentTenant.Use(2L))
        {
            _db.Entities<Project>().DeleteByKey(2L);
            Assert.That(_db.Entities<Manager>().Delete(new Manager { Id = 2 }), Is.True);
        }

        Assert.That(Rows("SELECT account_id, id FROM managers"), Is.EqualTo(new[] { "1|1" }));
        Assert.That(Rows("SELECT account_id, id FROM projects"), Is.EqualTo(new[] { "1|1" }));
    }

    [Test]
    public void Insert_many_is_all_or_nothing()
    {
        using (CurrentTenant.Use(1L))
        {
            Assert.That(
                () => _db.Entities<Manager>().InsertMany([new Manager { Name = "ok" }, new Manager { AccountId = 2, Name = "foreign" }]),
                Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That(Count("managers"), Is.EqualTo(2));
    }

    [Test]
    public void Insert_many_fills_every_key()
    {
        Manager[] managers = [new() { Name = "Dee" }, new() { Name = "Eve" }];
        int inserted;
        using (CurrentTenant.Use(2L))
        {
            inserted = _db.Entities<Manager>().InsertMany(managers);
        }

        Assert.That(inserted, Is.EqualTo(2));
        Assert.That(managers.Select(m => (m.AccountId, m.Id)), Is.EqualTo(new[] { (2L, 101L), (2L, 102L) }));
    }

    [Test]
    public async Task Async_crud_is_scoped_the_same_way()
    {
        using (CurrentTenant.Use(2L))
        {
            var projects = _db.Entities<Project>();
            var project = await projects.InsertAsync(new Project { Name = "Hera" });
            project.Name = "Hera II";
            Assert.That(await projects.UpdateAsync(project), Is.True);
            Assert.That((await projects.GetAsync([project.Id]))?.Name, Is.EqualTo("Hera II"));
            Assert.That(await projects.GetAsync([1L]), Is.Null);
            Assert.That(await projects.DeleteByKeyAsync([1L]), Is.False);
            Assert.That(await projects.DeleteAsync(project), Is.True);
            Assert.That((await projects.GetAllAsync()).Select(p => p.Name), Is.EqualTo(new[] { "Zeus" }));
        }

        Assert.That(Count("projects"), Is.EqualTo(2));
    }

    [Test]
    public void Async_insert_naming_another_tenant_is_refused_and_nothing_is_written()
    {
        using (CurrentTenant.Use(2L))
        {
            Assert.That(() => _db.Entities<Manager>().InsertManyAsync([new Manager { Name = "a" }, new Manager { AccountId = 1, Name = "b" }]), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That(Count("managers"), Is.EqualTo(2));
    }

    [Test]
    public void Link_gets_the_tenant_column_and_adding_it_twice_changes_nothing()
    {
        bool first;
        bool second;
        using (CurrentTenant.Use(1L))
        {
            var links = _db.Links<ProjectManager>();
            first = links.Add(new ProjectManager { ProjectId = 1, ManagerId = 1 });
            second = links.Add(new ProjectManager { ProjectId = 1, ManagerId = 1 });
            Assert.That(links.Exists(new ProjectManager { ProjectId = 1, ManagerId = 1 }), Is.True);
        }

        Assert.That((first, second), Is.EqualTo((true, false)));
        Assert.That(Rows("SELECT account_id, project_id, manager_id FROM project_managers"), Is.EqualTo(new[] { "1|1|1" }));
    }

    [Test]
    public void Link_naming_another_tenant_is_refused_and_nothing_is_written()
    {
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => _db.Links<ProjectManager>().Add(new ProjectManager { AccountId = 2, ProjectId = 2, ManagerId = 2 }), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That(Count("project_managers"), Is.Zero);
    }

    [Test]
    public async Task Link_of_another_tenant_is_neither_seen_nor_removed()
    {
        _connection.Execute("INSERT INTO project_managers VALUES (2, 2, 2)");
        using (CurrentTenant.Use(1L))
        {
            var links = _db.Links<ProjectManager>();
            Assert.That(await links.ExistsAsync(new ProjectManager { ProjectId = 2, ManagerId = 2 }), Is.False);
            Assert.That(await links.RemoveAsync(new ProjectManager { ProjectId = 2, ManagerId = 2 }), Is.False);
        }

        using (CurrentTenant.Use(2L))
        {
            Assert.That(_db.Links<ProjectManager>().Remove(new ProjectManager { ProjectId = 2, ManagerId = 2 }), Is.True);
        }

        Assert.That(Count("project_managers"), Is.Zero);
    }

    [Test]
    public void Bulk_insert_through_the_set_joins_its_transaction()
    {
        using (var transaction = _connection.BeginTransaction())
        using (CurrentTenant.Use(1L))
        {
            var inserted = _db.Entities<Manager>(transaction).BulkInsert([new Manager { Name = "Fay" }, new Manager { Name = "Gus" }]);
            Assert.That(inserted, Is.EqualTo(2));
            transaction.Rollback();
        }

        Assert.That(Count("managers"), Is.EqualTo(2));
    }

    [Test]
    public void Entities_need_a_factory_with_a_tenant_model()
    {
        using var db = new QueryFactory(OpenConnection(), new PostgresCompiler());

        Assert.That(() => db.Entities<Project>(), Throws.TypeOf<TenantModelException>().With.Message.Contains("Model = model"));
    }

    protected override Task CreateSchemaAsync(NpgsqlConnection connection) => SampleDatabase.CreateAsync(connection);

    private long Count(string table) => _connection.QuerySingle<long>($"SELECT count(*) FROM {table}");

    private string[] Rows(string sql) =>
        [.. _connection.Query(sql).Select(row => string.Join("|", ((IDictionary<string, object?>)row).Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))))];
}
