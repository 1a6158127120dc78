using TenantDapper.Building;

namespace TenantDapper;

/// <content>Related rows loaded after the query runs (SqlKata.Execution's <c>Include</c>).</content>
public sealed partial class Query
{
    /// <summary>
    /// After the query runs as dynamic rows (<c>Get()</c>), loads the row of <paramref name="query"/> whose <paramref name="localKey"/>
    /// equals each row's <paramref name="foreignKey"/> (default <c>relationName + "Id"</c>) with one more query, and adds it to the row as
    /// <paramref name="relationName"/> (<see langword="null"/> when there is none). With <paramref name="isMany"/>, loads the rows whose
    /// <paramref name="foreignKey"/> equals each row's <paramref name="localKey"/> as a list instead. The second query is scoped to the
    /// same tenant like every other; typed results (<c>Get&lt;T&gt;()</c>) ignore includes, as in SqlKata.
    /// </summary>
    public Query Include(string relationName, Query query, string? foreignKey = null, string localKey = "Id", bool isMany = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(relationName);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrWhiteSpace(localKey);
        if (isMany && foreignKey is null)
        {
            throw new InvalidQueryException($"IncludeMany(\"{relationName}\", ...) needs the foreign key of the related rows, e.g. IncludeMany(\"{relationName}\", query, foreignKey: \"project_id\"); TenantDapper does not guess it from the table name.");
        }

        var foreign = foreignKey ?? relationName + "Id";
        Names.Column(foreign);
        Names.Column(localKey);
        (_includes ??= []).Add(new IncludeClause(relationName, query.Clone(), foreign, localKey, isMany));
        return this;
    }

    /// <summary>Same as <see cref="Include"/> with <c>isMany: true</c>: adds the list of related rows whose <paramref name="foreignKey"/> equals each row's <paramref name="localKey"/>.</summary>
    public Query IncludeMany(string relationName, Query query, string? foreignKey = null, string localKey = "Id") =>
        Include(relationName, query, foreignKey, localKey, isMany: true);
}
