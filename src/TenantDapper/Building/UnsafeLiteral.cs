namespace TenantDapper;

/// <summary>
/// SQL text written as a value of an insert or update instead of a parameter, as SqlKata's <c>UnsafeLiteral</c>:
/// <c>AsUpdate(new { updated_at = new UnsafeLiteral("now()") })</c>. When the insert or update is built, TenantDapper
/// parses the text as one expression (or <c>DEFAULT</c>), so a sub-query on a tenant table inside it is scoped like any
/// other, a value for the tenant column is checked like any other, and text the parser cannot read is refused with
/// <see cref="UnscopableSqlException"/> before anything is sent. The text takes no <c>?</c> bindings (write <c>\?</c>
/// for a literal question mark); <c>[x]</c> and <c>{x}</c> quote identifiers, as in every raw fragment.
/// </summary>
public sealed class UnsafeLiteral
{
    /// <summary>Creates a literal of <paramref name="value"/> (<see langword="null"/> is the empty text).</summary>
    /// <param name="value">The SQL text of the value, e.g. <c>now()</c> or <c>(SELECT max(id) + 1 FROM tasks)</c>.</param>
    /// <param name="replaceQuotes">As in SqlKata: doubles every single quote of <paramref name="value"/>. Pass <see langword="false"/> for text that holds string constants.</param>
    public UnsafeLiteral(string? value, bool replaceQuotes = true)
    {
        value ??= string.Empty;
        Value = replaceQuotes ? value.Replace("'", "''", StringComparison.Ordinal) : value;
    }

    /// <summary>The SQL text, after <c>replaceQuotes</c>.</summary>
    public string Value { get; }

    /// <summary>The SQL text.</summary>
    public override string ToString() => Value;
}
