namespace TenantDapper.Syntax;

/// <summary>The one place identifiers are checked and quoted.</summary>
internal static class SqlIdentifier
{
    /// <summary>PostgreSQL keeps the first 63 bytes of an identifier (UTF-8) and silently drops the rest.</summary>
    public const int MaxBytes = 63;

    /// <summary>
    /// Throws <see cref="InvalidIdentifierException"/> unless <paramref name="name"/> is a name that can be
    /// quoted safely and that PostgreSQL resolves as written: not empty; at most 63 bytes in UTF-8 (longer
    /// names are truncated by the server, silently, onto another name); no double quote, quote, backslash,
    /// <c>;</c>, control character, lone surrogate or comment marker (<c>--</c>, <c>/*</c>, <c>*/</c>); and none
    /// of <c>@ ? : { }</c>, which Dapper rewrites anywhere in a command's text (<c>{=name}</c> literals,
    /// <c>?name?</c> positional and <c>@name</c> list parameters), quoted identifiers included.
    /// </summary>
    public static string Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidIdentifierException(name ?? "(null)", "an identifier cannot be empty");
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '"' or ';' or '\0' or '\'' or '\\' || char.IsControl(c))
            {
                throw new InvalidIdentifierException(name, $"it contains the character '{(char.IsControl(c) ? ' ' : c)}' (U+{(int)c:X4})");
            }

            if (c is '@' or '?' or ':' or '{' or '}')
            {
                throw new InvalidIdentifierException(name, $"it contains '{c}', which Dapper treats as part of a parameter or literal token even inside a quoted identifier");
            }

            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                throw new InvalidIdentifierException(name, $"it contains a lone surrogate (U+{(int)c:X4}), which is not text");
            }
        }

        var bytes = System.Text.Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxBytes)
        {
            throw new InvalidIdentifierException(name, $"it is {bytes} bytes long in UTF-8, and PostgreSQL silently truncates identifiers to {MaxBytes} bytes, which could name another table or column");
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
