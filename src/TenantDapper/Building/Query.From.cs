using TenantDapper.Building;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <content>FROM and CTEs.</content>
public sealed partial class Query
{
    /// <summary>Reads from <paramref name="table"/> (<c>"table"</c>, <c>"schema.table"</c> or <c>"table as alias"</c>), replacing any earlier FROM.</summary>
    public Query From(string table)
    {
        Source = new TableFrom(Names.Table(table));
        return this;
    }

    /// <summary>Reads from a copy of <paramref name="query"/> as a derived table named <paramref name="alias"/> (or the query's own <see cref="As"/> name).</summary>
    public Query From(Query query, string? alias = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        Source = new QueryFrom(query.Clone(), SubqueryAlias(query, alias));
        return this;
    }

    /// <summary>Reads from the sub-query built by <paramref name="callback"/>, named <paramref name="alias"/>.</summary>
    public Query From(Func<Query, Query> callback, string? alias = null) => From(Built(callback), alias);

    /// <summary>
    /// Reads from a raw FROM list (<c>?</c> bindings, <c>[x]</c> identifiers), parsed into tables, joins, sub-queries and
    /// function calls, so the tenant rewriter scopes it like any other source. Joins added afterwards attach to its last item.
    /// </summary>
    public Query FromRaw(string sql, params object?[] bindings)
    {
        Source = new ParsedFrom(RawFragment.TableSources(sql, bindings));
        return this;
    }

    /// <summary>
    /// Reads from a raw fragment kept as text, declaring that it already carries its tenant predicates, so the rewriter
    /// lets it through unchanged: the explicit opt-out from scoping, for SQL the parser does not understand.
    /// </summary>
    public Query FromRawScoped(string sql, params object?[] bindings)
    {
        Source = new RawFrom(new RawTableSource(RawFragment.Opaque(sql, bindings), markedScoped: true));
        return this;
    }

    /// <summary>Adds <c>WITH alias AS (query)</c> with a copy of <paramref name="query"/>.</summary>
    public Query With(string alias, Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        Ctes.Add(new CteClause(Names.Alias(alias), query.Clone(), null));
        return this;
    }

    /// <summary>Adds <c>WITH name AS (query)</c> named by the query's <see cref="As"/> name.</summary>
    public Query With(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return With(query.Alias ?? throw new InvalidQueryException("A CTE needs a name: call With(\"name\", query) or give the query one with As(\"name\")."), query);
    }

    /// <summary>Adds <c>WITH alias AS (query)</c> with the query built by <paramref name="callback"/>.</summary>
    public Query With(string alias, Func<Query, Query> callback) => With(alias, Built(callback));

    /// <summary>Adds <c>WITH alias AS (raw)</c>; the raw body, parsed as a query (scoped like any other), uses <c>?</c> bindings.</summary>
    public Query WithRaw(string alias, string sql, params object?[] bindings)
    {
        var body = RawFragment.Query(sql, bindings);
        Ctes.Add(new CteClause(Names.Alias(alias), null, body));
        return this;
    }

    private static string SubqueryAlias(Query query, string? alias) =>
        alias is not null
            ? Names.Alias(alias)
            : query.Alias ?? throw new InvalidQueryException("A sub-query in FROM or JOIN needs an alias: pass one, or call As(\"alias\") on the sub-query.");
}
