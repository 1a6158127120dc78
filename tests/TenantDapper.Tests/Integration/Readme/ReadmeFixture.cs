using Npgsql;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Readme;

/// <summary>
/// The database README's snippets run on: the sample schema with tenant 42 (the README's tenant) and tenant 43,
/// whose rows no scoped snippet may touch. Reset before every snippet.
/// </summary>
public abstract class ReadmeFixture : DatabaseFixture
{
    private const string SeedSql = """
        TRUNCATE comments, project_managers, tasks, projects, managers, accounts, countries, audit_log RESTART IDENTITY;
        INSERT INTO accounts (id, name) VALUES (42, 'Acme'), (43, 'Globex');
        INSERT INTO managers (account_id, id, name) VALUES (42, 7, 'Bea'), (43, 7, 'Cid');
        INSERT INTO projects (account_id, id, name) VALUES (42, 7, 'Apollo'), (42, 8, 'Borealis'), (43, 7, 'Zeus'), (43, 8, 'Hera');
        INSERT INTO tasks (account_id, id, project_id, title, done) VALUES
            (42, 1, 7, 'design', false), (42, 2, 7, 'build', true), (42, 3, 8, 'ship', false), (43, 4, 7, 'plan', false);
        SELECT setval(pg_get_serial_sequence('managers', 'id'), 100);
        SELECT setval(pg_get_serial_sequence('projects', 'id'), 100);
        SELECT setval(pg_get_serial_sequence('tasks', 'id'), 100);
        """;

    /// <summary>The README's tenant model (its scoping section), for the snippets that say "the model above".</summary>
    protected static TenantModel Model { get; } = new TenantModelBuilder()
        .TenantKey<long>()
        .ReferenceTable("countries")
        .TenantRoot("accounts", "id")
        .TenantTable("managers", "account_id")
        .TenantTable("projects", "account_id")
        .TenantTable("tasks", "account_id")
        .TenantTable("project_managers", "account_id")
        .TenantTable("comments", "acc_id")
        .Strict()
        .Build();

    [SetUp]
    public Task SeedAsync() => ExecuteAsync(SeedSql);

    protected override Task CreateSchemaAsync(NpgsqlConnection connection) => SampleDatabase.CreateAsync(connection);

    /// <summary>Runs a query on a connection of its own and gives its single column as strings.</summary>
    protected async Task<string[]> RowsAsync(string sql)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return [.. rows];
    }
}
