using TenantDapper.Compiling;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <summary>Turns a <see cref="Query"/> into SQL text and parameters; <see cref="PostgresCompiler"/> is the one dialect.</summary>
public abstract class Compiler
{
    private protected Compiler()
    {
    }

    /// <summary>Compiles <paramref name="query"/> without changing it. The text depends only on the query's shape; every value is a parameter.</summary>
    public SqlResult Compile(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Compile(query.ToStatement());
    }

    /// <summary>Writes an SQL tree (after any rewriting) as this dialect's text.</summary>
    internal abstract SqlResult Compile(SqlStatement statement);
}
