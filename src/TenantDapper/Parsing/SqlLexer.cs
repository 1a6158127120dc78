namespace TenantDapper.Parsing;

/// <summary>
/// PostgreSQL 15's lexical rules over a string, without allocating per token: identifiers (folded to lower
/// case unless quoted, <c>U&amp;"..."</c> with UESCAPE), string constants (<c>'...'</c>, <c>E'...'</c>,
/// <c>U&amp;'...'</c>, <c>B'...'</c>, <c>X'...'</c>, dollar quotes, continuation across newlines), numbers
/// (trailing junk such as <c>0x1F</c> or <c>1_000</c> is an error, as in PostgreSQL 15), operators
/// (longest run, cut before <c>--</c> and <c>/*</c>, the trailing <c>+</c>/<c>-</c> rule), <c>$1</c> and
/// Dapper's <c>@name</c> parameters, and comments. In builder-fragment mode <c>?</c> is a binding
/// placeholder (<c>\?</c> a literal question mark), <c>[x]</c> / <c>{x}</c> quote identifiers and <c>\[</c> / <c>\]</c> are brackets.
/// </summary>
internal ref struct SqlLexer
{
    private readonly string _text;
    private readonly bool _fragment;
    private int _position;

    public SqlLexer(string text, bool fragment)
    {
        _text = text;
        _fragment = fragment;
        _position = 0;
    }

    /// <summary>Lexes the whole text into <paramref name="tokens"/> (which ends with an <see cref="SqlTokenKind.End"/> token).</summary>
    public static void Lex(string text, bool fragment, List<SqlToken> tokens)
    {
        var lexer = new SqlLexer(text, fragment);
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == SqlTokenKind.End)
            {
                return;
            }
        }
    }

    public static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_' || c >= '\u0080';

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c is (>= '0' and <= '9') or '$';

    public static bool IsOperatorChar(char c) => c is '~' or '!' or '@' or '#' or '^' or '&' or '|' or '`' or '?' or '+' or '-' or '*' or '/' or '%' or '<' or '>' or '=';

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsHexDigit(char c) => IsDigit(c) || c is (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

    public SqlToken Next()
    {
        SkipSpaceAndComments();
        var text = _text;
        var start = _position;
        if (start >= text.Length)
        {
            return new SqlToken(SqlTokenKind.End, start, start, start, start, '\0');
        }

        var c = text[start];
        var next = start + 1 < text.Length ? text[start + 1] : '\0';
        switch (c)
        {
            case '\'':
                return LexString(start, start + 1, SqlTokenKind.String, '\0');
            case '"':
                return LexQuotedIdentifier(start, start + 1, '\0');
            case '$' when IsDigit(next):
                return LexPositional(start);
            case '$':
                return LexDollarString(start);
            case '(':
                return Single(SqlTokenKind.LeftParen);
            case ')':
                return Single(SqlTokenKind.RightParen);
            case ',':
                return Single(SqlTokenKind.Comma);
            case ';':
                return Single(SqlTokenKind.Semicolon);
            case '[' or '{' when _fragment:
                return LexBracketIdentifier(start, c == '[' ? ']' : '}');
            case '[':
                return Single(SqlTokenKind.LeftBracket);
            case ']':
                return Single(SqlTokenKind.RightBracket);
            case ':' when next == ':':
                _position += 2;
                return new SqlToken(SqlTokenKind.Cast, start, start + 2, start, start + 2, '\0');
            case ':' when next == '=':
                _position += 2;
                return new SqlToken(SqlTokenKind.ColonEquals, start, start + 2, start, start + 2, '\0');
            case ':':
                return Single(SqlTokenKind.Colon);
            case '.' when IsDigit(next):
                return LexNumber(start);
            case '.':
                return Single(SqlTokenKind.Dot);
            case '@' when IsIdentifierStart(next):
                return LexNamedParameter(start);
            case '?' when _fragment:
                return Single(SqlTokenKind.Placeholder);
            case '\\' when _fragment && next == '?':
                return LexOperator(start);
            case '\\' when _fragment && next is '[' or ']':
                // SqlKata's escape for a bracket that is not a name, e.g. '{}'::int\[\].
                _position += 2;
                return new SqlToken(next == '[' ? SqlTokenKind.LeftBracket : SqlTokenKind.RightBracket, start, start + 2, start + 1, start + 2, '\0');
        }

        if (IsDigit(c))
        {
            return LexNumber(start);
        }

        if (IsIdentifierStart(c))
        {
            if (next == '\'')
            {
                switch (c)
                {
                    case 'e' or 'E':
                        return LexString(start, start + 2, SqlTokenKind.String, SqlToken.EscapeStringMarker);
                    case 'b' or 'B':
                        return LexString(start, start + 2, SqlTokenKind.BitString, '\0');
                    case 'x' or 'X':
                        return LexString(start, start + 2, SqlTokenKind.HexString, '\0');
                    case 'n' or 'N':
                        throw Error(start, "national character string constants (N'...') are not supported; write '...'");
                }
            }

            if (c is 'u' or 'U' && next == '&' && start + 2 < text.Length && text[start + 2] is '\'' or '"')
            {
                return text[start + 2] == '\''
                    ? LexString(start, start + 3, SqlTokenKind.String, '\\')
                    : LexQuotedIdentifier(start, start + 3, '\\');
            }

            var end = start + 1;
            while (end < text.Length && IsIdentifierPart(text[end]))
            {
                end++;
            }

            _position = end;
            return new SqlToken(SqlTokenKind.Identifier, start, end, start, end, '\0', SqlKeywords.Lookup(text.AsSpan(start, end - start)));
        }

        if (IsOperatorChar(c))
        {
            return LexOperator(start);
        }

        throw Error(start, $"the character '{c}' (U+{(int)c:X4}) is not valid here");
    }

    /// <summary>An <see cref="UnscopableSqlException"/> naming the position (line and column) and what is there.</summary>
    public static UnscopableSqlException Error(string text, int position, string problem)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < position && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        var near = position >= text.Length ? "the end of the text" : "'" + Excerpt(text, position) + "'";
        return new UnscopableSqlException(
            $"The SQL text could not be parsed at position {position + 1} (line {line}, column {column}) near {near}: {problem}. " +
            "TenantDapper refuses SQL it cannot parse rather than send it unscoped; rewrite that part in the PostgreSQL syntax TenantDapper supports.");
    }

    private static string Excerpt(string text, int position)
    {
        var length = Math.Min(24, text.Length - position);
        var excerpt = text.Substring(position, length);
        var newline = excerpt.IndexOfAny(['\r', '\n']);
        return newline > 0 ? excerpt[..newline] : excerpt;
    }

    private readonly UnscopableSqlException Error(int position, string problem) => Error(_text, position, problem);

    private SqlToken Single(SqlTokenKind kind)
    {
        var start = _position++;
        return new SqlToken(kind, start, start + 1, start, start + 1, '\0');
    }

    private void SkipSpaceAndComments()
    {
        var text = _text;
        var i = _position;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                i += 2;
                while (i < text.Length && text[i] is not '\n' and not '\r')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i = SkipBlockComment(i);
            }
            else
            {
                break;
            }
        }

        _position = i;
    }

    private readonly int SkipBlockComment(int start)
    {
        var text = _text;
        var depth = 1;
        var i = start + 2;
        while (i < text.Length)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                depth++;
                i += 2;
            }
            else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        throw Error(start, "the block comment is not closed");
    }

    // A quoted string, from just inside its opening quote; it continues into a following '...' separated
    // by whitespace that holds a newline (PostgreSQL's rule), which the decoder skips the same way.
    private SqlToken LexString(int start, int contentStart, SqlTokenKind kind, char escape)
    {
        var text = _text;
        var i = contentStart;
        while (true)
        {
            if (i >= text.Length)
            {
                throw Error(start, "the string constant is not closed");
            }

            var c = text[i];
            if (c == '\\' && escape == SqlToken.EscapeStringMarker)
            {
                i += 2;
                continue;
            }

            if (c != '\'')
            {
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '\'')
            {
                i += 2;
                continue;
            }

            var continuation = ContinuationQuote(i + 1);
            if (continuation < 0)
            {
                var valueEnd = i;
                _position = i + 1;
                if (escape == '\\')
                {
                    escape = ReadUescape(start);
                }

                return new SqlToken(kind, start, _position, contentStart, valueEnd, escape);
            }

            i = continuation + 1;
        }
    }

    /// <summary>Where a continuation's opening quote is, after whitespace holding a newline; -1 when the string ends here.</summary>
    internal static int ContinuationQuote(string text, int from)
    {
        var i = from;
        var newline = false;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                newline = true;
                i++;
            }
            else if (IsSpace(c))
            {
                i++;
            }
            else if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                while (i < text.Length && text[i] is not '\n' and not '\r')
                {
                    i++;
                }
            }
            else
            {
                return newline && c == '\'' ? i : -1;
            }
        }

        return -1;
    }

    private readonly int ContinuationQuote(int from) => ContinuationQuote(_text, from);

    // After a U& token: [UESCAPE 'c'], where c is one character other than a hex digit, +, ', " or whitespace.
    private char ReadUescape(int tokenStart)
    {
        var saved = _position;
        SkipSpaceAndComments();
        var text = _text;
        var i = _position;
        if (i + 7 <= text.Length && text.AsSpan(i, 7).Equals("uescape", StringComparison.OrdinalIgnoreCase)
            && (i + 7 == text.Length || !IsIdentifierPart(text[i + 7])))
        {
            _position = i + 7;
            SkipSpaceAndComments();
            i = _position;
            if (i + 2 < text.Length && text[i] == '\'' && text[i + 2] == '\'')
            {
                var escape = text[i + 1];
                if (IsHexDigit(escape) || escape is '+' or '\'' or '"' || IsSpace(escape))
                {
                    throw Error(i, "invalid Unicode escape character");
                }

                _position = i + 3;
                return escape;
            }

            throw Error(i, "UESCAPE must be followed by a simple string constant of one character");
        }

        _position = saved;
        _ = tokenStart;
        return '\\';
    }

    private SqlToken LexQuotedIdentifier(int start, int contentStart, char escape)
    {
        var text = _text;
        var i = contentStart;
        while (true)
        {
            var close = text.IndexOf('"', i);
            if (close < 0)
            {
                throw Error(start, "the quoted identifier is not closed");
            }

            if (close + 1 < text.Length && text[close + 1] == '"')
            {
                i = close + 2;
                continue;
            }

            if (close == contentStart)
            {
                throw Error(start, "a quoted identifier cannot be empty");
            }

            _position = close + 1;
            if (escape == '\\')
            {
                escape = ReadUescape(start);
            }

            return new SqlToken(SqlTokenKind.QuotedIdentifier, start, _position, contentStart, close, escape);
        }
    }

    private SqlToken LexDollarString(int start)
    {
        var text = _text;
        var i = start + 1;
        if (i < text.Length && IsIdentifierStart(text[i]))
        {
            while (i < text.Length && IsIdentifierPart(text[i]) && text[i] != '$')
            {
                i++;
            }
        }

        if (i >= text.Length || text[i] != '$')
        {
            throw Error(start, "'$' must start a dollar-quoted string ($$...$$ or $tag$...$tag$) or a positional parameter ($1)");
        }

        var tag = text.AsSpan(start, i - start + 1);
        var contentStart = i + 1;
        var close = text.AsSpan(contentStart).IndexOf(tag, StringComparison.Ordinal);
        if (close < 0)
        {
            throw Error(start, "the dollar-quoted string is not closed");
        }

        var contentEnd = contentStart + close;
        _position = contentEnd + tag.Length;
        return new SqlToken(SqlTokenKind.String, start, _position, contentStart, contentEnd, '\0');
    }

    private SqlToken LexPositional(int start)
    {
        var text = _text;
        var i = start + 1;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && IsIdentifierPart(text[i]))
        {
            throw Error(start, "trailing junk after parameter");
        }

        _position = i;
        return new SqlToken(SqlTokenKind.PositionalParameter, start, i, start + 1, i, '\0');
    }

    private SqlToken LexNamedParameter(int start)
    {
        var text = _text;
        var i = start + 1;
        while (i < text.Length && IsIdentifierPart(text[i]) && text[i] != '$')
        {
            i++;
        }

        _position = i;
        return new SqlToken(SqlTokenKind.NamedParameter, start, i, start + 1, i, '\0');
    }

    private SqlToken LexBracketIdentifier(int start, char close)
    {
        var text = _text;
        var end = text.IndexOf(close, start + 1);
        if (end < 0)
        {
            throw Error(start, $"the identifier bracket '{text[start]}' is not closed");
        }

        if (end == start + 1)
        {
            // "[]" after a type name is an array type, never an identifier.
            if (close == ']')
            {
                _position = start + 1;
                return new SqlToken(SqlTokenKind.LeftBracket, start, start + 1, start, start + 1, '\0');
            }

            throw Error(start, "an identifier in braces cannot be empty");
        }

        _position = end + 1;
        return new SqlToken(SqlTokenKind.BracketIdentifier, start, end + 1, start + 1, end, '\0');
    }

    // PostgreSQL 15: digits, an optional fraction, an optional exponent; a letter or underscore right
    // after a number is "trailing junk" (so 0x1F and 1_000 are errors, as they are on that version).
    private SqlToken LexNumber(int start)
    {
        var text = _text;
        var i = start;
        var isDecimal = false;
        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        // "1..2": the integer stops before the two dots.
        if (i < text.Length && text[i] == '.' && !(i + 1 < text.Length && text[i + 1] == '.'))
        {
            isDecimal = true;
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && IsDigit(text[j]))
            {
                isDecimal = true;
                i = j;
                while (i < text.Length && IsDigit(text[i]))
                {
                    i++;
                }
            }
            else
            {
                throw Error(start, "trailing junk after numeric literal");
            }
        }

        if (i < text.Length && IsIdentifierStart(text[i]))
        {
            throw Error(start, "trailing junk after numeric literal");
        }

        _position = i;
        return new SqlToken(isDecimal ? SqlTokenKind.Decimal : SqlTokenKind.Integer, start, i, start, i, '\0');
    }

    // The longest run of operator characters, cut before "--" or "/*"; a multi-character operator may
    // end in + or - only if it holds one of ~ ! @ # % ^ & | ` ? (PostgreSQL's rule, so "a=-1" is "=" "-1").
    // In fragment mode a bare ? ends the run (it is a placeholder) and \? is a literal question mark.
    private SqlToken LexOperator(int start)
    {
        var text = _text;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && _fragment && i + 1 < text.Length && text[i + 1] == '?')
            {
                i += 2;
                continue;
            }

            if (!IsOperatorChar(c) || (c == '?' && _fragment))
            {
                break;
            }

            if (i > start && c == '@' && i + 1 < text.Length && IsIdentifierStart(text[i + 1]))
            {
                break;
            }

            if (i + 1 < text.Length && ((c == '-' && text[i + 1] == '-') || (c == '/' && text[i + 1] == '*')))
            {
                break;
            }

            i++;
        }

        var end = i;
        if (end - start > 1 && text[end - 1] is '+' or '-')
        {
            var special = false;
            for (var j = start; j < end; j++)
            {
                if (text[j] is '~' or '!' or '@' or '#' or '%' or '^' or '&' or '|' or '`' or '?')
                {
                    special = true;
                    break;
                }
            }

            if (!special)
            {
                while (end - start > 1 && text[end - 1] is '+' or '-')
                {
                    end--;
                }
            }
        }

        if (end == start + 2 && text[start] == '=' && text[start + 1] == '>')
        {
            _position = end;
            return new SqlToken(SqlTokenKind.EqualsGreater, start, end, start, end, '\0');
        }

        _position = end;
        return new SqlToken(SqlTokenKind.Operator, start, end, start, end, '\0');
    }
}
