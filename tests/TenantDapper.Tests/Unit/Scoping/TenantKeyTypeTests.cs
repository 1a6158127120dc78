using static TenantDapper.Tests.Trees.Sql;

namespace TenantDapper.Tests.Unit.Scoping;

public class TenantKeyTypeTests
{
    private static TenantModel ModelKeyedBy<TKey>()
        where TKey : notnull =>
        new TenantModelBuilder().TenantKey<TKey>().TenantTable("documents", "org_id").Build();

    [Test]
    public void Guid_tenant_is_bound_and_a_supplied_equal_guid_is_accepted()
    {
        var org = Guid.NewGuid();
        var scoped = Scoper.Scope(Insert(Table("documents"), ["org_id", "title"], [Value(org), Value("a")]), org, ModelKeyedBy<Guid>());
        Assert.That(scoped.Tenant, Is.EqualTo(org));
    }

    [Test]
    public void Guid_tenant_refuses_another_guid()
    {
        var statement = Insert(Table("documents"), ["org_id", "title"], [Value(Guid.NewGuid()), Value("a")]);
        Assert.That(() => Scoper.Scope(statement, Guid.NewGuid(), ModelKeyedBy<Guid>()), Throws.TypeOf<TenantMismatchException>());
    }

    [Test]
    public void String_tenant_is_compared_exactly()
    {
        var statement = Insert(Table("documents"), ["org_id", "title"], [Value("ACME"), Value("a")]);
        Assert.Multiple(() =>
        {
            Assert.That(Scoper.Scope(statement, "ACME", ModelKeyedBy<string>()).Tenant, Is.EqualTo("ACME"));
            Assert.That(() => Scoper.Scope(statement, "acme", ModelKeyedBy<string>()), Throws.TypeOf<TenantMismatchException>());
        });
    }

    [Test]
    public void Int_tenant_is_bound_as_int_for_an_int_model()
    {
        Assert.That(Scoper.Scope(Select(null, [Table("documents")]), 5, ModelKeyedBy<int>()).Tenant, Is.TypeOf<int>());
    }

    [Test]
    public void Long_tenant_is_refused_by_an_int_model()
    {
        Assert.That(() => Scoper.Scope(Select(null, [Table("documents")]), 5L, ModelKeyedBy<int>()), Throws.TypeOf<TenantKeyTypeException>());
    }

    [Test]
    public void Several_guid_tenants_are_bound_as_a_guid_array()
    {
        Guid[] orgs = [Guid.NewGuid(), Guid.NewGuid()];
        var scoped = TenantDapper.Scoping.TenantScoping.Scope(Select(null, [Table("documents")]), ModelKeyedBy<Guid>(), TenantDapper.Tenancy.TenantState.ForMany([orgs[0], orgs[1]]));
        Assert.That(scoped.Tenant, Is.EqualTo(orgs).And.TypeOf<Guid[]>());
    }
}
