using TenantDapper.Compiling;
using TenantDapper.Scoping;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <summary>Compiles queries for PostgreSQL (and Citus): quoted identifiers, <c>@p0</c>-style parameters, lists as one array parameter.</summary>
public sealed class PostgresCompiler : Compiler
{
    /// <summary>Creates the compiler; it holds no state and may be shared.</summary>
    public PostgresCompiler()
    {
    }

    internal override SqlResult Compile(SqlStatement statement, object? tenant)
    {
        var written = PostgresSqlWriter.Write(statement);
        return new(new PreparedSql(written.Sql, written.UsesTenant, bindsTenant: tenant is not null), written.Values, statement) { Tenant = tenant };
    }
}
