namespace TenantDapper.Tests.Unit.Building;

/// <summary>Compiles a query with the PostgreSQL compiler for golden-SQL assertions.</summary>
internal static class Golden
{
    private static readonly PostgresCompiler Compiler = new();

    public static string Sql(Query query) => Compiler.Compile(query).Sql;

    public static SqlResult Compile(Query query) => Compiler.Compile(query);
}
