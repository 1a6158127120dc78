using TenantDapper.Compiling;
using TenantDapper.Parsing;
using TenantDapper.Scoping;
using TenantDapper.Tenancy;

namespace TenantDapper.Tests.Parsing;

/// <summary>The tenant model of <c>corpus-schema.sql</c>, and the text path a scoped SQL string takes: parse, scope, write.</summary>
internal static class CorpusModel
{
    public static TenantModel Model { get; } = new TenantModelBuilder()
        .TenantKey<long>()
        .TenantRoot("tenants", "id")
        .TenantTable("users", "tenant_id")
        .TenantTable("projects", "tenant_id")
        .TenantTable("tasks", "tenant_id")
        .TenantTable("comments", "tenant_id")
        .ReferenceTable("countries")
        .GlobalTable("audit_log")
        .GlobalTable("Mixed Case")
        .Build();

    /// <summary>Parses <paramref name="sql"/>, scopes it for <paramref name="tenant"/> and writes it, as the scoped text path does.</summary>
    public static SqlResult Scope(string sql, long? tenant)
    {
        var scoped = TenantScoping.Scope(SqlParser.ParseStatement(sql), Model, tenant is { } t ? TenantState.For(t) : null);
        var statement = scoped.Release();
        var written = PostgresSqlWriter.Write(statement);
        return new SqlResult(new PreparedSql(written.Sql, written.UsesTenant, bindsTenant: scoped.Tenant is not null), written.Values, statement) { Tenant = scoped.Tenant };
    }
}
