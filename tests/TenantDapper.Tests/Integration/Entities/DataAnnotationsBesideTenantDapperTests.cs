using AnnotatedApplication;
using Dapper;
using Npgsql;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Entities;

/// <summary>Rows written and read through <see cref="AnnotatedProject"/>, whose file imports DataAnnotations beside TenantDapper.</summary>

public sealed class DataAnnotationsBesideTenantDapperTests : DatabaseFixture
{
    private NpgsqlConnection _connection = null!;
    private QueryFactory _db = null!;

    [SetUp]
    public async Task SeedAsync()
    {
        await ExecuteAsync("""
            TRUNCATE comments, project_managers, tasks, projects, managers, accounts, countries RESTART IDENTITY;
            INSERT INTO accounts (id, name) VALUES (1, 'Acme'), (2, 'Globex');
            INSERT INTO projects (account_id, id, name, budget) VALUES (1, 1, 'Apollo', 100.00), (2, 2, 'Zeus', 50.00);
            SELECT setval(pg_get_serial_sequence('projects', 'id'), 100);
            """);
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
    public void Entities_annotated_with_DataAnnotations_insert_and_read_rows_of_the_current_tenant()
    {
        using (CurrentTenant.Use(1L))
        {
            var projects = _db.Entities<AnnotatedProject>();
            var inserted = projects.Insert(new AnnotatedProject { Title = "Hermes", Note = "not a column" });
            var all = projects.GetAll().OrderBy(p => p.Number).Select(p => $"{p.AccountId}|{p.Number}|{p.Title}");

            Assert.That(inserted.Number, Is.EqualTo(101L));
            Assert.That(all, Is.EqualTo(new[] { "1|1|Apollo", "1|101|Hermes" }));
        }

        Assert.That(_connection.Query<string>("SELECT account_id || '|' || id || '|' || name FROM projects ORDER BY id"), Is.EqualTo(new[] { "1|1|Apollo", "2|2|Zeus", "1|101|Hermes" }));
    }

    [Test]
    public void Builder_update_of_an_annotated_object_writes_by_its_Key_and_Column_names_in_the_current_tenant()
    {
        using (CurrentTenant.Use(2L))
        {
            var changed = AnnotatedQueries.Projects().AsUpdate(new AnnotatedProject { AccountId = 2, Number = 2, Title = "Zeus II" });

            Assert.That(_db.Execute(changed), Is.EqualTo(1));
        }

        Assert.That(_connection.Query<string>("SELECT id || '|' || name FROM projects ORDER BY id"), Is.EqualTo(new[] { "1|Apollo", "2|Zeus II" }));
    }

    protected override Task CreateSchemaAsync(NpgsqlConnection connection) => SampleDatabase.CreateAsync(connection);
}
