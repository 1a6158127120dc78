using System.ComponentModel.DataAnnotations.Schema;
using NpgsqlTypes;
using TenantDapper.BulkCopy;
using TenantDapper.Tests.Sample;
using TenantDapper.Tests.Sample.Entities;

namespace TenantDapper.Tests.Unit.BulkCopy;

public sealed class CopyPlanTests
{
    [Test]
    public void Copy_command_puts_the_tenant_column_first_and_leaves_out_generated_keys()
    {
        var plan = CopyPlan<Project>.For(SampleSchema.Model);

        Assert.That(plan.Command, Is.EqualTo("""COPY "projects" ("account_id", "name", "manager_id", "budget") FROM STDIN (FORMAT BINARY)"""));
    }

    [Test]
    public void Copy_command_names_the_tenant_column_of_an_entity_without_a_tenant_property()
    {
        var plan = CopyPlan<Comment>.For(SampleSchema.Model);

        Assert.That(plan.Command, Is.EqualTo("""COPY "comments" ("acc_id", "task_id", "body") FROM STDIN (FORMAT BINARY)"""));
    }

    [Test]
    public void Copy_command_quotes_a_schema_qualified_table()
    {
        var model = new TenantModelBuilder().TenantTable("billing.invoices", "account_id").Build();

        var plan = CopyPlan<Invoice>.For(model);

        Assert.That(plan.Command, Is.EqualTo("""COPY "billing"."invoices" ("account_id", "total") FROM STDIN (FORMAT BINARY)"""));
    }

    [Test]
    public void Copy_plan_is_built_once_per_model()
    {
        var first = CopyPlan<Project>.For(SampleSchema.Model);
        var second = CopyPlan<Project>.For(SampleSchema.Model);

        Assert.That(second, Is.SameAs(first));
    }

    [TestCase(typeof(long), NpgsqlDbType.Bigint)]
    [TestCase(typeof(int), NpgsqlDbType.Integer)]
    [TestCase(typeof(decimal), NpgsqlDbType.Numeric)]
    [TestCase(typeof(string), NpgsqlDbType.Text)]
    [TestCase(typeof(Guid), NpgsqlDbType.Uuid)]
    [TestCase(typeof(byte[]), NpgsqlDbType.Bytea)]
    [TestCase(typeof(long[]), NpgsqlDbType.Array | NpgsqlDbType.Bigint)]
    [TestCase(typeof(DateTimeOffset), NpgsqlDbType.TimestampTz)]
    public void Column_type_is_chosen_once_from_the_property_type(Type type, NpgsqlDbType expected)
    {
        Assert.That(CopyValueType.For(type, storeType: null), Is.EqualTo(new CopyValueType(expected, null)));
    }

    [Test]
    public void Date_time_is_left_to_npgsql_which_decides_by_its_kind()
    {
        Assert.That(CopyValueType.For(typeof(DateTime), storeType: null), Is.EqualTo(new CopyValueType(null, null)));
    }

    [Test]
    public void Store_type_from_the_column_attribute_wins()
    {
        Assert.That(CopyValueType.For(typeof(int), "bigint"), Is.EqualTo(new CopyValueType(null, "bigint")));
    }

    [Table("invoices", Schema = "billing")]
    private sealed class Invoice
    {
        public long AccountId { get; set; }

        public long Id { get; set; }

        public decimal Total { get; set; }
    }
}
