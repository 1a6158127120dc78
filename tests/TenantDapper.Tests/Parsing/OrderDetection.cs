namespace TenantDapper.Tests.Parsing;

/// <summary>
/// Whether a statement's own ORDER BY defines the order of its rows: an ORDER BY outside every parenthesis, string,
/// quoted identifier, dollar quote and comment. Enough for the corpus, whose statements are valid PostgreSQL.
/// </summary>
internal static class OrderDetection
{
    public static bool HasTopLevelOrderBy(string sql)
    {
        var depth = 0;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            switch (c)
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case '\'' or '"':
                    i = SkipQuoted(sql, i, c);
                    break;
                case '-' when At(sql, i, "--"):
                    i = IndexOrEnd(sql, "\n", i);
                    break;
                case '/' when At(sql, i, "/*"):
                    i = SkipBlockComment(sql, i);
                    break;
                case '$' when DollarTag(sql, i) is { } tag:
                    i = IndexOrEnd(sql, tag, i + tag.Length) + tag.Length - 1;
                    break;
                case 'o' or 'O' when depth == 0 && IsOrderBy(sql, i):
                    return true;
            }
        }

        return false;
    }

    private static bool At(string sql, int i, string text) => string.CompareOrdinal(sql, i, text, 0, text.Length) == 0;

    private static int IndexOrEnd(string sql, string text, int from)
    {
        var index = sql.IndexOf(text, from, StringComparison.Ordinal);
        return index < 0 ? sql.Length : index;
    }

    private static int SkipQuoted(string sql, int start, char quote)
    {
        var i = start + 1;
        while (i < sql.Length)
        {
            if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i;
            }

            // E'...' strings escape quotes with a backslash; in standard strings a backslash is an ordinary character.
            if (sql[i] == '\\' && quote == '\'' && start > 0 && sql[start - 1] is 'E' or 'e')
            {
                i++;
            }

            i++;
        }

        return i;
    }

    private static int SkipBlockComment(string sql, int start)
    {
        var depth = 0;
        for (var i = start; i < sql.Length - 1; i++)
        {
            if (At(sql, i, "/*"))
            {
                depth++;
                i++;
            }
            else if (At(sql, i, "*/"))
            {
                depth--;
                i++;
                if (depth == 0)
                {
                    return i;
                }
            }
        }

        return sql.Length;
    }

    private static string? DollarTag(string sql, int start)
    {
        if (start > 0 && (char.IsLetterOrDigit(sql[start - 1]) || sql[start - 1] == '_'))
        {
            return null;
        }

        var end = start + 1;
        while (end < sql.Length && (char.IsLetter(sql[end]) || sql[end] == '_' || (end > start + 1 && char.IsDigit(sql[end]))))
        {
            end++;
        }

        return end < sql.Length && sql[end] == '$' ? sql[start..(end + 1)] : null;
    }

    private static bool IsOrderBy(string sql, int i)
    {
        if (i > 0 && (char.IsLetterOrDigit(sql[i - 1]) || sql[i - 1] is '_' or '"'))
        {
            return false;
        }

        if (!sql.AsSpan(i).StartsWith("order", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = sql.AsSpan(i + 5).TrimStart();
        return rest.Length < sql.Length - i - 5 && rest.StartsWith("by", StringComparison.OrdinalIgnoreCase) && (rest.Length == 2 || !char.IsLetterOrDigit(rest[2]));
    }
}
