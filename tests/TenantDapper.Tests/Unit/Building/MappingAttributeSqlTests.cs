using TenantDapper.Mapping;
using IgnoreAttribute = TenantDapper.Mapping.IgnoreAttribute; // not NUnit's

namespace TenantDapper.Tests.Unit.Building;

public class MappingAttributeSqlTests
{
    [Test]
    public void AsInsert_names_columns_by_Column_and_leaves_out_Ignore()
    {
        var result = Golden.Compile(new Query("people").AsInsert(new Person { Id = 7, FullName = "Ann", Phone = "555" }));
        Assert.That(result.Sql, Is.EqualTo("INSERT INTO \"people\" (\"id\", \"full_name\") VALUES (@p0, @p1)"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { 7L, "Ann" }));
    }

    [Test]
    public void AsUpdate_sets_the_mapped_columns_and_puts_the_Key_in_WHERE()
    {
        var result = Golden.Compile(new Query("people").AsUpdate(new Person { Id = 7, FullName = "Ann", Phone = "555" }));
        Assert.That(result.Sql, Is.EqualTo("UPDATE \"people\" SET \"id\" = @p0, \"full_name\" = @p1 WHERE \"id\" = @p2"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { 7L, "Ann", 7L }));
    }

    [Test]
    public void Key_without_a_name_is_the_property_name_as_in_SqlKata() =>
        Assert.That(
            Golden.Sql(new Query("t").AsUpdate(new Keyed { Code = "x", Label = "y" })),
            Is.EqualTo("UPDATE \"t\" SET \"Code\" = @p0, \"Label\" = @p1 WHERE \"Code\" = @p2"));

    [Test]
    public void DataAnnotations_attributes_map_the_same_way() =>
        Assert.That(
            Golden.Sql(new Query("t").AsUpdate(new Annotated { Id = 1, Name = "n", Hidden = "h" })),
            Is.EqualTo("UPDATE \"t\" SET \"id\" = @p0, \"the_name\" = @p1 WHERE \"id\" = @p2"));

    [Test]
    public void Where_object_names_properties_as_written_as_in_SqlKata() =>
        Assert.That(Golden.Sql(new Query("t").Where(new Person { Id = 1, FullName = "a" })), Does.Contain("\"FullName\" = @p1"));

    [Test]
    public void A_Column_name_that_cannot_be_quoted_safely_is_refused() =>
        Assert.That(() => new Query("t").AsInsert(new BadName { Value = 1 }), Throws.TypeOf<InvalidIdentifierException>());

    private sealed class Person
    {
        [Key("id")]
        public long Id { get; set; }

        [Column("full_name")]
        public string FullName { get; set; } = "";

        [Ignore]
        public string Phone { get; set; } = "";
    }

    private sealed class Keyed
    {
        [Key]
        public string Code { get; set; } = "";

        public string Label { get; set; } = "";
    }

    private sealed class Annotated
    {
        [System.ComponentModel.DataAnnotations.Key]
        [System.ComponentModel.DataAnnotations.Schema.Column("id")]
        public long Id { get; set; }

        [System.ComponentModel.DataAnnotations.Schema.Column("the_name")]
        public string Name { get; set; } = "";

        [System.ComponentModel.DataAnnotations.Schema.NotMapped]
        public string Hidden { get; set; } = "";
    }

    private sealed class BadName
    {
        [Column("x\"; DROP TABLE t; --")]
        public int Value { get; set; }
    }
}
