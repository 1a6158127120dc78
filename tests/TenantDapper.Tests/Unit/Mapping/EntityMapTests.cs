using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using TenantDapper.Mapping;
using ColumnAttribute = System.ComponentModel.DataAnnotations.Schema.ColumnAttribute;
using KeyAttribute = System.ComponentModel.DataAnnotations.KeyAttribute;
using TenantDapper.Tests.Sample;
using TenantDapper.Tests.Sample.Entities;

namespace TenantDapper.Tests.Unit.Mapping;

public sealed class EntityMapTests
{
    [Test]
    public void Table_name_comes_from_the_table_attribute()
    {
        var map = EntityMaps.Get<Project>(SampleSchema.Model);

        Assert.That(map.Table, Is.EqualTo(new TableName(null, "projects")));
    }

    [Test]
    public void Table_and_column_names_follow_snake_case_by_default()
    {
        var model = new TenantModelBuilder().TenantTable("line_item", "account_id").Build();

        var map = EntityMaps.Get<LineItem>(model);

        Assert.That(map.Table.Name, Is.EqualTo("line_item"));
        Assert.That(map.Columns.Select(c => c.Name), Is.EqualTo(new[] { "account_id", "id", "unit_price", "sku" }));
    }

    [Test]
    public void Naming_convention_of_the_model_names_tables_and_columns()
    {
        var model = new TenantModelBuilder().Naming(NamingConvention.Exact).TenantTable("LineItem", "AccountId").Build();

        var map = EntityMaps.Get<LineItem>(model);

        Assert.That(map.Table.Name, Is.EqualTo("LineItem"));
        Assert.That(map.Columns.Select(c => c.Name), Is.EqualTo(new[] { "AccountId", "Id", "UnitPrice", "sku" }));
        Assert.That(map.TenantProperty?.Property.Name, Is.EqualTo("AccountId"));
    }

    [Test]
    public void Column_attribute_names_the_column_and_schema_qualifies_the_table()
    {
        var model = new TenantModelBuilder().TenantTable("billing.invoices", "account_id").Build();

        var map = EntityMaps.Get<Invoice>(model);

        Assert.That(map.Table, Is.EqualTo(new TableName("billing", "invoices")));
        Assert.That(map.Columns.Select(c => c.Name), Is.EqualTo(new[] { "account_id", "invoice_no", "total" }));
    }

    [Test]
    public void Not_mapped_and_get_only_properties_are_left_out()
    {
        var model = new TenantModelBuilder().TenantTable("invoices", "account_id").Build();

        var map = EntityMaps.Get<InvoiceWithExtras>(model);

        Assert.That(map.Columns.Select(c => c.Property.Name), Is.EqualTo(new[] { "AccountId", "Id" }));
    }

    [Test]
    public void Tenant_table_key_puts_the_tenant_column_in_front_of_the_identity()
    {
        var map = EntityMaps.Get<Project>(SampleSchema.Model);

        Assert.That(map.PrimaryKey, Is.EqualTo(new[] { "account_id", "id" }));
        Assert.That(map.KeyColumns.Select(c => c.Name), Is.EqualTo(new[] { "id" }));
        Assert.That(map.TenantProperty?.Name, Is.EqualTo("account_id"));
    }

    [Test]
    public void Conventional_integer_id_of_a_tenant_table_is_generated()
    {
        var map = EntityMaps.Get<Project>(SampleSchema.Model);

        Assert.That(map.GeneratedColumns.Select(c => c.Name), Is.EqualTo(new[] { "id" }));
        Assert.That(map.InsertColumns.Select(c => c.Name), Is.EqualTo(new[] { "account_id", "name", "manager_id", "budget" }));
    }

    [Test]
    public void Composite_key_of_a_through_table_is_not_generated()
    {
        var map = EntityMaps.Get<ProjectManager>(SampleSchema.Model);

        Assert.That(map.PrimaryKey, Is.EqualTo(new[] { "account_id", "project_id", "manager_id" }));
        Assert.That(map.GeneratedColumns, Is.Empty);
    }

    [Test]
    public void Composite_key_follows_the_column_order()
    {
        var model = new TenantModelBuilder().TenantTable("links", "account_id").Build();

        var map = EntityMaps.Get<OrderedLink>(model);

        Assert.That(map.PrimaryKey, Is.EqualTo(new[] { "account_id", "right_id", "left_id" }));
    }

    [Test]
    public void Key_attribute_on_the_tenant_property_does_not_repeat_the_tenant_column()
    {
        var model = new TenantModelBuilder().TenantTable("invoices", "account_id").Build();

        var map = EntityMaps.Get<InvoiceKeyedWithTenant>(model);

        Assert.That(map.PrimaryKey, Is.EqualTo(new[] { "account_id", "invoice_no" }));
        Assert.That(map.GeneratedColumns, Is.Empty);
    }

    [Test]
    public void Tenant_root_is_keyed_by_the_tenant_column_which_is_not_generated()
    {
        var map = EntityMaps.Get<Account>(SampleSchema.Model);

        Assert.That(map.PrimaryKey, Is.EqualTo(new[] { "id" }));
        Assert.That(map.TenantProperty?.Name, Is.EqualTo("id"));
        Assert.That(map.GeneratedColumns, Is.Empty);
    }

