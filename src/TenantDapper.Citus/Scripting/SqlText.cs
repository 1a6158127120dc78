namespace TenantDapper.Citus.Scripting;

/// <summary>
/// The one place identifiers and literals of generated SQL are quoted. Identifiers are always
/// double-quoted, so a name never needs a keyword list to be safe.
/// </summary>
internal static class SqlText
{
    /// <summary>A quoted identifier: <c>"name"</c>, with embedded double quotes doubled.</summary>
    public static string Identifier(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        RejectNul(name);
        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A schema-qualified table: <c>"schema"."table"</c>.</summary>
    public static string Table(TableName table) =>
        table.Schema is null ? Identifier(table.Name) : Identifier(table.Schema) + "." + Identifier(table.Name);

    /// <summary>A list of quoted column names: <c>"a", "b"</c>.</summary>
    public static string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(Identifier));

    /// <summary>A string literal: <c>'text'</c>, with embedded single quotes doubled (standard_conforming_strings).</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        RejectNul(text);
        return "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A table as a <c>regclass</c> argument of a Citus function: <c>'"schema"."table"'</c>.</summary>
    public static string RegClass(TableName table) => Literal(Table(table));

    /// <summary>A dollar-quoted body: <c>$tag$body$tag$</c>; refuses a body that contains the tag.</summary>
    public static string DollarQuoted(string tag, string body)
    {
        var delimiter = "$" + tag + "$";
        if (body.Contains(delimiter, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A generated body contains its own delimiter {delimiter}; rename the table or column that contains it.", nameof(body));
        }

        return delimiter + "\n" + body + "\n" + delimiter;
    }

    private static void RejectNul(string text)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A name or literal in generated SQL cannot contain a NUL character.", nameof(text));
        }
    }
}
