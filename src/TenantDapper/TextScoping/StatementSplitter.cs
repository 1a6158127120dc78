using TenantDapper.Parsing;

namespace TenantDapper.TextScoping;

/// <summary>
/// Splits a command's text into its statements at the <c>;</c> tokens the lexer finds (never inside a literal, a quoted
/// identifier or a comment), so each statement can be parsed and scoped on its own, as Npgsql sends them.
/// </summary>
internal static class StatementSplitter
{
    /// <summary>The statements of <paramref name="sql"/>, without their separators and without empty ones.</summary>
    /// <exception cref="UnscopableSqlException">The text does not lex, or holds no statement.</exception>
    public static List<string> Split(string sql)
    {
        var tokens = new List<SqlToken>();
        SqlLexer.Lex(sql, fragment: false, tokens);
        var statements = new List<string>();
        var start = 0;
        var tokensInStatement = 0;
        foreach (var token in tokens)
        {
            if (token.Kind is SqlTokenKind.Semicolon or SqlTokenKind.End)
            {
                if (tokensInStatement > 0)
                {
                    statements.Add(sql[start..token.Start]);
                }

                start = token.End;
                tokensInStatement = 0;
                continue;
            }

            tokensInStatement++;
        }

        if (statements.Count == 0)
        {
            throw new UnscopableSqlException("The command's text holds no statement. Give it the SQL to run.");
        }

        return statements;
    }
}
