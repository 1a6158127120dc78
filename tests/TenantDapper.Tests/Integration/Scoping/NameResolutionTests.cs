using Npgsql;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// Names the server resolves differently from a naive model lookup: an unqualified name that the
/// connection's search_path resolves to a tenant table in another schema, and a model that declares a
/// name in another case. Each is scoped (or refused) and reads only the tenant's rows from a real server.
/// </summary>
[NonParallelizable]
public class NameResolutionTests
{
    private string _database = null!;

    [OneTimeSetUp]
    public async Task CreateSchemas()
    {
        _database = await PostgresSetUp.CreateIsolatedAsync("name_resolution", plainPostgres: true);
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            CREATE SCHEMA app;
            CREATE TABLE app.widgets (account_id bigint NOT NULL, id bigint NOT NULL, name text NOT NULL);
            INSERT INTO app.widgets VALUES (1, 1, 'mine'), (2, 1, 'theirs'), (3, 2, 'theirs too');
            CREATE TABLE public.gadgets (account_id bigint NOT NULL, id bigint NOT NULL);
            INSERT INTO public.gadgets VALUES (1, 1), (2, 2);
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public Task DropSchemas() => PostgresSetUp.DropIsolatedAsync(_database);

    [TearDown]
    public void LeaveWithoutTenant() => CurrentTenant.Clear();

    [Test]
    public async Task Unqualified_name_found_through_the_search_path_is_scoped_as_the_tenant_table_of_another_schema()
    {
        var model = new TenantModelBuilder().TenantTable("app.widgets", "account_id").Build();
        var rows = await ReadAsync(model, "app, public", new Query("widgets").Select("account_id", "name"));
        Assert.That(rows, Is.EqualTo(new[] { "1 | mine" }));
    }

    [Test]
    public async Task Name_declared_in_another_case_is_still_scoped()
    {
        var model = new TenantModelBuilder().TenantTable("Gadgets", "account_id").Build();
        var rows = await ReadAsync(model, "public", new Query("gadgets").Select("account_id"));
        Assert.That(rows, Is.EqualTo(new[] { "1" }));
    }

    [Test]
    public void Unqualified_name_that_could_mean_tenant_tables_with_different_columns_is_refused()
    {
        var model = new TenantModelBuilder().TenantTable("app.widgets", "account_id").TenantTable("public.widgets", "org_id").Build();
        using (CurrentTenant.Use(1L))
        {
            Assert.That(() => ScopedExecution.CompileForCurrentTenant(new Query("widgets").ToStatement(), model), Throws.TypeOf<UnscopableSqlException>());
        }
    }

    [Test]
    public async Task Unqualified_name_of_a_tenant_table_elsewhere_is_never_taken_for_a_shared_table_of_the_default_schema()
    {
        var model = new TenantModelBuilder().TenantTable("app.widgets", "account_id").ReferenceTable("widgets").Build();
        var rows = await ReadAsync(model, "app, public", new Query("widgets").Select("account_id", "name"));
        Assert.That(rows, Is.EqualTo(new[] { "1 | mine" }));
    }

    [TestCase("widgets")]
    [TestCase("app.widgets")]
    [TestCase("account_id")]
    public void Model_names_longer_than_63_bytes_are_refused(string part)
    {
        var tooLong = new string('\u00e9', 31) + "ab";
        Assert.That(
            () => part == "account_id" ? new TenantModelBuilder().TenantTable("widgets", tooLong) : new TenantModelBuilder().TenantTable(part.Replace("widgets", tooLong, StringComparison.Ordinal), "account_id"),
            Throws.TypeOf<InvalidIdentifierException>());
    }

    [Test]
    public void Model_names_with_dapper_tokens_are_refused() =>
        Assert.That(() => new TenantModelBuilder().TenantTable("widgets", "account{=p0}"), Throws.TypeOf<InvalidIdentifierException>());

    private async Task<List<string>> ReadAsync(TenantModel model, string searchPath, Query query)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(_database) { SearchPath = searchPath }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        using (CurrentTenant.Use(1L))
        {
            await using var command = ScopedExecution.Command(connection, ScopedExecution.CompileForCurrentTenant(query.ToStatement(), model));
            return await ScopedExecution.ReadRowsAsync(command);
        }
    }
}
