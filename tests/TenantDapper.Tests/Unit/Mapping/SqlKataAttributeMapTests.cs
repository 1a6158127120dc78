using TenantDapper.Mapping;

namespace TenantDapper.Tests.Unit.Mapping;

/// <summary>SqlKata's mapping attributes map an entity class for <c>db.Entities&lt;T&gt;()</c> the same way DataAnnotations' do.</summary>
public sealed class SqlKataAttributeMapTests
{
    private static readonly TenantModel Model = new TenantModelBuilder().TenantTable("person", "account_id").Build();

    [Test]
    public void Column_names_the_column_and_Ignore_leaves_the_property_out() =>
        Assert.That(EntityMaps.Get<Person>(Model).Columns.Select(c => c.Name), Is.EqualTo(new[] { "account_id", "id", "full_name" }));

    [Test]
    public void Key_without_a_name_follows_the_naming_convention_and_is_the_key() =>
        Assert.That(EntityMaps.Get<Person>(Model).PrimaryKey, Is.EqualTo(new[] { "account_id", "id" }));

    private sealed class Person
    {
        public long AccountId { get; set; }

        [TenantDapper.Mapping.Key]
        public long Id { get; set; }

        [TenantDapper.Mapping.Column("full_name")]
        public string Name { get; set; } = "";

        [TenantDapper.Mapping.Ignore]
        public string Scratch { get; set; } = "";
    }
}
