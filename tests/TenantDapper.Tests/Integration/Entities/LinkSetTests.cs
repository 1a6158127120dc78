using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using Dapper;
using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Entities;

/// <summary>
/// Links between tenant rows on tables with no foreign keys at all: only the link set's own check keeps a link from
/// pointing at another tenant's project or manager. Three tenants, whose ids overlap where that makes a probe harder.
/// </summary>
public sealed class LinkSetTests : DatabaseFixture
{
    private const string SeedSql = """
        TRUNCATE projects, managers, project_managers, assignments;
        INSERT INTO projects (account_id, id, name) VALUES (1, 1, 'Apollo'), (2, 2, 'Zeus'), (3, 3, 'Hera'), (3, 1, 'Iris');
        INSERT INTO managers (account_id, id, name) VALUES (1, 1, 'Ann'), (1, 4, 'Dan'), (2, 2, 'Cid'), (3, 3, 'Eve');
        """;

    private static readonly TenantModel Model = new TenantModelBuilder()
        .TenantKey<long>()
        .TenantTable("projects", "account_id")
        .TenantTable("managers", "account_id")
        .TenantTable("project_managers", "account_id")
        .TenantTable("assignments", "account_id")
        .Strict()
        .Build();

    private NpgsqlConnection _connection = null!;
    private QueryFactory _db = null!;

    [SetUp]
    public async Task SeedAsync()
    {
        await ExecuteAsync(SeedSql);
        _connection = OpenConnection();
        _db = new QueryFactory(_connection, new PostgresCompiler()) { Model = Model };
    }

    [TearDown]
    public void CloseConnection()
    {
        _db.Dispose();
        _connection.Dispose();
    }

    [Test]
    public void Link_between_the_tenants_own_rows_is_written_once_and_a_second_add_says_it_existed()
    {
        bool first;
        bool second;
        using (CurrentTenant.Use(1L))
        {
            var links = _db.Links<ProjectManager>();
            first = links.Add(new ProjectManager { ProjectId = 1, ManagerId = 1 });
            second = links.Add(new ProjectManager { ProjectId = 1, ManagerId = 1 });
        }

        Assert.That((first, second), Is.EqualTo((true, false)));
        Assert.That(Links(), Is.EqualTo(new[] { "1|1|1" }));
    }

    [Test]
    public void Link_to_another_tenants_project_is_refused_and_nothing_is_written()
    {
        using (CurrentTenant.Use(1L))
        {
            Assert.That(
                () => _db.Links<ProjectManager>().Add(new ProjectManager { ProjectId = 2, ManagerId = 1 }),
                Throws.TypeOf<LinkRefusedException>()
                    .With.Property(nameof(LinkRefusedException.Table)).EqualTo(new TableName(null, "projects"))
                    .And.Property(nameof(LinkRefusedException.Value)).EqualTo(2L));
        }

        Assert.That(Links(), Is.Empty);
    }

    [Test]
    public void Link_to_another_tenants_manager_is_refused_and_nothing_is_written()
    {
        using (CurrentTenant.Use(3L))
        {
            Assert.That(
                () => _db.Links<ProjectManager>().Add(new ProjectManager { ProjectId = 3, ManagerId = 4 }),
                Throws.TypeOf<LinkRefusedException>().With.Property(nameof(LinkRefusedException.Table)).EqualTo(new TableName(null, "managers")));
        }

        Assert.That(Links(), Is.Empty);
    }

    [Test]
    public void Link_whose_both_ends_belong_to_another_tenant_is_refused_and_nothing_is_written()
    {
        using (CurrentTenant.Use(2L))
        {
            Assert.That(() => _db.Links<ProjectManager>().Add(new ProjectManager { ProjectId = 3, ManagerId = 3 }), Throws.TypeOf<LinkRefusedException>());
        }

        Assert.That(Links(), Is.Empty);
    }

    [Test]
    public void Link_to_a_row_no_tenant_has_is_refused_like_another_tenants_row_and_nothing_is_written()
    {
        using (CurrentTenant.Use(1L))
        {
            Assert.That(
                () => _db.Links<ProjectManager>().Add(new ProjectManager { ProjectId = 99, ManagerId = 1 }),
                Throws.TypeOf<LinkRefusedException>().With.Message.Contains("belongs to another tenant or does not exist"));
        }

        Assert.That(Links(), Is.Empty);
    }

    [Test]
    public void Id_that_two_tenants_share_links_only_the_current_tenants_row()
    {
        using (CurrentTenant.Use(3L))
        {
            Assert.That(_db.Links<ProjectManager>().Add(new ProjectManager { ProjectId = 1, ManagerId = 3 }), Is.True);
        }

        Assert.That(Links(), Is.EqualTo(new[] { "3|1|3" }));
    }

    [Test]
    public void Async_link_to_another_tenants_project_is_refused_and_nothing_is_written()
    {
        using (CurrentTenant.Use(2L))
        {
            Assert.That(
                async () => await _db.Links<ProjectManager>().AddAsync(new ProjectManager { ProjectId = 1, ManagerId = 2 }),
                Throws.TypeOf<LinkRefusedException>());
        }

        Assert.That(Links(), Is.Empty);
    }

    [Test]
    public async Task Async_add_writes_the_link_and_then_says_it_existed()
    {
        using (CurrentTenant.Use(2L))
        {
            var links = _db.Links<ProjectManager>();
            Assert.That(await links.AddAsync(new ProjectManager { ProjectId = 2, ManagerId = 2 }), Is.True);
            Assert.That(await links.AddAsync(new ProjectManager { ProjectId = 2, ManagerId = 2 }), Is.False);
        }

        Assert.That(Links(), Is.EqualTo(new[] { "2|2|2" }));
    }

