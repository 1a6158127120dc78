namespace TenantDapper;

/// <summary>
/// SqlKata's <c>Expressions</c> helpers, for <c>using static TenantDapper.Expressions;</c>: values that are not
/// plain parameters.
/// </summary>
public static class Expressions
{
    /// <summary>A value looked up by name when the query is compiled: see <see cref="Query.Define(string, object?)"/>.</summary>
    /// <param name="name">The name given to <see cref="Query.Define(string, object?)"/>.</param>
    public static Variable Variable(string name) => new(name);

    /// <summary>SQL text as an insert or update value: see <see cref="TenantDapper.UnsafeLiteral"/>.</summary>
    /// <param name="value">The SQL text of the value, e.g. <c>now()</c>.</param>
    /// <param name="replaceQuotes">As in SqlKata: doubles every single quote of <paramref name="value"/>.</param>
    public static UnsafeLiteral UnsafeLiteral(string? value, bool replaceQuotes = true) => new(value, replaceQuotes);
}
