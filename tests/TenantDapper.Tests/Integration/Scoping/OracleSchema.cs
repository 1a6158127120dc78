using System.Globalization;
using System.Text;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>
/// The schema of the differential oracle: two tenant models side by side. The bigint model has seven
/// tenant tables (the root <c>accounts</c> by <c>id</c>, <c>comments</c> by <c>acc_id</c>, <c>labels</c>
/// with a code unique across tenants), a reference and a global table; the UUID model keys tenants by
/// <c>uuid</c> and scopes <c>revisions</c> by a column called <c>org</c>. Every tenant reuses the same
/// row ids, so any missing predicate or co-location shows up as extra or missing rows.
/// </summary>
internal static class OracleSchema
{
    public static readonly long[] Tenants = [1L, 2L, 3L];

    public static readonly Guid[] Orgs =
    [
        Guid.Parse("00000000-0000-0000-0000-00000000000a"),
        Guid.Parse("00000000-0000-0000-0000-00000000000b"),
        Guid.Parse("00000000-0000-0000-0000-00000000000c"),
    ];

    public static TenantModel Model { get; } = ModelIn(null);

    /// <summary>The model with <paramref name="schema"/> as its default schema (null: the model's default), for schema-qualified names.</summary>
    public static TenantModel ModelIn(string? schema)
    {
        var builder = new TenantModelBuilder();
        if (schema is not null)
        {
            builder.DefaultSchema(schema);
        }

        return builder
            .TenantKey<long>()
            .ReferenceTable("countries")
            .GlobalTable("audit_log")
            .TenantRoot("accounts", "id")
            .TenantTable("managers", "account_id")
            .TenantTable("projects", "account_id")
            .TenantTable("tasks", "account_id")
            .TenantTable("project_managers", "account_id")
            .TenantTable("comments", "acc_id")
            .TenantTable("labels", "account_id")
            .Strict()
            .Build();
    }

    public static TenantModel UuidModel { get; } = new TenantModelBuilder()
        .TenantKey<Guid>()
        .ReferenceTable("countries")
        .TenantRoot("orgs", "id")
        .TenantTable("documents", "org_id")
        .TenantTable("revisions", "org")
        .Build();

    /// <summary>Every table with its tenant column (<see langword="null"/> for shared tables) and a key to order rows by.</summary>
    public static IReadOnlyList<(string Table, string? TenantColumn)> Tables { get; } =
    [
        ("countries", null),
        ("audit_log", null),
        ("accounts", "id"),
        ("managers", "account_id"),
        ("projects", "account_id"),
        ("tasks", "account_id"),
        ("project_managers", "account_id"),
        ("comments", "acc_id"),
        ("labels", "account_id"),
        ("orgs", "id"),
        ("documents", "org_id"),
        ("revisions", "org"),
    ];

    public const string Ddl = """
        CREATE TABLE countries (code text PRIMARY KEY, name text NOT NULL);
        CREATE TABLE audit_log (id bigint PRIMARY KEY, message text NOT NULL);
        CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL, country_code text);
        CREATE TABLE managers (account_id bigint NOT NULL, id bigint NOT NULL, name text NOT NULL, PRIMARY KEY (account_id, id));
        CREATE TABLE projects (account_id bigint NOT NULL, id bigint NOT NULL, name text NOT NULL, manager_id bigint, budget numeric(12, 2), PRIMARY KEY (account_id, id));
        CREATE TABLE tasks (account_id bigint NOT NULL, id bigint NOT NULL, project_id bigint NOT NULL, title text NOT NULL, done boolean NOT NULL DEFAULT false, estimate integer, PRIMARY KEY (account_id, id));
        CREATE TABLE project_managers (account_id bigint NOT NULL, project_id bigint NOT NULL, manager_id bigint NOT NULL, PRIMARY KEY (account_id, project_id, manager_id));
        CREATE TABLE comments (acc_id bigint NOT NULL, id bigint NOT NULL, task_id bigint NOT NULL, body text NOT NULL, PRIMARY KEY (acc_id, id));
        CREATE TABLE labels (account_id bigint NOT NULL, code text NOT NULL UNIQUE, name text NOT NULL);
        CREATE TABLE orgs (id uuid PRIMARY KEY, name text NOT NULL);
        CREATE TABLE documents (org_id uuid NOT NULL, id bigint NOT NULL, title text NOT NULL, country_code text, PRIMARY KEY (org_id, id));
        CREATE TABLE revisions (org uuid NOT NULL, id bigint NOT NULL, document_id bigint NOT NULL, body text NOT NULL, PRIMARY KEY (org, id));
        """;

    /// <summary>The rows of the shared tables and of the given tenants (by position in <see cref="Tenants"/> / <see cref="Orgs"/>).</summary>
    public static string Data(IReadOnlyCollection<int> tenantPositions)
    {
        var sql = new StringBuilder();
        sql.AppendLine("INSERT INTO countries VALUES ('de', 'Germany'), ('fr', 'France'), ('jp', 'Japan'), ('br', 'Brazil');");
        sql.AppendLine("INSERT INTO audit_log VALUES (1, 'started'), (2, 'p1'), (3, 'task 2');");
        string[] countries = ["de", "fr", "jp"];
        foreach (var position in tenantPositions)
        {
            var t = Tenants[position];
            var k = (int)t;
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO accounts VALUES ({t}, 'account {t}', '{countries[position]}');\n");
            for (var m = 1; m <= 3; m++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO managers VALUES ({t}, {m}, 'm{(m + k) % 3}');\n");
            }

            for (var p = 1; p <= 6 + k % 2; p++)
            {
                var manager = (p + k) % 4 == 0 ? "NULL" : ((p + k) % 3 + 1).ToString(CultureInfo.InvariantCulture);
                var budget = p % 3 == 0 ? "NULL" : (p * 100 + k).ToString(CultureInfo.InvariantCulture);
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO projects VALUES ({t}, {p}, 'p{(p + k) % 3}', {manager}, {budget});\n");
            }

            for (var task = 1; task <= 7 + k; task++)
            {
                var estimate = (task + k) % 4 == 0 ? "NULL" : ((task * k) % 5).ToString(CultureInfo.InvariantCulture);
                var done = (task + k) % 2 == 0 ? "true" : "false";
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO tasks VALUES ({t}, {task}, {(task + k) % 5 + 1}, 'task {task % 4}', {done}, {estimate});\n");
            }

            for (var p = 1; p <= 3; p++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO project_managers VALUES ({t}, {p}, {(p + k) % 3 + 1});\n");
            }

            for (var c = 1; c <= 5 + k; c++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO comments VALUES ({t}, {c}, {(c * k) % 8 + 1}, 'comment {c % 3}');\n");
            }

            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO labels VALUES ({t}, 'l{t}-a', 'urgent'), ({t}, 'l{t}-b', 'later');\n");

            var org = Orgs[position];
            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO orgs VALUES ('{org}', 'org {position}');\n");
            for (var d = 1; d <= 3 + position; d++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO documents VALUES ('{org}', {d}, 'doc {d % 2}', '{countries[(d + position) % 3]}');\n");
                sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO revisions VALUES ('{org}', {d}, {(d + position) % 3 + 1}, 'rev {d}');\n");
            }
        }

        return sql.ToString();
    }
}
