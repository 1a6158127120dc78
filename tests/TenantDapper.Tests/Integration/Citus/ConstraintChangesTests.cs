using Npgsql;
using TenantDapper.Citus;
using TenantDapper.Citus.Scripting;

namespace TenantDapper.Tests.Integration.Citus;

/// <summary>On plain PostgreSQL, the constraint part of a distribution script runs and leaves the schema as planned.</summary>
public sealed class ConstraintChangesTests : DatabaseFixture
{
    // A schema written before Citus: keys and foreign keys by id alone.
    private const string LegacySchema = """
        CREATE TABLE countries (code text PRIMARY KEY, name text);
        CREATE TABLE accounts (id bigint PRIMARY KEY, name text, country_code text REFERENCES countries (code));
        CREATE TABLE projects (
            account_id bigint NOT NULL REFERENCES accounts (id),
            id bigint PRIMARY KEY,
            name text UNIQUE
        );
        CREATE TABLE tasks (
            account_id bigint NOT NULL REFERENCES accounts (id),
            id bigint PRIMARY KEY,
            project_id bigint REFERENCES projects (id) ON DELETE CASCADE
        );
        INSERT INTO countries VALUES ('NL', 'Netherlands');
        INSERT INTO accounts VALUES (1, 'one', 'NL'), (2, 'two', 'NL');
        INSERT INTO projects VALUES (1, 10, 'alpha'), (2, 20, 'beta');
        INSERT INTO tasks VALUES (1, 100, 10), (2, 200, 20);
        """;

    private static readonly TenantModel Model = new TenantModelBuilder()
        .TenantKey<long>()
        .TenantTable("tasks", "account_id")
        .TenantTable("projects", "account_id")
        .TenantRoot("accounts", "id")
        .ReferenceTable("countries")
        .Build();

    private DistributionPlan before = null!;
    private DistributionPlan after = null!;

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        await ExecuteAsync(LegacySchema);
        before = DistributionPlanner.Plan(Model, await SchemaCatalog.ReadAsync(connection));
        var constraintPart = new CitusScriptWriter().DistributionLines(before).Where(l => l.Kind != ScriptLineKind.CitusCall);
        await CitusDistribution.RunAsync(connection, constraintPart, CancellationToken.None);
        after = DistributionPlanner.Plan(Model, await SchemaCatalog.ReadAsync(connection));
    }

    [Test]
    public void Plan_before_the_script_has_key_changes_and_a_foreign_key_to_rewrite()
    {
        Assert.That(before.KeyChanges, Has.Count.EqualTo(3));
        Assert.That(before.ForeignKeysToCreate.Select(k => k.ToString()), Is.Not.EqualTo(before.ForeignKeysToDrop.Select(k => k.ToString())));
    }

    [Test]
    public void After_the_constraint_part_the_schema_needs_no_more_changes()
    {
        Assert.That(after.Problems, Is.Empty);
        Assert.That(after.KeyChanges, Is.Empty);
        Assert.That(after.ForeignKeysToCreate.Select(k => k.ToString()), Is.EqualTo(after.ForeignKeysToDrop.Select(k => k.ToString())));
    }

    [Test]
    public void Re_created_foreign_key_carries_the_tenant_column_and_keeps_its_action()
    {
        var foreignKey = after.ForeignKeysToDrop.Single(k => k.Name == "tasks_project_id_fkey");

        Assert.That(foreignKey.ToString(), Is.EqualTo("public.tasks.tasks_project_id_fkey: (account_id, project_id) -> public.projects (account_id, id)"));
        Assert.That(foreignKey.OnDelete, Is.EqualTo(ForeignKeyAction.Cascade));
    }

    [Test]
    public async Task Rows_survive_the_constraint_changes()
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT string_agg(account_id || ':' || id || ':' || project_id, ',' ORDER BY id) FROM tasks", connection);

        Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo("1:100:10,2:200:20"));
    }

    [Test]
    public async Task A_task_can_no_longer_point_at_another_tenants_project_and_nothing_is_written()
    {
        await using var connection = await OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO tasks (account_id, id, project_id) VALUES (2, 300, 10)", connection);

        Assert.That(async () => await insert.ExecuteNonQueryAsync(), Throws.TypeOf<PostgresException>().With.Property(nameof(PostgresException.SqlState)).EqualTo(PostgresErrorCodes.ForeignKeyViolation));
        await using var count = new NpgsqlCommand("SELECT count(*) FROM tasks WHERE id = 300", connection);
        Assert.That(await count.ExecuteScalarAsync(), Is.Zero);
    }

    [Test]
    public async Task Project_names_are_unique_per_tenant_after_the_change()
    {
        await using var connection = await OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO projects (account_id, id, name) VALUES (2, 21, 'alpha')", connection);

        Assert.That(await insert.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }
}
