namespace TenantDapper.Parsing;

/// <summary>PostgreSQL 15's keyword categories that decide where a word can be a name.</summary>
internal static class SqlKeywords
{
    // Fully reserved: never a column, table, function or bare alias name.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
        "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "table", "then",
        "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window", "with",
    };

    // Reserved except as a function or type name (left(...), right(...)).
    private static readonly HashSet<string> TypeOrFunctionOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full", "ilike",
        "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps", "right", "similar",
        "tablesample", "verbose",
    };

    // Names that may be columns but not functions or types without their special syntax.
    private static readonly HashSet<string> ColumnNameOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "between", "bigint", "bit", "boolean", "char", "character", "coalesce", "dec", "decimal", "exists", "extract",
        "float", "greatest", "grouping", "inout", "int", "integer", "interval", "least", "national", "nchar", "none",
        "normalize", "nullif", "numeric", "out", "overlay", "position", "precision", "real", "row", "setof", "smallint",
        "substring", "time", "timestamp", "treat", "trim", "values", "varchar", "xmlattributes", "xmlconcat",
        "xmlelement", "xmlexists", "xmlforest", "xmlnamespaces", "xmlparse", "xmlpi", "xmlroot", "xmlserialize", "xmltable",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ReservedLookup = Reserved.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> TypeOrFunctionOnlyLookup = TypeOrFunctionOnly.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether <paramref name="word"/> is fully reserved.</summary>
    public static bool IsReserved(ReadOnlySpan<char> word) => ReservedLookup.Contains(word);

    /// <summary>Whether <paramref name="word"/> is reserved except as a function or type name.</summary>
    public static bool IsTypeOrFunctionOnly(ReadOnlySpan<char> word) => TypeOrFunctionOnlyLookup.Contains(word);

    /// <summary>
    /// Whether <paramref name="name"/> is called like a function but is no function in pg_catalog (<c>coalesce</c>,
    /// <c>nullif</c>, <c>greatest</c>, <c>least</c>, <c>grouping</c>): it must be written bare, never quoted.
    /// </summary>
    public static bool IsCallableKeyword(string name) => name is "coalesce" or "nullif" or "greatest" or "least" or "grouping";

    /// <summary>Whether <paramref name="name"/> is a column-name keyword that may also be called with plain arguments (<c>substring(x, 1, 2)</c>).</summary>
    public static bool IsPlainCallKeyword(string name) => IsCallableKeyword(name) || name is "substring" or "overlay";

    /// <summary>Whether <paramref name="name"/> (a folded name) is a keyword of any reserved category, so that it must be quoted to be a plain name.</summary>
    public static bool NeedsQuotes(string name) =>
        Reserved.Contains(name) || TypeOrFunctionOnly.Contains(name) || ColumnNameOnly.Contains(name);
}
