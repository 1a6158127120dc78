using TenantDapper.Citus;

namespace TenantDapper.Tests.Unit.Citus;

public sealed class TenantModelInferenceTests
{
    [Test]
    public void Tables_with_the_tenant_column_become_tenant_tables_and_what_they_reference_reference_tables()
    {
        var model = new TenantModelInference { Root = "accounts", TenantColumn = "account_id" }.Infer(Schemas.Legacy);

        Assert.That(model.TenantTables.Select(t => t.ToString()), Is.EqualTo(new[] { "accounts by id", "projects by account_id", "tasks by account_id" }));
        Assert.That(model.ReferenceTables.Select(t => t.ToString()), Is.EqualTo(new[] { "countries" }));
    }

    [Test]
    public void Root_key_comes_from_its_one_column_primary_key()
    {
        var catalog = new TestCatalog().Table("tenants", "tenant_no bigint", t => t.PrimaryKey("tenant_no")).Build();

        var model = new TenantModelInference { Root = "tenants" }.Infer(catalog);

        Assert.That(model.Root!.TenantColumn, Is.EqualTo("tenant_no"));
    }

    [Test]
    public void Global_tables_stay_local_even_with_the_tenant_column()
    {
        var model = new TenantModelInference { Root = "accounts", TenantColumn = "account_id", GlobalTables = ["tasks"] }.Infer(Schemas.Legacy);

        Assert.That(model.TenantTables.Select(t => t.Name.Name), Is.EqualTo(new[] { "accounts", "projects" }));
        Assert.That(model.GetRole(new TableName(null, "tasks")), Is.EqualTo(TableRole.Global));
    }

    [Test]
    public void Without_a_catalog_only_the_named_tables_are_in_the_model()
    {
        var model = new TenantModelInference
        {
            Root = "accounts",
            TenantColumn = "account_id",
            TenantTables = [new("comments", "acc_id")],
            ReferenceTables = ["countries"],
        }.Infer(null);

        Assert.That(model.TenantTables.Select(t => t.ToString()), Is.EqualTo(new[] { "accounts by id", "comments by acc_id" }));
        Assert.That(model.ReferenceTables.Select(t => t.ToString()), Is.EqualTo(new[] { "countries" }));
    }

    [Test]
    public void Tables_of_other_schemas_are_not_found_by_the_tenant_column()
    {
        var catalog = new SchemaCatalog([
            new CatalogTable(new TableName("public", "accounts"), [new CatalogColumn("id", "bigint", true)]),
            new CatalogTable(new TableName("archive", "projects"), [new CatalogColumn("account_id", "bigint", true)]),
        ]);

        var model = new TenantModelInference { Root = "accounts", TenantColumn = "account_id" }.Infer(catalog);

        Assert.That(model.TenantTables.Select(t => t.ToString()), Is.EqualTo(new[] { "accounts by id" }));
    }
}
