using TenantDapper.Compiling;
using TenantDapper.Syntax;
using TenantDapper.Tenancy;

namespace TenantDapper.Scoping;

/// <summary>
/// The scoping step between the tree and the compiler (<see cref="QueryFactory"/> runs it for every statement):
/// scope a statement for a captured tenant state, or explain what scoping does.
/// </summary>
internal static class TenantScoping
{
    /// <summary>
    /// Scopes <paramref name="statement"/> for <paramref name="state"/>. Never changes the caller's tree;
    /// returns the same instance, without allocating, when the statement touches no tenant table.
    /// </summary>
    /// <exception cref="TenantNotSetException">The statement touches a tenant table and no tenant is set.</exception>
    /// <exception cref="TenantWriteRequiresSingleTenantException">A write touching tenant tables while several tenants are set.</exception>
    /// <exception cref="TenantMismatchException">A write supplies another tenant for the tenant column.</exception>
    /// <exception cref="UnscopableSqlException">A raw FROM/JOIN not marked scoped, a raw CTE body, an INSERT without columns.</exception>
    /// <exception cref="UnregisteredTableException">The model is strict and the statement touches an unregistered table.</exception>
    /// <exception cref="TenantKeyTypeException">The tenant is not of the model's key type.</exception>
    /// <param name="statement">The statement.</param>
    /// <param name="model">The tenant model.</param>
    /// <param name="state">The captured tenant state.</param>
    /// <param name="citusRowLevelSecurity">
    /// Whether the statement goes to a Citus coordinator with row-level security on: then an outer join with a shared
    /// relation on its preserved side and a tenant table on its nullable side is refused unless one tenant is set and the
    /// join is LEFT or RIGHT, because Citus 13.2 crashes on it (<see cref="TenantScopeRewriter"/>).
    /// </param>
    public static ScopedStatement Scope(SqlStatement statement, TenantModel model, TenantState? state, bool citusRowLevelSecurity = false) =>
        Scope(statement, model, state, explain: false, citusRowLevelSecurity);

    /// <summary>What scoping does to <paramref name="statement"/> for <paramref name="state"/>: the scoped SQL and a readable account.</summary>
    public static ScopingExplanation Explain(SqlStatement statement, TenantModel model, TenantState? state)
    {
        var scoped = Scope(statement, model, state, explain: true, citusRowLevelSecurity: false);
        var compiled = PostgresSqlWriter.Write(scoped.Release());
        return new ScopingExplanation(compiled.Sql, ScopingExplanation.Describe(scoped.Notes, scoped.BypassReason), scoped.Tenant);
    }

    // A SELECT whose WITH holds an INSERT, UPDATE or DELETE is a write (and needs exactly one tenant).
    private static bool HasWriteCte(SqlStatement statement)
    {
        foreach (var cte in statement.With)
        {
            if (cte.Write is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static ScopedStatement Scope(SqlStatement statement, TenantModel model, TenantState? state, bool explain, bool citusRowLevelSecurity)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(model);
        if (state is { IsBypass: true })
        {
            return new ScopedStatement(statement, null, null, state.BypassReason);
        }

        if (!TenantTableFinder.NeedsScoping(statement, model))
        {
            return new ScopedStatement(statement, null, null, null);
        }

        var rewriter = new TenantScopeRewriter(model, state, isWrite: statement is not SelectStatement || HasWriteCte(statement), explain, citusRowLevelSecurity, statement is SelectStatement { With.Count: 0, Body: SelectBlock });
        var scoped = rewriter.VisitStatement(statement);
        rewriter.CheckCitusLocalTable();
        return new ScopedStatement(scoped, rewriter.TenantValue, rewriter.Notes, null, rewriter.SuppliedTenants);
    }
}
