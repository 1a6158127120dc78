using TenantDapper.Compiling;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;
using TenantDapper.Tests.Sample;

namespace TenantDapper.Tests.Unit.Scoping;

/// <summary>Scopes trees against the sample model for a given tenant state and writes them.</summary>
internal static class Scoper
{
    public static ScopedStatement Scope(SqlStatement statement, object? tenant = null, TenantModel? model = null) =>
        TenantScoping.Scope(statement, model ?? SampleSchema.Model, tenant is null ? null : TenantState.For(tenant));

    public static string ScopedSql(SqlStatement statement, object? tenant = null, TenantModel? model = null) =>
        PostgresSqlWriter.Write(Scope(statement, tenant ?? 1L, model).DeferCheck(out _)).Sql;

    public static string Explain(SqlStatement statement, object? tenant = null) =>
        TenantScoping.Explain(statement, SampleSchema.Model, TenantState.For(tenant ?? 1L)).ToString();
}
