namespace TenantDapper.Syntax;

/// <summary>
/// PostgreSQL's built-in aggregates, the one list of them: the tenant rewriter asks it what is an aggregate (whose
/// arguments see the rows of a group), the builder's <c>SelectAggregate</c> which aggregates it writes.
/// </summary>
internal static class BuiltInAggregates
{
    /// <summary>The aggregates of one column that <c>SelectAggregate</c> writes, in the order its refusal lists them.</summary>
    public static IReadOnlyList<string> OfOneColumn { get; } =
    [
        "count", "sum", "avg", "min", "max", "array_agg", "bool_and", "bool_or", "every", "bit_and", "bit_or", "bit_xor",
        "json_agg", "jsonb_agg", "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp",
    ];

    // With OfOneColumn, the aggregates of PostgreSQL 15's pg_catalog (SELECT DISTINCT proname FROM pg_proc WHERE prokind = 'a'),
    // and 16's additions. An aggregate this list misses leaves the row's tenant in place, which PostgreSQL refuses (42803):
    // an error, never a leak.
    private static readonly HashSet<string> Names = new(
        [
            .. OfOneColumn,
            "any_value", "corr", "covar_pop", "covar_samp", "cume_dist", "dense_rank", "json_agg_strict", "json_object_agg",
            "json_object_agg_strict", "json_object_agg_unique", "json_object_agg_unique_strict", "jsonb_agg_strict",
            "jsonb_object_agg", "jsonb_object_agg_strict", "jsonb_object_agg_unique", "jsonb_object_agg_unique_strict", "mode",
            "percent_rank", "percentile_cont", "percentile_disc", "range_agg", "range_intersect_agg", "rank", "regr_avgx",
            "regr_avgy", "regr_count", "regr_intercept", "regr_r2", "regr_slope", "regr_sxx", "regr_sxy", "regr_syy",
            "string_agg", "xmlagg",
        ],
        StringComparer.OrdinalIgnoreCase);

    private static readonly HashSet<string> OneColumn = new(OfOneColumn, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a call of <paramref name="schema"/>.<paramref name="name"/> is a built-in aggregate (no schema, or pg_catalog).</summary>
    public static bool Contains(string? schema, string name) =>
        (schema is null || string.Equals(schema, "pg_catalog", StringComparison.Ordinal)) && Names.Contains(name);

    /// <summary>Finds <paramref name="name"/> (in any case) among <see cref="OfOneColumn"/>, as the list spells it.</summary>
    public static bool TryGetOfOneColumn(string name, out string aggregate)
    {
        var found = OneColumn.TryGetValue(name, out var spelt);
        aggregate = spelt ?? name;
        return found;
    }
}
