using System.Collections.Frozen;

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

    // Keywords of a reserved category in a later PostgreSQL (16: system_user, json_array...; 17: json, json_table...).
    // A name the writer leaves bare must mean the same on every server it may meet, so these are quoted too.
    private static readonly string[] ReservedLater =
    [
        "json", "json_array", "json_arrayagg", "json_exists", "json_object", "json_objectagg", "json_query", "json_scalar",
        "json_serialize", "json_table", "json_value", "merge_action", "system_user",
    ];

    // Every word that cannot stand bare for a name somewhere a name goes: quoted wherever it is written.
    private static readonly FrozenSet<string> QuotedWords =
        Reserved.Concat(TypeOrFunctionOnly).Concat(ColumnNameOnly).Concat(ReservedLater).ToFrozenSet(StringComparer.Ordinal);

    // The spelling of each SqlKeyword, in the enum's order after None.
    private static readonly string[] Texts =
    [
        "all",
        "analyse",
        "analyze",
        "and",
        "any",
        "array",
        "as",
        "asc",
        "asymmetric",
        "at",
        "authorization",
        "between",
        "bigint",
        "binary",
        "bit",
        "boolean",
        "both",
        "by",
        "case",
        "cast",
        "char",
        "character",
        "check",
        "coalesce",
        "collate",
        "collation",
        "column",
        "concurrently",
        "conflict",
        "constraint",
        "create",
        "cross",
        "cube",
        "current",
        "current_catalog",
        "current_date",
        "current_role",
        "current_schema",
        "current_time",
        "current_timestamp",
        "current_user",
        "cycle",
        "day",
        "dec",
        "decimal",
        "default",
        "deferrable",
        "delete",
        "desc",
        "distinct",
        "do",
        "double",
        "else",
        "end",
        "escape",
        "except",
        "exclude",
        "exists",
        "extract",
        "false",
        "fetch",
        "filter",
        "first",
        "float",
        "following",
        "for",
        "foreign",
        "freeze",
        "from",
        "full",
        "grant",
        "greatest",
        "group",
        "grouping",
        "groups",
        "having",
        "hour",
        "ilike",
        "in",
        "initially",
        "inner",
        "inout",
        "insert",
        "int",
        "integer",
        "intersect",
        "interval",
        "into",
        "is",
        "isnull",
        "join",
        "key",
        "last",
        "lateral",
        "leading",
        "least",
        "left",
        "like",
        "limit",
        "localtime",
        "localtimestamp",
        "locked",
        "materialized",
        "minute",
        "month",
        "national",
        "natural",
        "nchar",
        "next",
        "no",
        "none",
        "normalize",
        "not",
        "nothing",
        "notnull",
        "nowait",
        "null",
        "nullif",
        "nulls",
        "numeric",
        "of",
        "offset",
        "on",
        "only",
        "operator",
        "or",
        "order",
        "ordinality",
        "others",
        "out",
        "outer",
        "over",
        "overlaps",
        "overlay",
        "overriding",
        "partition",
        "placing",
        "position",
        "preceding",
        "precision",
        "primary",
        "range",
        "real",
        "recursive",
        "references",
        "returning",
        "right",
        "rollup",
        "row",
        "rows",
        "search",
        "second",
        "select",
        "session_user",
        "set",
        "setof",
        "sets",
        "share",
        "similar",
        "skip",
        "smallint",
        "some",
        "substring",
        "symmetric",
        "table",
        "tablesample",
        "then",
        "ties",
        "time",
        "timestamp",
        "to",
        "trailing",
        "treat",
        "trim",
        "true",
        "unbounded",
        "union",
        "unique",
        "unknown",
        "update",
        "user",
        "using",
        "values",
        "varchar",
        "variadic",
        "varying",
        "verbose",
        "when",
        "where",
        "window",
        "with",
        "within",
        "without",
        "xmlattributes",
        "xmlconcat",
        "xmlelement",
        "xmlexists",
        "xmlforest",
        "xmlnamespaces",
        "xmlparse",
        "xmlpi",
        "xmlroot",
        "xmlserialize",
        "xmltable",
        "year",
        "zone",
    ];

    private static readonly FrozenDictionary<string, SqlKeyword>.AlternateLookup<ReadOnlySpan<char>> ByText =
        Texts.Select((text, i) => (text, keyword: (SqlKeyword)(i + 1)))
            .ToFrozenDictionary(k => k.text, k => k.keyword, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly bool[] ReservedKeywords = Flags(Reserved);

    private static readonly bool[] TypeOrFunctionOnlyKeywords = Flags(TypeOrFunctionOnly);

    /// <summary>The keyword <paramref name="word"/> is (any case), or <see cref="SqlKeyword.None"/>.</summary>
    public static SqlKeyword Lookup(ReadOnlySpan<char> word) =>
        word.Length <= 17 && ByText.TryGetValue(word, out var keyword) ? keyword : SqlKeyword.None;

    /// <summary>The keyword's spelling in upper case, for messages.</summary>
    public static string Display(SqlKeyword keyword) => Texts[(int)keyword - 1].ToUpperInvariant();

    /// <summary>Whether <paramref name="keyword"/> is fully reserved.</summary>
    public static bool IsReserved(SqlKeyword keyword) => ReservedKeywords[(int)keyword];

    /// <summary>Whether <paramref name="keyword"/> is reserved except as a function or type name.</summary>
    public static bool IsTypeOrFunctionOnly(SqlKeyword keyword) => TypeOrFunctionOnlyKeywords[(int)keyword];

    /// <summary>
    /// Whether <paramref name="name"/> is called like a function but is no function in pg_catalog (<c>coalesce</c>,
    /// <c>nullif</c>, <c>greatest</c>, <c>least</c>, <c>grouping</c>): it must be written bare, never quoted.
    /// </summary>
    public static bool IsCallableKeyword(string name) => name is "coalesce" or "nullif" or "greatest" or "least" or "grouping";

    /// <summary>Whether <paramref name="name"/> is a column-name keyword that may also be called with plain arguments (<c>substring(x, 1, 2)</c>).</summary>
    public static bool IsPlainCallKeyword(string name) => IsCallableKeyword(name) || name is "substring" or "overlay";

    private static bool[] Flags(HashSet<string> words)
    {
        var flags = new bool[Texts.Length + 1];
        for (var i = 0; i < Texts.Length; i++)
        {
            flags[i + 1] = words.Contains(Texts[i]);
        }

        return flags;
    }

    /// <summary>
    /// Whether <paramref name="name"/>, written without quotes, is read by PostgreSQL as that name wherever a table,
    /// column, alias, function or type name goes: lower-case ASCII letters, digits and <c>_</c>, not starting with a digit
    /// (an unquoted name folds to lower case, so any other needs quotes; <c>$</c>, legal after the first character, is
    /// quoted too, so no dollar quote can start in it), and no keyword of a reserved category (fully reserved, reserved
    /// except as a function or type, or no function or type), of PostgreSQL 15 or a later version.
    /// </summary>
    public static bool CanBeBare(string name)
    {
        if (name.Length == 0 || name[0] is not ((>= 'a' and <= 'z') or '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return !QuotedWords.Contains(name);
    }

    /// <summary>Whether <paramref name="name"/> (a folded name) is a keyword of any reserved category, so that it must be quoted to be a plain name.</summary>
    public static bool NeedsQuotes(string name) =>
        Reserved.Contains(name) || TypeOrFunctionOnly.Contains(name) || ColumnNameOnly.Contains(name);
}
