using System.Data;
using System.Globalization;
using Dapper;
using TenantDapper.Building;
using TenantDapper.Tenancy;

namespace TenantDapper;

/// <content>
/// Running a query with its <see cref="Query.Include"/> relations: one more query per relation, scoped for the tenant captured
/// when the first one ran, and the related rows added to each dynamic row under the relation's name.
/// </content>
public partial class QueryFactory
{
    private IEnumerable<T> Get<T>(Query query, TenantState? state, IDbTransaction? transaction, int? timeout)
    {
        var rows = Connection.Query<T>(Command(query, state, transaction, timeout, default));
        if (!HasIncludes<T>(query))
        {
            return rows;
        }

        var parents = Rows(rows);
        foreach (var include in query.Includes)
        {
            if (RelatedQuery(include, parents) is { } related)
            {
                Attach(include, parents, Rows(Connection.Query<object>(Command(related, state, transaction, timeout, default))));
            }
        }

        return parents.Cast<T>();
    }

    private async Task<IEnumerable<T>> GetAsync<T>(Query query, TenantState? state, IDbTransaction? transaction, int? timeout, CancellationToken cancellationToken)
    {
        var rows = await Connection.QueryAsync<T>(Command(query, state, transaction, timeout, cancellationToken)).ConfigureAwait(false);
        if (!HasIncludes<T>(query))
        {
            return rows;
        }

        var parents = Rows(rows);
        foreach (var include in query.Includes)
        {
            if (RelatedQuery(include, parents) is { } related)
            {
                var children = await Connection.QueryAsync<object>(Command(related, state, transaction, timeout, cancellationToken)).ConfigureAwait(false);
                Attach(include, parents, Rows(children));
            }
        }

        return parents.Cast<T>();
    }

    // As in SqlKata, only dynamic rows get relations: a typed row has no place to put them.
    private static bool HasIncludes<T>(Query query) => query.Includes.Count > 0 && typeof(T) == typeof(object);

    private static List<IDictionary<string, object?>> Rows<T>(IEnumerable<T> rows) =>
        rows.Select(row => row as IDictionary<string, object?> ?? throw new InvalidQueryException("Include needs dynamic rows: run the query with Get() or Get<dynamic>().")).ToList();

    /// <summary>The query of the related rows (a copy of the include's query with the keys as <c>WHERE key = ANY(@keys)</c>), or <see langword="null"/> when no row has a key.</summary>
    private static Query? RelatedQuery(IncludeClause include, List<IDictionary<string, object?>> parents)
    {
        var ownKey = include.IsMany ? include.LocalKey : include.ForeignKey;
        var theirKey = include.IsMany ? include.ForeignKey : include.LocalKey;
        var keys = new List<object>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parent in parents)
        {
            if (Value(parent, ownKey) is { } key && seen.Add(KeyText(key)))
            {
                keys.Add(key);
            }
        }

        return keys.Count == 0 ? null : include.Query.Clone().WhereIn(theirKey, keys);
    }

    private static void Attach(IncludeClause include, List<IDictionary<string, object?>> parents, List<IDictionary<string, object?>> children)
    {
        if (include.IsMany)
        {
            var groups = children
                .Where(c => Value(c, include.ForeignKey) is not null)
                .GroupBy(c => KeyText(Value(c, include.ForeignKey)!))
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var parent in parents)
            {
                var key = Value(parent, include.LocalKey);
                parent[include.Name] = key is not null && groups.TryGetValue(KeyText(key), out var list) ? list : new List<IDictionary<string, object?>>();
            }

            return;
        }

        var byKey = new Dictionary<string, IDictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var child in children)
        {
            if (Value(child, include.LocalKey) is { } key)
            {
                byKey.TryAdd(KeyText(key), child);
            }
        }

        foreach (var parent in parents)
        {
            var key = Value(parent, include.ForeignKey);
            parent[include.Name] = key is not null && byKey.TryGetValue(KeyText(key), out var child) ? child : null;
        }
    }

    // Keys are matched by their text, as in SqlKata, so an int key finds a bigint one; column names ignore case (id = Id).
    private static string KeyText(object key) => Convert.ToString(key, CultureInfo.InvariantCulture) ?? string.Empty;

    private static object? Value(IDictionary<string, object?> row, string column)
    {
        var name = column[(column.LastIndexOf('.') + 1)..];
        if (row.TryGetValue(name, out var value))
        {
            return value;
        }

        foreach (var pair in row)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        throw new InvalidQueryException($"Include cannot find the key column '{column}' in the rows; select it, or name the right key (localKey / foreignKey).");
    }
}