    [Test]
    public void Tenant_column_comes_from_the_model_even_without_a_property()
    {
        var map = EntityMaps.Get<Comment>(SampleSchema.Model);

        Assert.That(map.TenantColumn, Is.EqualTo("acc_id"));
        Assert.That(map.TenantProperty, Is.Null);
        Assert.That(map.PrimaryKey, Is.EqualTo(new[] { "acc_id", "id" }));
    }

    [Test]
    public void Reference_table_has_no_tenant_column_and_a_string_key_is_not_generated()
    {
        var map = EntityMaps.Get<Country>(SampleSchema.Model);

        Assert.That(map.Role, Is.EqualTo(TableRole.Reference));
        Assert.That(map.TenantColumn, Is.Null);
        Assert.That(map.PrimaryKey, Is.EqualTo(new[] { "code" }));
        Assert.That(map.GeneratedColumns, Is.Empty);
    }

    [Test]
    public void Database_generated_none_turns_off_the_conventional_identity()
    {
        var model = new TenantModelBuilder().TenantTable("invoices", "account_id").Build();

        var map = EntityMaps.Get<InvoiceWithSuppliedId>(model);

        Assert.That(map.GeneratedColumns, Is.Empty);
    }

    [Test]
    public void Computed_column_is_generated_but_not_a_key()
    {
        var model = new TenantModelBuilder().TenantTable("invoices", "account_id").Build();

        var map = EntityMaps.Get<InvoiceWithComputedTotal>(model);

        Assert.That(map.GeneratedColumns.Select(c => c.Name), Is.EqualTo(new[] { "id", "total" }));
        Assert.That(map.KeyColumns.Select(c => c.Name), Is.EqualTo(new[] { "id" }));
    }

    [Test]
    public void Base_class_properties_come_first()
    {
        var model = new TenantModelBuilder().TenantTable("derived_row", "account_id").Build();

        var map = EntityMaps.Get<DerivedRow>(model);

        Assert.That(map.Columns.Select(c => c.Name), Is.EqualTo(new[] { "account_id", "id", "extra" }));
    }

    [Test]
    public void Map_is_built_once_per_model()
    {
        var model = new TenantModelBuilder().TenantTable("projects", "account_id").Build();

        var first = EntityMaps.Get<Project>(model);
        var second = EntityMaps.Get<Project>(model);

        Assert.That(second, Is.SameAs(first));
        Assert.That(EntityMaps.Get<Project>(SampleSchema.Model), Is.Not.SameAs(first));
    }

    [Test]
    public void Unsupported_property_type_is_refused_with_the_fix()
    {
        var model = new TenantModelBuilder().TenantTable("invoices", "account_id").Build();

        var error = Assert.Throws<EntityMappingException>(() => EntityMaps.Get<InvoiceWithNavigation>(model));

        Assert.That(error!.Message, Does.Contain("InvoiceWithNavigation.Lines").And.Contain("[NotMapped]"));
    }

    [Test]
    public void Store_type_lets_an_otherwise_unsupported_property_map()
    {
        var model = new TenantModelBuilder().TenantTable("invoices", "account_id").Build();

        var map = EntityMaps.Get<InvoiceWithJson>(model);

        Assert.That(map.Columns.Single(c => c.Name == "details").StoreType, Is.EqualTo("jsonb"));
    }

    [Test]
    public void Two_properties_for_one_column_are_refused()
    {
        var model = new TenantModelBuilder().TenantTable("invoices", "account_id").Build();

        Assert.That(() => EntityMaps.Get<InvoiceWithTwoTotals>(model), Throws.TypeOf<EntityMappingException>().With.Message.Contains("'total'"));
    }

    [Test]
    public void Tenant_property_of_another_type_than_the_model_keys_is_refused()
    {
        var model = new TenantModelBuilder().TenantKey<Guid>().TenantTable("projects", "account_id").Build();

        Assert.That(() => EntityMaps.Get<Project>(model), Throws.TypeOf<EntityMappingException>().With.Message.Contains("Guid"));
    }

    [Test]
    public void Tenant_attribute_that_the_model_does_not_register_is_refused()
    {
        var model = new TenantModelBuilder().Build();

        Assert.That(() => EntityMaps.Get<AttributedInvoice>(model), Throws.TypeOf<EntityMappingException>().With.Message.Contains(".Entity<AttributedInvoice>()"));
    }

    [Test]
    public void Tenant_attribute_that_names_another_column_than_the_model_is_refused()
    {
        var model = new TenantModelBuilder().TenantTable("invoices", "acc_id").Build();

        Assert.That(() => EntityMaps.Get<AttributedInvoice>(model), Throws.TypeOf<EntityMappingException>().With.Message.Contains("'acc_id'"));
    }

    [Test]
    public void Tenant_attribute_registered_through_the_model_maps()
    {
        var model = new TenantModelBuilder().Entity<AttributedInvoice>().Build();

        Assert.That(EntityMaps.Get<AttributedInvoice>(model).TenantColumn, Is.EqualTo("account_id"));
    }

