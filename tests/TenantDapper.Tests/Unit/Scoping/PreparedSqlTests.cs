using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Tests.Unit.Scoping;

/// <summary>
/// The one prepared-statement type of the builder and the text path: its text goes out only through Release, which
/// binds the execution's tenant and checks what the statement supplies first. The integration tests prove the same
/// against the server on every path (SuppliedTenantEveryPathTests, BuilderShapeCacheTests).
/// </summary>
public class PreparedSqlTests
{
    private static readonly SuppliedTenant SuppliedTwo = new(TableName.Parse("projects"), "account_id", new LiteralExpression(LiteralKind.Number, "2"));

    [Test]
    public void A_statement_scoped_for_a_tenant_is_not_released_without_one()
    {
        var prepared = new PreparedSql("SELECT 1 WHERE @tenant = 1", usesTenant: true, bindsTenant: true);

        Assert.That(() => prepared.Release(null, typeof(long), SuppliedTenantCheck.NoCallerParameters, out _), Throws.TypeOf<UnscopableSqlException>());
    }

    [Test]
    public void A_statement_that_binds_a_tenant_it_does_not_use_still_checks_the_tenants_key_type()
    {
        var prepared = new PreparedSql("SELECT 1", usesTenant: false, bindsTenant: true);

        Assert.That(() => prepared.Release(TenantState.For("one"), typeof(long), SuppliedTenantCheck.NoCallerParameters, out _), Throws.TypeOf<TenantKeyTypeException>());
    }

    [Test]
    public void A_supplied_tenant_constant_is_released_only_for_its_own_tenant()
    {
        var prepared = new PreparedSql("INSERT INTO projects (account_id) VALUES (@tenant)", usesTenant: true, bindsTenant: true, [SuppliedTwo]);

        Assert.Multiple(() =>
        {
            Assert.That(() => prepared.Release(TenantState.For(1L), typeof(long), SuppliedTenantCheck.NoCallerParameters, out _), Throws.TypeOf<TenantMismatchException>());
            Assert.That(prepared.Release(TenantState.For(2L), typeof(long), SuppliedTenantCheck.NoCallerParameters, out var tenant), Is.EqualTo("INSERT INTO projects (account_id) VALUES (@tenant)"));
            Assert.That(tenant, Is.EqualTo(2L));
        });
    }

    [Test]
    public void A_statement_that_binds_no_tenant_is_released_as_it_is_under_a_bypass()
    {
        var prepared = new PreparedSql("SELECT 1", usesTenant: false, bindsTenant: false);

        var sql = prepared.Release(TenantState.Bypass("test"), typeof(long), SuppliedTenantCheck.NoCallerParameters, out var tenant);

        Assert.That((sql, tenant), Is.EqualTo(("SELECT 1", (object?)null)));
    }
}
