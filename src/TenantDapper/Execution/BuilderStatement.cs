using TenantDapper.Compiling;
using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Execution;

/// <summary>
/// A builder statement ready to run: its SQL and values (<paramref name="compiled"/>) and the tenant bound to
/// <c>@tenant</c>. The scoped tree is kept only when it was built (a new shape); for a cached shape it is built again
/// from <paramref name="unscoped"/> if someone asks for it (<see cref="SqlResult.RawSql"/>, <see cref="SqlResult.ToString"/>).
/// </summary>
internal readonly struct BuilderStatement(CompiledSql compiled, object? tenant, SqlStatement? written, SqlStatement unscoped, TenantModel? model, TenantState? state, bool citusRowLevelSecurity)
{
    public CompiledSql Compiled { get; } = compiled;

    public object? Tenant { get; } = tenant;

    /// <summary>Whether the statement was taken from the shape cache (nothing was scoped or written for it).</summary>
    public bool IsCached => written is null;

    /// <summary>The statement as <see cref="QueryFactory.Logger"/> and <see cref="QueryFactory.Compile(Query)"/> show it.</summary>
    public SqlResult ToResult()
    {
        if (written is not null)
        {
            return new SqlResult(Compiled, written) { Tenant = Tenant };
        }

        // Scoping the same tree for the same state gives the tree the cached text was written from.
        var (tree, forModel, forState, citus) = (unscoped, model, state, citusRowLevelSecurity);
        return new SqlResult(Compiled, () => forModel is null ? tree : TenantScoping.Scope(tree, forModel, forState, citus).Release()) { Tenant = Tenant };
    }
}
