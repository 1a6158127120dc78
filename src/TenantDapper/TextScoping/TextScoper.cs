using TenantDapper.Compiling;
using TenantDapper.Diagnostics;
using TenantDapper.Parsing;
using TenantDapper.Scoping;
using TenantDapper.Tenancy;

namespace TenantDapper.TextScoping;

/// <summary>
/// Scopes SQL text: parse it into the tree, scope the tree for the tenant state (<see cref="TenantScoping"/>), write it
/// back, behind <see cref="ScopedTextCache"/>, so a text seen before costs one lookup. The tenant stays a parameter.
/// </summary>
internal static class TextScoper
{
    /// <summary>
    /// The text to send instead of <paramref name="sql"/> for <paramref name="state"/>, which must not be a bypass.
    /// </summary>
    /// <param name="sql">The caller's text: one statement of plain PostgreSQL with <c>@name</c> or <c>$n</c> parameters.</param>
    /// <param name="model">The tenant model.</param>
    /// <param name="state">The tenant state captured for this execution.</param>
    /// <param name="tenantPosition">The position of the tenant parameter for a command with positional parameters (<c>$n</c>); 0 for <c>@tenant</c>.</param>
    /// <param name="citusRowLevelSecurity">Whether the text goes to a Citus coordinator with row-level security on, where the outer joins that crash it are refused.</param>
    /// <exception cref="TenantNotSetException">The statement touches a tenant table and no tenant is set.</exception>
    /// <exception cref="TenantMismatchException">A write supplies another tenant, or sets the tenant column.</exception>
    /// <exception cref="TenantWriteRequiresSingleTenantException">A write touching tenant tables while several tenants are set.</exception>
    /// <exception cref="UnscopableSqlException">The parser or the rewriter refuses the text.</exception>
    /// <exception cref="UnregisteredTableException">The model is strict and the statement touches an unregistered table.</exception>
    /// <exception cref="TenantKeyTypeException">The tenant is not of the model's key type.</exception>
    public static PreparedSql Scope(string sql, TenantModel model, TenantState? state, int tenantPosition, bool citusRowLevelSecurity = false)
    {
        var mode = TenantModes.Of(model, state);
        if (ScopedTextCache.Find(sql, model, mode, tenantPosition, citusRowLevelSecurity) is { } entry)
        {
            Telemetry.CacheHit();
            return entry.Scoped ?? throw entry.Refusal!();
        }

        Telemetry.CacheMiss();

        PreparedSql scoped;
        try
        {
            // Npgsql sends a text of several statements as a batch: each is parsed and scoped on its own.
            var statements = sql.Contains(';', StringComparison.Ordinal) ? StatementSplitter.Split(sql) : null;
            scoped = statements is null or { Count: 1 }
                ? ScopeStatement(statements?[0] ?? sql, model, state, tenantPosition, citusRowLevelSecurity)
                : ScopeStatements(statements, model, state, tenantPosition, citusRowLevelSecurity);
        }
        catch (TenantDapperException e) when (Repeatable(e) is { } refusal)
        {
            ScopedTextCache.Add(sql, model, mode, tenantPosition, refusal, citusRowLevelSecurity);
            throw;
        }

        ScopedTextCache.Add(sql, model, mode, tenantPosition, scoped, citusRowLevelSecurity);
        return scoped;
    }

    private static PreparedSql ScopeStatement(string sql, TenantModel model, TenantState? state, int tenantPosition, bool citusRowLevelSecurity)
    {
        var written = Write(sql, model, state, tenantPosition, citusRowLevelSecurity, out var supplied);
        return new PreparedSql(written.Sql, written.UsesTenant, bindsTenant: written.UsesTenant, supplied);
    }

    private static PreparedSql ScopeStatements(List<string> statements, TenantModel model, TenantState? state, int tenantPosition, bool citusRowLevelSecurity)
    {
        var texts = new string[statements.Count];
        var usesTenant = false;
        var supplied = new List<SuppliedTenant>();
        for (var i = 0; i < texts.Length; i++)
        {
            var written = Write(statements[i], model, state, tenantPosition, citusRowLevelSecurity, out var suppliedHere);
            texts[i] = written.Sql;
            usesTenant |= written.UsesTenant;
            supplied.AddRange(suppliedHere);
        }

        return new PreparedSql(string.Join("; ", texts), usesTenant, bindsTenant: usesTenant, supplied);
    }

    /// <summary>
    /// Parses, scopes and writes one statement. The tenant values it supplies are not checked here (the text is cached
    /// for every tenant): they go with the text, and <see cref="PreparedSql.Release"/> checks them at each execution.
    /// </summary>
    private static (string Sql, object?[] Values, bool UsesTenant) Write(string sql, TenantModel model, TenantState? state, int tenantPosition, bool citusRowLevelSecurity, out IReadOnlyList<SuppliedTenant> supplied)
    {
        var scoped = TenantScoping.Scope(SqlParser.ParseStatement(sql), model, state, citusRowLevelSecurity);
        var written = PostgresSqlWriter.Write(scoped.DeferCheck(out supplied), tenantPosition, bareNames: true);
        if (written.Values.Length > 0)
        {
            // Text carries its values in the caller's parameters; a value of the tree's own would need a name of ours.
            throw new UnscopableSqlException("The statement's text became a tree holding values of its own, which the scoping data source cannot bind. Report the statement; run it inside CurrentTenant.Bypass(\"reason\") meanwhile if it is admin work.");
        }

        return written;
    }

    /// <summary>
    /// A way to raise <paramref name="refusal"/> again for the same text, model and mode, when it depends on nothing
    /// else (not on the tenant's value or type, nor on how many tenants are set); a new instance each time.
    /// </summary>
    private static Func<Exception>? Repeatable(TenantDapperException refusal) => refusal switch
    {
        UnscopableSqlException e => () => new UnscopableSqlException(e.Message),
        TenantNotSetException e => () => new TenantNotSetException(e.Table),
        UnregisteredTableException e => () => new UnregisteredTableException(e.Table),
        _ => null,
    };
}