    [Test]
    public void Unregistered_table_of_a_strict_model_is_refused()
    {
        var model = new TenantModelBuilder().Strict().Build();

        Assert.That(() => EntityMaps.Get<Project>(model), Throws.TypeOf<UnregisteredTableException>());
    }

    [Test]
    public void Column_name_that_cannot_be_quoted_safely_is_refused()
    {
        var model = new TenantModelBuilder().Build();

        Assert.That(() => EntityMaps.Get<RowWithBadColumn>(model), Throws.TypeOf<InvalidIdentifierException>());
    }

    [Test]
    public void Generated_tenant_column_is_refused()
    {
        var model = new TenantModelBuilder().TenantTable("invoices", "account_id").Build();

        Assert.That(() => EntityMaps.Get<InvoiceWithGeneratedTenant>(model), Throws.TypeOf<EntityMappingException>().With.Message.Contains("[DatabaseGenerated]"));
    }

    [Test]
    public void Compiled_accessors_read_and_write_properties()
    {
        var project = new Project { Id = 7, Name = "Apollo" };
        var map = EntityMaps.Get<Project>(SampleSchema.Model);
        var id = map.Columns.Single(c => c.Name == "id");
        var budget = map.Columns.Single(c => c.Name == "budget");

        id.SetValue(project, 8L);
        budget.SetValue(project, null);

        Assert.That(id.GetValue(project), Is.EqualTo(8L));
        Assert.That(budget.GetValue(project), Is.Null);
        Assert.That(map.Columns.Single(c => c.Name == "name").GetValue(project), Is.EqualTo("Apollo"));
    }

    private sealed class LineItem
    {
        public long AccountId { get; set; }

        public long Id { get; set; }

        public decimal UnitPrice { get; set; }

        [Column("sku")]
        public string Sku { get; set; } = "";
    }

    [Table("invoices", Schema = "billing")]
    private sealed class Invoice
    {
        public long AccountId { get; set; }

        [Key]
        [Column("invoice_no")]
        public long Number { get; set; }

        public decimal Total { get; set; }
    }

    [Table("invoices")]
    private sealed class InvoiceWithExtras
    {
        public long AccountId { get; set; }

        public long Id { get; set; }

        [NotMapped]
        public string Scratch { get; set; } = "";

        public string Display => $"#{Id}";
    }

    [Table("invoices")]
    private sealed class InvoiceKeyedWithTenant
    {
        [Key]
        public long AccountId { get; set; }

        [Key]
        [Column("invoice_no")]
        public string Number { get; set; } = "";
    }

    [Table("invoices")]
    private sealed class InvoiceWithSuppliedId
    {
        public long AccountId { get; set; }

        [DatabaseGenerated(DatabaseGeneratedOption.None)]
        public long Id { get; set; }
    }

    [Table("invoices")]
    private sealed class InvoiceWithComputedTotal
    {
        public long AccountId { get; set; }

        public long Id { get; set; }

        [DatabaseGenerated(DatabaseGeneratedOption.Computed)]
        public decimal Total { get; set; }
    }

    [Table("invoices")]
    private sealed class InvoiceWithNavigation
    {
        public long AccountId { get; set; }

        public long Id { get; set; }

        public List<LineItem> Lines { get; set; } = [];
    }

    [Table("invoices")]
    private sealed class InvoiceWithJson
    {
        public long AccountId { get; set; }

        public long Id { get; set; }

        [System.ComponentModel.DataAnnotations.Schema.Column(TypeName = "jsonb")]
        public Dictionary<string, string> Details { get; set; } = [];
    }

    [Table("invoices")]
    private sealed class InvoiceWithTwoTotals
    {
        public long AccountId { get; set; }

        public decimal Total { get; set; }

        [Column("total")]
        public decimal GrandTotal { get; set; }
    }

    [Table("invoices")]
    [TenantTable("account_id")]
    private sealed class AttributedInvoice
    {
        public long AccountId { get; set; }

        public long Id { get; set; }
    }

    [Table("invoices")]
    private sealed class InvoiceWithGeneratedTenant
    {
        [DatabaseGenerated(DatabaseGeneratedOption.Computed)]
        public long AccountId { get; set; }

        public long Id { get; set; }
    }

    private sealed class RowWithBadColumn
    {
        public long Id { get; set; }

        [Column("name\"; DROP TABLE x; --")]
        public string Name { get; set; } = "";
    }

    [Table("links")]
    private sealed class OrderedLink
    {
        public long AccountId { get; set; }

        [Key]
        [System.ComponentModel.DataAnnotations.Schema.Column(Order = 2)]
        public long LeftId { get; set; }

        [Key]
        [System.ComponentModel.DataAnnotations.Schema.Column(Order = 1)]
        public long RightId { get; set; }
    }

    private class BaseRow
    {
        public long AccountId { get; set; }

        public long Id { get; set; }
    }

    private sealed class DerivedRow : BaseRow
    {
        public string Extra { get; set; } = "";
    }
}
