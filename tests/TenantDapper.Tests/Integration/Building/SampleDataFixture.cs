using Npgsql;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Building;

/// <summary>A database with the sample schema and a few rows every builder execution test knows by heart.</summary>
public abstract class SampleDataFixture : DatabaseFixture
{
    /// <summary>The rows: 3 countries, 3 accounts, 3 managers, 4 projects, 4 tasks; identities continue at 100.</summary>
    protected const string SeedSql = """
        INSERT INTO countries (code, name) VALUES ('NL', 'Netherlands'), ('DE', 'Germany'), ('FR', 'France');
        INSERT INTO accounts (id, name, country_code) VALUES (1, 'Acme', 'NL'), (2, 'Globex', 'DE'), (3, 'Initech', NULL);
        INSERT INTO managers (account_id, id, name) VALUES (1, 1, 'Ann'), (1, 2, 'Bob'), (2, 3, 'Cid');
        INSERT INTO projects (account_id, id, name, manager_id, budget) VALUES
            (1, 1, 'Apollo', 1, 100.00), (1, 2, 'Borealis', 2, 250.00), (1, 3, 'cosmos', NULL, NULL), (2, 4, 'Apollo', 3, 75.50);
        INSERT INTO tasks (account_id, id, project_id, title, done, estimate) VALUES
            (1, 1, 1, 'design', true, 3), (1, 2, 1, 'build', false, 8), (1, 3, 2, 'test', false, NULL), (2, 4, 4, 'plan', true, 2);
        SELECT setval(pg_get_serial_sequence('managers', 'id'), 100);
        SELECT setval(pg_get_serial_sequence('projects', 'id'), 100);
        SELECT setval(pg_get_serial_sequence('tasks', 'id'), 100);
        """;

    /// <summary>Empties every sample table and loads the seed rows again.</summary>
    protected const string ResetSql = "TRUNCATE comments, project_managers, tasks, projects, managers, accounts, countries, audit_log RESTART IDENTITY;\n" + SeedSql;

    protected static PostgresCompiler Compiler { get; } = new();

    protected override async Task CreateSchemaAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(SampleSchema.Sql + "\n" + SeedSql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A query factory on a new open connection; dispose it to close the connection.</summary>
    protected QueryFactory Db() => new(OpenConnection(), Compiler);
}
