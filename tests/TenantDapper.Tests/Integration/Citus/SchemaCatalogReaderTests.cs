using TenantDapper.Citus;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Integration.Citus;

public sealed class SchemaCatalogReaderTests : DatabaseFixture
{
    // Plain PostgreSQL on purpose: every user schema of its database (another fixture's schema would show).
    protected override bool NeedsPlainPostgres => true;

    private SchemaCatalog catalog = null!;

    protected override async Task CreateSchemaAsync(Npgsql.NpgsqlConnection connection)
    {
        await ExecuteAsync(SampleSchema.Sql + """

            CREATE UNIQUE INDEX projects_name_idx ON projects (account_id, lower(name));
            CREATE TABLE attachments (
                account_id bigint NOT NULL,
                id bigint,
                task_id bigint,
                PRIMARY KEY (account_id, id) INCLUDE (task_id),
                CONSTRAINT attachments_task_fkey FOREIGN KEY (account_id, task_id) REFERENCES tasks (account_id, id)
                    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
            );
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
            CREATE TRIGGER attachments_touch BEFORE UPDATE ON attachments FOR EACH ROW EXECUTE FUNCTION touch();
            CREATE SCHEMA billing;
            CREATE TABLE billing.invoices (account_id bigint REFERENCES accounts (id), number text, UNIQUE (account_id, number));
            """);
        catalog = await SchemaCatalog.ReadAsync(connection);
    }

    private CatalogTable Table(string schema, string name) =>
        catalog.TryGetTable(new TableName(schema, name), out var table) ? table : throw new AssertionException($"{schema}.{name} was not read.");

    [Test]
    public void Reads_the_tables_of_every_user_schema_and_nothing_else()
    {
        Assert.That(catalog.Tables.Select(t => t.Name.ToString()), Is.EquivalentTo(new[]
        {
            "billing.invoices", "public.accounts", "public.attachments", "public.audit_log", "public.comments", "public.countries",
            "public.managers", "public.project_managers", "public.projects", "public.tasks",
        }));
    }

    [Test]
    public void Reads_columns_with_their_types_in_order()
    {
        Assert.That(Table("public", "projects").Columns, Is.EqualTo(new[]
        {
            new CatalogColumn("account_id", "bigint", true),
            new CatalogColumn("id", "bigint", true, ColumnIdentity.ByDefault),
            new CatalogColumn("name", "text", true),
            new CatalogColumn("manager_id", "bigint", false),
            new CatalogColumn("budget", "numeric(12,2)", false),
        }));
    }

    [Test]
    public void Reads_primary_keys_unique_constraints_and_unique_indexes_with_expressions_as_null()
    {
        var keys = Table("public", "projects").Keys;

        Assert.That(keys.Select(k => (k.Name, k.Kind, string.Join(",", k.Columns.Select(c => c ?? "(expression)")))), Is.EqualTo(new[]
        {
            ("projects_pkey", CatalogKeyKind.PrimaryKey, "account_id,id"),
            ("projects_name_idx", CatalogKeyKind.UniqueIndex, "account_id,(expression)"),
        }));
        Assert.That(Table("billing", "invoices").Keys.Single().Kind, Is.EqualTo(CatalogKeyKind.Unique));
    }

    [Test]
    public void Primary_key_columns_leave_out_included_columns()
    {
        Assert.That(Table("public", "attachments").Keys.Single().Columns, Is.EqualTo(new[] { "account_id", "id" }));
    }

    [Test]
    public void Reads_foreign_keys_with_their_columns_paired_in_order_and_their_actions()
    {
        var foreignKey = Table("public", "attachments").ForeignKeys.Single();

        Assert.That(foreignKey.ToString(), Is.EqualTo("public.attachments.attachments_task_fkey: (account_id, task_id) -> public.tasks (account_id, id)"));
        Assert.That((foreignKey.OnDelete, foreignKey.OnUpdate, foreignKey.Deferrable, foreignKey.InitiallyDeferred), Is.EqualTo((ForeignKeyAction.Cascade, ForeignKeyAction.NoAction, true, true)));
    }

    [Test]
    public void Foreign_keys_across_schemas_name_the_referenced_schema()
    {
        Assert.That(Table("billing", "invoices").ForeignKeys.Single().ReferencedTable, Is.EqualTo(new TableName("public", "accounts")));
    }

    [Test]
    public void Reads_user_triggers_but_not_the_internal_ones_behind_foreign_keys()
    {
        Assert.That(Table("public", "attachments").Triggers, Is.EqualTo(new[] { "attachments_touch" }));
        Assert.That(Table("public", "tasks").Triggers, Is.Empty);
    }
}
