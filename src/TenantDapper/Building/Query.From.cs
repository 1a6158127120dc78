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

    /// <summary>Reads from <paramref name="source"/>, a table parsed earlier (an entity's table, parsed once per map); it is immutable, so queries share it.</summary>
    internal Query From(TableFrom source)
    {
        Source = source;
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
        (_ctes ??= []).Add(new CteClause(Names.Alias(alias), query.Clone(), null));
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

    /// <summary>
    /// Adds a table of the given rows as <c>WITH alias AS (SELECT @p0 AS "c1", @p1 AS "c2" UNION ALL SELECT ...)</c>, as SqlKata
    /// writes it: every value is a parameter, each row has one value per column, and PostgreSQL unifies each column's type over the rows.
    /// </summary>
    public Query With(string alias, IEnumerable<string> columns, IEnumerable<IEnumerable<object?>> valuesCollection)
    {
        var name = Names.Alias(alias);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(valuesCollection);
        var names = columns.Select(Names.Alias).ToArray();
        var rows = valuesCollection.Select(row => (row ?? throw new ArgumentException("A row of values is null.", nameof(valuesCollection))).ToArray()).ToArray();
        if (names.Length == 0 || rows.Length == 0)
        {
            throw new InvalidQueryException("With(alias, columns, rows) needs at least one column and one row.");
        }

        var blocks = new SelectBlock[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            if (row.Length != names.Length)
            {
                throw new InvalidQueryException($"Row {r} of With(\"{name}\", ...) has {row.Length} value(s) for {names.Length} column(s); give one value per column.");
            }

            var items = new SelectItem[names.Length];
            for (var c = 0; c < items.Length; c++)
            {
                items[c] = new SelectItem(
                    row[c] switch
                    {
                        Query => throw new InvalidQueryException("A value of With(alias, columns, rows) is a query; use With(alias, query) for a CTE built from a query."),
                        Variable variable => throw new InvalidQueryException($"A value of With(alias, columns, rows) is Expressions.Variable(\"{variable.Name}\"); the rows take plain values. Pass the value itself."),
                        var value => VariableScope.Value(value),
                    },
                    names[c]);
            }

            blocks[r] = new SelectBlock(false, items, [], null, [], null, [], null, null);
        }

        (_ctes ??= []).Add(new CteClause(name, null, new SelectStatement([], UnionAll(blocks, 0, blocks.Length))));
        return this;
    }

    /// <summary>Adds <c>WITH alias AS (raw)</c>; the raw body, parsed as a query (scoped like any other), uses <c>?</c> bindings.</summary>
    public Query WithRaw(string alias, string sql, params object?[] bindings)
    {
        var body = RawFragment.Query(sql, bindings);
        (_ctes ??= []).Add(new CteClause(Names.Alias(alias), null, body));
        return this;
    }

    // UNION ALL is associative: a balanced tree keeps the nesting (and so the writer's and rewriter's recursion) logarithmic in the rows.
    private static QueryExpression UnionAll(SelectBlock[] blocks, int start, int count)
    {
        if (count == 1)
        {
            return blocks[start];
        }

        var half = count / 2;
        return new SetOperation(UnionAll(blocks, start, half), SetOperator.Union, all: true, new SelectStatement([], UnionAll(blocks, start + half, count - half)));
    }

    private static string SubqueryAlias(Query query, string? alias) =>
        alias is not null
            ? Names.Alias(alias)
            : query.Alias ?? throw new InvalidQueryException("A sub-query in FROM or JOIN needs an alias: pass one, or call As(\"alias\") on the sub-query.");
}
