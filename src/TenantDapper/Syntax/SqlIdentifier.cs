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

    /// <summary>Writes <paramref name="name"/> as a quoted identifier (it was validated when the tree was built).</summary>
    public static void Write(System.Text.StringBuilder sql, string name) => sql.Append('"').Append(name).Append('"');

    /// <summary>Writes a dotted qualifier (<c>alias</c> or <c>schema.table</c>), each part quoted.</summary>
    public static void WriteQualified(System.Text.StringBuilder sql, string qualified)
    {
        var start = 0;
        while (true)
        {
            var dot = qualified.IndexOf('.', start);
            sql.Append('"').Append(qualified, start, (dot < 0 ? qualified.Length : dot) - start).Append('"');
            if (dot < 0)
            {
                return;
            }

            sql.Append('.');
            start = dot + 1;
        }
    }
}