    [Test]
    public void Link_naming_another_tenant_is_refused_and_nothing_is_written()
    {
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => _db.Links<ProjectManager>().Add(new ProjectManager { AccountId = 2, ProjectId = 2, ManagerId = 2 }), Throws.TypeOf<TenantMismatchException>());
        }

        Assert.That(Links(), Is.Empty);
    }

    [Test]
    public void Link_without_a_tenant_is_refused_and_nothing_is_written()
    {
        Assert.That(() => _db.Links<ProjectManager>().Add(new ProjectManager { ProjectId = 1, ManagerId = 1 }), Throws.TypeOf<TenantNotSetException>());
        Assert.That(Links(), Is.Empty);
    }

    [Test]
    public void Ends_named_by_attribute_are_checked_like_conventional_ones()
    {
        using (CurrentTenant.Use(1L))
        {
            var assignments = _db.Links<Assignment>();
            Assert.That(() => assignments.Add(new Assignment { Project = 2, Person = 1, Role = "lead" }), Throws.TypeOf<LinkRefusedException>());
            Assert.That(assignments.Add(new Assignment { Project = 1, Person = 4, Role = "lead" }), Is.True);
        }

        Assert.That(
            _connection.Query<string>("SELECT account_id || '|' || project || '|' || person || '|' || role FROM assignments"),
            Is.EqualTo(new[] { "1|1|4|lead" }));
    }

    [Test]
    public void Listing_a_rows_links_shows_only_the_current_tenants_links_in_key_order()
    {
        _connection.Execute("INSERT INTO project_managers VALUES (1, 1, 4), (1, 1, 1), (3, 1, 3), (2, 1, 2)");
        IReadOnlyList<ProjectManager> links;
        using (CurrentTenant.Use(1L))
        {
            links = _db.Links<ProjectManager>().List(l => l.ProjectId, 1L);
        }

        Assert.That(links.Select(l => (l.AccountId, l.ProjectId, l.ManagerId)), Is.EqualTo(new[] { (1L, 1L, 1L), (1L, 1L, 4L) }));
    }

    [Test]
    public async Task Listing_asynchronously_by_the_other_end_finds_the_tenants_links()
    {
        _connection.Execute("INSERT INTO project_managers VALUES (3, 1, 3), (3, 3, 3), (1, 1, 3)");
        IReadOnlyList<ProjectManager> links;
        using (CurrentTenant.Use(3L))
        {
            links = await _db.Links<ProjectManager>().ListAsync(l => l.ManagerId, 3L);
        }

        Assert.That(links.Select(l => (l.AccountId, l.ProjectId)), Is.EqualTo(new[] { (3L, 1L), (3L, 3L) }));
    }

    [Test]
    public void Listing_by_a_property_that_is_not_a_key_is_refused()
    {
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => _db.Links<Assignment>().List(l => l.Role, "lead"), Throws.ArgumentException.With.Message.Contains("l => l.Project"));
        }
    }

    [Test]
    public void Remove_and_exists_see_only_the_current_tenants_link()
    {
        _connection.Execute("INSERT INTO project_managers VALUES (2, 1, 1)");
        using (CurrentTenant.Use(1L))
        {
            var links = _db.Links<ProjectManager>();
            Assert.That(links.Exists(new ProjectManager { ProjectId = 1, ManagerId = 1 }), Is.False);
            Assert.That(links.Remove(new ProjectManager { ProjectId = 1, ManagerId = 1 }), Is.False);
        }

        Assert.That(Links(), Is.EqualTo(new[] { "2|1|1" }));
    }

    [Test]
    public void Link_class_whose_key_names_no_table_of_the_model_is_refused_before_anything_is_sent()
    {
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => _db.Links<Watcher>(), Throws.TypeOf<EntityMappingException>().With.Message.Contains("[LinkTarget(\"table\")]"));
        }
    }

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        // No foreign keys on purpose: nothing in the database refuses a cross-tenant link.
        await connection.ExecuteAsync("""
            CREATE TABLE projects (account_id bigint NOT NULL, id bigint NOT NULL, name text NOT NULL, PRIMARY KEY (account_id, id));
            CREATE TABLE managers (account_id bigint NOT NULL, id bigint NOT NULL, name text NOT NULL, PRIMARY KEY (account_id, id));
            CREATE TABLE project_managers (
                account_id bigint NOT NULL, project_id bigint NOT NULL, manager_id bigint NOT NULL,
                PRIMARY KEY (account_id, project_id, manager_id));
            CREATE TABLE assignments (
                account_id bigint NOT NULL, project bigint NOT NULL, person bigint NOT NULL, role text NOT NULL,
                PRIMARY KEY (account_id, project, person));
            """);
        if (await CitusDistribution.IsCoordinatorAsync(connection))
        {
            await CitusDistribution.DistributeAsync(connection, ModelInSchema.Build(Model, await ModelInSchema.CurrentSchemaAsync(connection)));
        }
    }

    private string[] Links() =>
        [.. _connection.Query<string>("SELECT account_id || '|' || project_id || '|' || manager_id FROM project_managers ORDER BY 1")];

    [Table("project_managers")]
    private sealed class ProjectManager
    {
        public long AccountId { get; set; }

        [Key]
        public long ProjectId { get; set; }

        [Key]
        public long ManagerId { get; set; }
    }

    [Table("assignments")]
    private sealed class Assignment
    {
        [Key]
        [LinkTarget("projects")]
        public long Project { get; set; }

        [Key]
        [LinkTarget("managers", Column = "id")]
        public long Person { get; set; }

        public string Role { get; set; } = "";
    }

    [Table("project_managers")]
    private sealed class Watcher
    {
        [Key]
        public long ProjectId { get; set; }

        [Key]
        public long Observer { get; set; }
    }
}
