using TenantDapper.Scoping;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Execution;

/// <summary>
/// One execution of a builder statement, released for its tenant: the <see cref="PreparedSql"/> its shape compiles to,
/// the values of <c>@p0, @p1, ...</c> and the tenant bound to <c>@tenant</c>. The scoped tree is kept only when it was
/// built (a new shape); for a cached shape it is built again from <paramref name="unscoped"/> if someone asks for it
/// (<see cref="SqlResult.RawSql"/>, <see cref="SqlResult.ToString"/>).
/// </summary>
internal readonly struct BuilderStatement(PreparedSql prepared, object?[] values, object? tenant, SqlStatement? written, SqlStatement unscoped, TenantModel? model, TenantState? state, bool citusRowLevelSecurity)
{
    public PreparedSql Prepared { get; } = prepared;

    /// <summary>The values of <c>@p0, @p1, ...</c>: the value of <c>@p{i}</c> is <c>Values[i]</c>.</summary>
    public object?[] Values { get; } = values;

    public object? Tenant { get; } = tenant;

    /// <summary>Whether the statement was taken from the shape cache (nothing was scoped or written for it).</summary>
    public bool IsCached => written is null;

    /// <summary>The statement as <see cref="QueryFactory.Logger"/> and <see cref="QueryFactory.Compile(Query)"/> show it.</summary>
    public SqlResult ToResult()
    {
        if (written is not null)
        {
            return new SqlResult(Prepared, Values, written) { Tenant = Tenant };
        }

        // Scoping the same tree for the same state gives the tree the cached text was written from.
        var (tree, forModel, forState, citus) = (unscoped, model, state, citusRowLevelSecurity);
        return new SqlResult(Prepared, Values, () => forModel is null ? tree : TenantScoping.Scope(tree, forModel, forState, citus).Release()) { Tenant = Tenant };
    }
}
