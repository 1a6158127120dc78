using System.ComponentModel.DataAnnotations.Schema;

namespace TenantDapper.Tests.Unit.Tenancy;

public class TenantModelTests
{
    [Test]
    public void Fluent_model_knows_tenant_columns_and_roles()
    {
        var model = new TenantModelBuilder()
            .TenantRoot("accounts")
            .TenantTable("projects", "account_id")
            .TenantTable("comments", "acc_id")
            .ReferenceTable("countries")
            .Build();
        Assert.Multiple(() =>
        {
            Assert.That(model.TryGetTenantTable(TableName.Parse("accounts"), out var root) ? root.TenantColumn : null, Is.EqualTo("id"));
            Assert.That(model.TryGetTenantTable(TableName.Parse("projects"), out var projects) ? projects.TenantColumn : null, Is.EqualTo("account_id"));
            Assert.That(model.TryGetTenantTable(TableName.Parse("comments"), out var comments) ? comments.TenantColumn : null, Is.EqualTo("acc_id"));
            Assert.That(model.GetRole(TableName.Parse("countries")), Is.EqualTo(TableRole.Reference));
            Assert.That(model.GetRole(TableName.Parse("audit_log")), Is.EqualTo(TableRole.Global));
            Assert.That(model.Root!.Name, Is.EqualTo(TableName.Parse("accounts")));
        });
    }

    [Test]
    public void Schema_qualified_name_in_the_default_schema_is_the_same_table()
    {
        var model = new TenantModelBuilder().TenantTable("projects", "account_id").Build();
        Assert.That(model.GetRole(TableName.Parse("public.projects")), Is.EqualTo(TableRole.Tenant));
    }

    [Test]
    public void Table_in_another_schema_is_another_table()
    {
        var model = new TenantModelBuilder().TenantTable("projects", "account_id").Build();
        Assert.That(model.GetRole(TableName.Parse("archive.projects")), Is.EqualTo(TableRole.Global));
    }

    [Test]
    public void Attributes_declare_the_model()
    {
        var model = new TenantModelBuilder().Entity<Account>().Entity<Comment>().Entity<Country>().Entity<AuditLog>().Build();
        Assert.Multiple(() =>
        {
            Assert.That(model.Root!.TenantColumn, Is.EqualTo("id"));
            Assert.That(model.TryGetTenantTable(TableName.Parse("comments"), out var comments) ? comments.TenantColumn : null, Is.EqualTo("acc_id"));
            Assert.That(model.GetRole(TableName.Parse("countries")), Is.EqualTo(TableRole.Reference));
            Assert.That(model.GetRole(TableName.Parse("audit_log")), Is.EqualTo(TableRole.Global));
        });
    }

    [Test]
    public void Strict_model_refuses_an_unregistered_table_and_accepts_declared_global_ones()
    {
        var model = new TenantModelBuilder().TenantTable("projects", "account_id").GlobalTable("audit_log").Strict().Build();
        Assert.Multiple(() =>
        {
            Assert.That(() => model.GetRole(TableName.Parse("unknown")), Throws.TypeOf<UnregisteredTableException>());
            Assert.That(model.GetRole(TableName.Parse("audit_log")), Is.EqualTo(TableRole.Global));
        });
    }

    [Test]
    public void Table_declared_twice_is_refused()
    {
        Assert.That(() => new TenantModelBuilder().TenantTable("projects", "account_id").ReferenceTable("public.projects"), Throws.TypeOf<TenantModelException>());
    }

    [Test]
    public void Entity_with_two_roles_is_refused()
    {
        Assert.That(() => new TenantModelBuilder().Entity<Confused>(), Throws.TypeOf<TenantModelException>());
    }

    [TenantRoot]
    private sealed class Account;

    [TenantTable("acc_id")]
    [Table("comments")]
    private sealed class Comment;

    [ReferenceTable]
    [Table("countries")]
    private sealed class Country;

    private sealed class AuditLog;

    [TenantTable("account_id")]
    [ReferenceTable]
    private sealed class Confused;
}
