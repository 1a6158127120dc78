namespace TenantDapper.Syntax;

/// <summary>The comparison and arithmetic operators a builder may use, as PostgreSQL spells them.</summary>
internal static class SqlOperators
{
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["="] = "=",
        ["<"] = "<",
        [">"] = ">",
        ["<="] = "<=",
        [">="] = ">=",
        ["<>"] = "<>",
        ["!="] = "!=",
        ["like"] = "LIKE",
        ["not like"] = "NOT LIKE",
        ["ilike"] = "ILIKE",
        ["not ilike"] = "NOT ILIKE",
        ["similar to"] = "SIMILAR TO",
        ["not similar to"] = "NOT SIMILAR TO",
        ["~"] = "~",
        ["~*"] = "~*",
        ["!~"] = "!~",
        ["!~*"] = "!~*",
        ["&"] = "&",
        ["|"] = "|",
        ["<<"] = "<<",
        [">>"] = ">>",
        ["@>"] = "@>",
        ["<@"] = "<@",
        ["&&"] = "&&",
        ["is distinct from"] = "IS DISTINCT FROM",
        ["is not distinct from"] = "IS NOT DISTINCT FROM",
    };

    /// <summary>Returns the operator as written in SQL, or <see langword="null"/> when it is not allowed.</summary>
    public static string? Normalize(string? @operator) =>
        @operator is not null && Allowed.TryGetValue(@operator.Trim(), out var sql) ? sql : null;

    /// <summary>The operators a caller may use, for error messages.</summary>
    public static IEnumerable<string> Names => Allowed.Keys;
}
