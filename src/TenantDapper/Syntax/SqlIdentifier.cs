namespace TenantDapper.Syntax;

/// <summary>The one place identifiers are checked and quoted.</summary>
internal static class SqlIdentifier
{
    /// <summary>
    /// Throws <see cref="InvalidIdentifierException"/> unless <paramref name="name"/> is a name that can be
    /// quoted safely: not empty, no double quote, no NUL, no <c>;</c> and no comment marker (<c>--</c>, <c>/*</c>, <c>*/</c>).
    /// </summary>
    public static string Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidIdentifierException(name ?? "(null)", "an identifier cannot be empty");
        }

        if (name.Length > 63)
        {
            throw new InvalidIdentifierException(name, "PostgreSQL identifiers are at most 63 bytes long");
        }

        foreach (var c in name)
        {
            if (c is '"' or ';' or '\0' or '\'' or '\\' || char.IsControl(c))
            {
                throw new InvalidIdentifierException(name, $"it contains the character '{(char.IsControl(c) ? ' ' : c)}' (U+{(int)c:X4})");
            }
        }

        if (name.Contains("--", StringComparison.Ordinal) || name.Contains("/*", StringComparison.Ordinal) || name.Contains("*/", StringComparison.Ordinal))
        {
            throw new InvalidIdentifierException(name, "it contains a comment marker");
        }

        return name;
    }

    /// <summary>
    /// Writes <paramref name="name"/> as a quoted identifier. A name from parsed SQL may hold any character: then it is
    /// written as <c>U&amp;"..."</c> with <c>"</c>, <c>\</c>, control characters and the characters a layer below
    /// rewrites in command text (Dapper's <c>@name</c> / <c>:name</c> / <c>?name</c> list expansion and <c>{=name}</c>)
    /// as Unicode escapes, so they never appear as themselves.
    /// </summary>
    public static void Write(System.Text.StringBuilder sql, string name)
    {
        var plain = true;
        for (var i = 0; i < name.Length; i++)
        {
            if (NeedsEscape(name, i))
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            sql.Append('"').Append(name).Append('"');
            return;
        }

        sql.Append("U&\"");
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (NeedsEscape(name, i))
            {
                sql.Append('\\').Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sql.Append(c);
            }
        }

        sql.Append('"');
    }

    /// <summary>
    /// Whether the character at <paramref name="index"/> starts text a layer below rewrites wherever it appears in
    /// command text, literals and quoted names included: Dapper's list-parameter expansion (<c>@name</c>,
    /// <c>:name</c>, <c>?name</c>) and literal tokens (<c>{=name}</c>); control characters count too.
    /// </summary>
    public static bool IsRewritable(string text, int index)
    {
        var c = text[index];
        if (char.IsControl(c))
        {
            return true;
        }

        var next = index + 1 < text.Length ? text[index + 1] : '\0';
        return c switch
        {
            '@' or ':' or '?' => char.IsLetterOrDigit(next) || next == '_',
            '{' => next == '=',
            _ => false,
        };
    }

    private static bool NeedsEscape(string name, int index) => name[index] is '"' or '\\' || IsRewritable(name, index);

    /// <summary>Writes a dotted qualifier (<c>alias</c> or <c>schema.table</c>), each part quoted.</summary>
    public static void WriteQualified(System.Text.StringBuilder sql, string qualified)
    {
        var start = 0;
        while (true)
        {
            var dot = qualified.IndexOf('.', start);
            Write(sql, qualified.Substring(start, (dot < 0 ? qualified.Length : dot) - start));
            if (dot < 0)
            {
                return;
            }

            sql.Append('.');
            start = dot + 1;
        }
    }
}
