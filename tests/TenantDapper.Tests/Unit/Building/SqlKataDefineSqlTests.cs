using static TenantDapper.Expressions;

namespace TenantDapper.Tests.Unit.Building;

/// <summary>
/// <c>Define</c> and <c>Expressions.Variable</c>, against SqlKata's own DefineTest shapes: the same text, except that
/// every value is a parameter (SqlKata's tests show values inlined).
/// </summary>
public class SqlKataDefineSqlTests
{
    [Test]
    public void A_defined_variable_is_bound_as_a_parameter_in_Where()
    {
        var result = Golden.Compile(new Query("Products").Define("@name", "Anto").Where("ProductName", Variable("@name")));
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"Products\" WHERE \"ProductName\" = @p0"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { "Anto" }));
    }

    [Test]
    public void A_sub_query_resolves_its_own_definition()
    {
        var subquery = new Query("Products").AsAverage("unitprice").Define("@UnitsInSt", 10).Where("UnitsInStock", ">", Variable("@UnitsInSt"));
        var result = Golden.Compile(new Query("Products").Where("unitprice", ">", subquery).Where("UnitsOnOrder", ">", 5));
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"Products\" WHERE \"unitprice\" > (SELECT AVG(\"unitprice\") AS \"avg\" FROM \"Products\" WHERE \"UnitsInStock\" > @p0) AND \"UnitsOnOrder\" > @p1"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { 10, 5 }));
    }

    [Test]
    public void WhereStarts_Ends_Contains_and_Like_put_the_wildcards_around_the_variables_value()
    {
        var result = Golden.Compile(new Query("Products").Define("@v", "Co")
            .WhereStarts("a", Variable("@v")).WhereEnds("b", Variable("@v"), true).WhereContains("c", Variable("@v")).WhereLike("d", Variable("@v")));
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"Products\" WHERE \"a\" ILIKE @p0 AND \"b\" LIKE @p1 AND \"c\" ILIKE @p2 AND \"d\" ILIKE @p3"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { "Co%", "%Co", "%Co%", "Co" }));
    }

    [Test]
    public void Having_resolves_a_variable()
    {
        var result = Golden.Compile(new Query("Table").Define("@foo", 1).Having("Id", "=", Variable("@foo")));
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"Table\" HAVING \"Id\" = @p0"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { 1 }));
    }

    [Test]
    public void A_where_callback_sees_the_outer_querys_definition_and_a_null_value_is_a_parameter()
    {
        var result = Golden.Compile(new Query("Orders").Define("@shipReg", null).Where(q => q.Where("ShipRegion", "!=", Variable("@shipReg"))).AsCount());
        Assert.That(result.Sql, Is.EqualTo("SELECT COUNT(*) AS \"count\" FROM \"Orders\" WHERE \"ShipRegion\" != @p0"));
        Assert.That(result.Bindings, Is.EqualTo(new object?[] { null }));
    }

    [Test]
    public void Date_conditions_resolve_a_variable()
    {
        var result = Golden.Compile(new Query("Orders").Define("@d", 1996).WhereDatePart("year", "RequiredDate", "=", Variable("@d")));
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"Orders\" WHERE pg_catalog.date_part('year', \"RequiredDate\") = @p0"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { 1996 }));
    }

    [Test]
    public void WhereExists_callback_and_a_CTE_resolve_their_own_definitions()
    {
        var exists = Golden.Compile(new Query("Customers").WhereExists(q => q.From("Orders").Define("@postal", "8200").Where("ShipPostalCode", Variable("@postal"))));
        var cte = Golden.Compile(new Query("prodCTE").With("prodCTE", new Query("Products").Define("@unit", 10).Where("UnitPrice", ">", Variable("@unit"))));
        Assert.That(exists.Sql, Is.EqualTo("SELECT * FROM \"Customers\" WHERE EXISTS (SELECT * FROM \"Orders\" WHERE \"ShipPostalCode\" = @p0)"));
        Assert.That(exists.Bindings, Is.EqualTo(new object[] { "8200" }));
        Assert.That(cte.Sql, Is.EqualTo("WITH \"prodCTE\" AS (SELECT * FROM \"Products\" WHERE \"UnitPrice\" > @p0) SELECT * FROM \"prodCTE\""));
        Assert.That(cte.Bindings, Is.EqualTo(new object[] { 10 }));
    }

    [Test]
    public void Each_arm_of_a_union_resolves_its_own_definition()
    {
        var first = new Query("Suppliers").Define("@foo", "Beirut").Select("City").Where("City", Variable("@foo"));
        var result = Golden.Compile(new Query("Customers").Define("@city", "Z").Select("City").Union(first).WhereNotLike("City", Variable("@city")));
        Assert.That(result.Sql, Is.EqualTo("SELECT \"City\" FROM \"Customers\" WHERE \"City\" NOT ILIKE @p0 UNION (SELECT \"City\" FROM \"Suppliers\" WHERE \"City\" = @p1)"));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { "Z", "Beirut" }));
    }

    [Test]
    public void An_inner_definition_wins_over_the_outer_one_only_inside_the_inner_query()
    {
        var inner = new Query("u").Select("id").Define("x", 2).Where("a", Variable("x"));
        var result = Golden.Compile(new Query("t").Define("x", 1).Where("b", Variable("x")).WhereIn("id", inner).Where("c", Variable("x")));
        Assert.That(result.Bindings, Is.EqualTo(new object[] { 1, 2, 1 }));
    }

    [Test]
    public void WhereIn_items_Between_bounds_insert_and_update_values_resolve_variables()
    {
        var where = Golden.Compile(new Query("t").Define("a", 1L).Define("b", 5L).WhereIn("id", new object[] { Variable("a"), 3L }).WhereBetween("n", Variable("a"), Variable("b")));
        var insert = Golden.Compile(new Query("t").Define("v", "x").AsInsert(new Dictionary<string, object?> { ["name"] = Variable("v") }));
        var update = Golden.Compile(new Query("t").Define("v", "y").Where("id", 1).AsUpdate(new Dictionary<string, object?> { ["name"] = Variable("v") }));
        Assert.That(where.Bindings, Is.EqualTo(new object[] { new long[] { 1, 3 }, 1L, 5L }));
        Assert.That(insert.Bindings, Does.Contain("x"));
        Assert.That(update.Bindings, Does.Contain("y"));
    }

    [Test]
    public void An_undefined_variable_fails_when_the_query_is_compiled_and_says_to_define_it()
    {
        var query = new Query("t").Where("a", Variable("@missing"));
        Assert.That(() => Golden.Sql(query), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("Define(\"@missing\", value)"));
    }

    [Test]
    public void A_variable_defined_later_is_found_because_it_is_read_at_compile_time()
    {
        var query = new Query("t").Where("a", Variable("x"));
        query.Define("x", 7);
        Assert.That(Golden.Compile(query).Bindings, Is.EqualTo(new object[] { 7 }));
    }

    [Test]
    public void Defining_a_name_twice_on_one_query_is_refused() =>
        Assert.That(() => new Query("t").Define("x", 1).Define("x", 2), Throws.ArgumentException.With.Message.Contains("already defined"));

    [Test]
    public void A_clone_keeps_the_definitions_and_defining_on_it_leaves_the_original_alone()
    {
        var original = new Query("t").Define("x", 1).Where("a", Variable("x"));
        var clone = original.Clone().Define("y", 2).Where("b", Variable("y"));
        Assert.That(Golden.Compile(clone).Bindings, Is.EqualTo(new object[] { 1, 2 }));
        Assert.That(() => original.Clone().Where("b", Variable("y")).Define("x", 3), Throws.ArgumentException);
        Assert.That(() => Golden.Sql(original.Clone().Where("b", Variable("y"))), Throws.TypeOf<InvalidQueryException>());
    }

    [Test]
    public void A_variable_as_a_raw_binding_is_refused_when_the_fragment_is_added() =>
        Assert.That(() => new Query("t").Define("x", 1).WhereRaw("a = ?", Variable("x")), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("plain values"));

    [Test]
    public void A_variable_in_a_raw_list_binding_or_a_With_row_is_refused_when_it_is_added()
    {
        Assert.That(() => new Query("t").WhereRaw("a = ANY(?)", new object[] { new object[] { 1, Variable("x") } }), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("plain values"));
        Assert.That(() => new Query("v").With("v", ["id"], [[Variable("x")]]), Throws.TypeOf<InvalidQueryException>().With.Message.Contains("plain values"));
    }
}
