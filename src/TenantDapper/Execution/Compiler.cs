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
        return Compile(query.ToStatement(), tenant: null);
    }

    /// <summary>Writes an SQL tree (after any rewriting) as this dialect's text; <paramref name="tenant"/> is bound to <c>@tenant</c> if the tree uses it.</summary>
    internal abstract SqlResult Compile(SqlStatement statement, object? tenant);
}
