using Npgsql;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>The hand-written checks of sql/checks find nothing in the sample schema and name what a broken schema gets wrong.</summary>
public sealed class SampleChecksTests : DatabaseFixture
{
    protected override Task CreateSchemaAsync(NpgsqlConnection connection) => ExecuteAsync(SampleSchema.Sql);

    private static string Check(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "sql", "checks", name + ".sql"));

    // Runs the check after breaking the schema in a transaction that is rolled back.
    private async Task<List<string>> RunAsync(string check, string breakage = "")
    {
        await using var connection = await OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (breakage.Length > 0)
        {
            await using var broken = new NpgsqlCommand(breakage, connection, transaction);
            await broken.ExecuteNonQueryAsync();
        }

        var rows = new List<string>();
        await using (var command = new NpgsqlCommand(Check(check), connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
            }
        }

        await transaction.RollbackAsync();
        return rows;
    }

    [TestCase("tenant_tables_without_tenant_column")]
    [TestCase("keys_without_tenant_column")]
    [TestCase("foreign_keys_without_tenant_column")]
    [TestCase("tenant_column_types")]
    public async Task Check_finds_nothing_in_the_sample_schema(string check)
    {
        Assert.That(await RunAsync(check), Is.Empty);
    }

    [Test]
    public async Task Tenant_table_without_its_tenant_column_is_named()
    {
        var rows = await RunAsync("tenant_tables_without_tenant_column", "ALTER TABLE comments DROP COLUMN acc_id CASCADE");

        Assert.That(rows, Is.EqualTo(new[] { "public.comments | acc_id | the table has no column acc_id" }));
    }

    [Test]
    public async Task Unique_constraint_and_unique_index_without_the_tenant_column_are_named()
    {
        var rows = await RunAsync(
            "keys_without_tenant_column",
            "ALTER TABLE managers ADD CONSTRAINT managers_name_key UNIQUE (name); CREATE UNIQUE INDEX tasks_title_idx ON tasks (title) INCLUDE (account_id)");

        Assert.That(rows, Is.EqualTo(new[]
        {
            "public.managers | account_id | managers_name_key | unique constraint | CREATE UNIQUE INDEX managers_name_key ON public.managers USING btree (name)",
            "public.tasks | account_id | tasks_title_idx | unique index | CREATE UNIQUE INDEX tasks_title_idx ON public.tasks USING btree (title) INCLUDE (account_id)",
        }));
    }

    [Test]
    public async Task Foreign_key_between_tenant_tables_without_the_tenant_column_is_named()
    {
        var rows = await RunAsync(
            "foreign_keys_without_tenant_column",
            "ALTER TABLE managers ADD CONSTRAINT managers_id_key UNIQUE (id); ALTER TABLE tasks ADD COLUMN manager_id bigint CONSTRAINT tasks_manager_fkey REFERENCES managers (id)");

        Assert.That(rows, Is.EqualTo(new[] { "public.tasks | account_id | tasks_manager_fkey | public.managers | account_id | FOREIGN KEY (manager_id) REFERENCES managers(id)" }));
    }

    [Test]
    public async Task Tenant_column_of_another_type_than_the_root_key_is_named()
    {
        var rows = await RunAsync("tenant_column_types", "ALTER TABLE comments ALTER COLUMN acc_id TYPE integer");

        Assert.That(rows, Is.EqualTo(new[] { "public.comments | acc_id | integer | public.accounts | bigint" }));
    }
}
