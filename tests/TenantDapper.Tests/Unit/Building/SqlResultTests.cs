using TenantDapper.Execution;
using TenantDapper.Syntax;

namespace TenantDapper.Tests.Unit.Building;

public class SqlResultTests
{
    [Test]
    public void Named_bindings_are_p0_p1_in_text_order()
    {
        var result = Golden.Compile(new Query("t").Where("a", "x").Where("b", 2));
        Assert.That(result.NamedBindings, Is.EquivalentTo(new Dictionary<string, object?> { ["p0"] = "x", ["p1"] = 2 }));
    }

    [Test]
    public void Empty_list_is_bound_untyped_so_the_server_infers_its_type() =>
        Assert.That(Golden.Compile(new Query("t").WhereIn("a", Array.Empty<int>())).NamedBindings["p0"], Is.SameAs(EmptyArrayParameter.Instance));

    [Test]
    public void Tenant_is_bound_when_the_tree_uses_it()
    {
        var statement = (SelectStatement)new Query("t").Where("a", 1).ToStatement();
        var block = (SelectBlock)statement.Body;
        var scoped = new SelectStatement(statement.With, block.Update(
            block.Columns,
            block.From,
            new AndExpression([block.Where!, new BinaryExpression(new ColumnExpression(TableQualifier.Of("t"), "account_id"), "=", TenantParameterExpression.Instance)]),
            block.GroupBy,
            block.Having,
            block.OrderBy));
        var result = new PostgresCompiler().Compile(scoped, tenant: 7L);
        Assert.That(result.Sql, Is.EqualTo("SELECT * FROM \"t\" WHERE \"a\" = @p0 AND \"t\".\"account_id\" = @tenant"));
        Assert.That(result.NamedBindings["tenant"], Is.EqualTo(7L));
    }

    [Test]
    public void Compiling_without_the_tenant_step_binds_no_tenant() =>
        Assert.That(Golden.Compile(new Query("t")).NamedBindings.ContainsKey("tenant"), Is.False);
}
