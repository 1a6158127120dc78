using System.Text;

namespace TenantDapper.Parsing;

/// <summary>The values of tokens, decoded on demand: folded identifiers, unescaped strings, operator spellings.</summary>
internal static class SqlTokenText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Whether the unquoted identifier <paramref name="token"/> is <paramref name="keyword"/> (lower case ASCII).</summary>
    public static bool IsKeyword(string text, SqlToken token, string keyword) =>
        token.Kind == SqlTokenKind.Identifier && token.End - token.Start == keyword.Length
        && text.AsSpan(token.Start, keyword.Length).Equals(keyword, StringComparison.OrdinalIgnoreCase);

    /// <summary>An unquoted identifier folded to lower case (PostgreSQL folds ASCII letters only).</summary>
    public static string Folded(string text, SqlToken token)
    {
        var span = text.AsSpan(token.Start, token.End - token.Start);
        var upper = false;
        foreach (var c in span)
        {
            if (c is >= 'A' and <= 'Z')
            {
                upper = true;
                break;
            }
        }

        if (!upper)
        {
            return NameTable.Get(span);
        }

        if (span.Length > NameTable.MaxLength)
        {
            return string.Create(span.Length, (text, token.Start), static (chars, state) => FoldInto(state.text.AsSpan(state.Start, chars.Length), chars));
        }

        Span<char> folded = stackalloc char[span.Length];
        FoldInto(span, folded);
        return NameTable.Get(folded);
    }

    private static void FoldInto(ReadOnlySpan<char> name, Span<char> folded)
    {
        for (var i = 0; i < folded.Length; i++)
        {
            var c = name[i];
            folded[i] = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        }
    }

    /// <summary>The name of an identifier token: folded when unquoted, unescaped when quoted.</summary>
    public static string Identifier(string text, SqlToken token)
    {
        switch (token.Kind)
        {
            case SqlTokenKind.Identifier:
                return Folded(text, token);
            case SqlTokenKind.QuotedIdentifier:
                var raw = text.AsSpan(token.ValueStart, token.ValueEnd - token.ValueStart);
                var value = raw.Contains('"') ? raw.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : raw.ToString();
                if (token.IsUnicode)
                {
                    value = DecodeUnicode(text, token, value);
                }

                if (value.Contains('\0', StringComparison.Ordinal))
                {
                    throw SqlLexer.Error(text, token.Start, "an identifier cannot contain a NUL character");
                }

                return value;
            default:
                return text.Substring(token.ValueStart, token.ValueEnd - token.ValueStart);
        }
    }

    /// <summary>The value of a string constant: quotes undoubled, continuations joined, escapes decoded.</summary>
    public static string String(string text, SqlToken token)
    {
        if (token.ValueStart > token.Start && text[token.Start] == '$')
        {
            return text.Substring(token.ValueStart, token.ValueEnd - token.ValueStart);
        }

        var raw = Joined(text, token);
        string value;
        if (token.Escape == SqlToken.EscapeStringMarker)
        {
            value = DecodeEscapeString(text, token, raw);
        }
        else if (token.IsUnicode)
        {
            value = DecodeUnicode(text, token, raw);
        }
        else
        {
            value = raw;
        }

        if (value.Contains('\0', StringComparison.Ordinal))
        {
            throw SqlLexer.Error(text, token.Start, "a string constant cannot contain a NUL character");
        }

        return value;
    }

    /// <summary>The operator's spelling; in fragment mode <c>\?</c> is a literal question mark.</summary>
    public static string Operator(string text, SqlToken token)
    {
        var span = text.AsSpan(token.Start, token.End - token.Start);
        return span.Contains('\\') ? span.ToString().Replace("\\?", "?", StringComparison.Ordinal) : span.ToString();
    }

    // The characters between the quotes of every segment, with '' undoubled (in E strings \' and \\ stay
    // for the escape decoder).
    private static string Joined(string text, SqlToken token)
    {
        var span = text.AsSpan(token.ValueStart, token.ValueEnd - token.ValueStart);
        if (span.IndexOf('\'') < 0)
        {
            return span.ToString();
        }

        var escapes = token.Escape == SqlToken.EscapeStringMarker;
        var builder = new StringBuilder(span.Length);
        var i = token.ValueStart;
        while (i < token.ValueEnd)
        {
            var c = text[i];
            if (escapes && c == '\\')
            {
                builder.Append(c).Append(text[i + 1]);
                i += 2;
            }
            else if (c == '\'' && text[i + 1] == '\'')
            {
                builder.Append('\'');
                i += 2;
            }
            else if (c == '\'')
            {
                i = SqlLexer.ContinuationQuote(text, i + 1) + 1;
            }
            else
            {
                builder.Append(c);
                i++;
            }
        }

        return builder.ToString();
    }

    private static string DecodeEscapeString(string text, SqlToken token, string raw)
    {
        if (!raw.Contains('\\', StringComparison.Ordinal))
        {
            return raw;
        }

        // Octal and hex escapes give bytes, which must form valid UTF-8 together with the rest.
        var bytes = new List<byte>(raw.Length + 8);
        Span<byte> encoded = stackalloc byte[4];
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\')
            {
                AppendUtf8(bytes, raw, ref i, encoded);
                continue;
            }

            var e = raw[++i];
            switch (e)
            {
                case 'b':
                    bytes.Add(8);
                    break;
                case 'f':
                    bytes.Add(12);
                    break;
                case 'n':
                    bytes.Add(10);
                    break;
                case 'r':
                    bytes.Add(13);
                    break;
                case 't':
                    bytes.Add(9);
                    break;
                case >= '0' and <= '7':
                    var octal = 0;
                    var digits = 0;
                    while (digits < 3 && i < raw.Length && raw[i] is >= '0' and <= '7')
                    {
                        octal = (octal * 8) + (raw[i] - '0');
                        i++;
                        digits++;
                    }

                    i--;
                    bytes.Add((byte)octal);
                    break;
                case 'x' when i + 1 < raw.Length && Uri.IsHexDigit(raw[i + 1]):
                    var hex = 0;
                    var count = 0;
                    while (count < 2 && i + 1 < raw.Length && Uri.IsHexDigit(raw[i + 1]))
                    {
                        hex = (hex * 16) + Convert.ToInt32(raw[i + 1].ToString(), 16);
                        i++;
                        count++;
                    }

                    bytes.Add((byte)hex);
                    break;
                case 'u' or 'U':
                    var length = e == 'u' ? 4 : 8;
                    var code = ParseHex(text, token, raw, i + 1, length);
                    i += length;
                    if (code is >= 0xD800 and <= 0xDBFF && i + 2 < raw.Length && raw[i + 1] == '\\' && raw[i + 2] == 'u')
                    {
                        var low = ParseHex(text, token, raw, i + 3, 4);
                        if (!char.IsLowSurrogate((char)low))
                        {
                            throw SqlLexer.Error(text, token.Start, "invalid Unicode surrogate pair");
                        }

                        code = char.ConvertToUtf32((char)code, (char)low);
                        i += 6;
                    }

                    AppendCodePoint(text, token, bytes, code, encoded);
                    break;
                default:
                    // Any other escaped character stands for itself.
                    AppendUtf8(bytes, raw, ref i, encoded);
                    break;
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException)
        {
            throw SqlLexer.Error(text, token.Start, "the escapes in the string constant do not form valid UTF-8");
        }
    }

    private static void AppendUtf8(List<byte> bytes, string raw, ref int i, Span<byte> encoded)
    {
        var length = char.IsHighSurrogate(raw[i]) && i + 1 < raw.Length ? 2 : 1;
        var written = Encoding.UTF8.GetBytes(raw.AsSpan(i, length), encoded);
        for (var k = 0; k < written; k++)
        {
            bytes.Add(encoded[k]);
        }

        i += length - 1;
    }

    private static void AppendCodePoint(string text, SqlToken token, List<byte> bytes, int code, Span<byte> encoded)
    {
        if (code is 0 or > 0x10FFFF || (code is >= 0xD800 and <= 0xDFFF))
        {
            throw SqlLexer.Error(text, token.Start, "invalid Unicode escape value");
        }

        var written = Encoding.UTF8.GetBytes(char.ConvertFromUtf32(code), encoded);
        for (var k = 0; k < written; k++)
        {
            bytes.Add(encoded[k]);
        }
    }

    private static int ParseHex(string text, SqlToken token, string raw, int start, int length)
    {
        if (start + length > raw.Length)
        {
            throw SqlLexer.Error(text, token.Start, "invalid Unicode escape: too few hex digits");
        }

        var value = 0;
        for (var k = 0; k < length; k++)
        {
            var c = raw[start + k];
            if (!Uri.IsHexDigit(c))
            {
                throw SqlLexer.Error(text, token.Start, "invalid Unicode escape: expected hex digits");
            }

            value = (value * 16) + Uri.FromHex(c);
            if (value > 0x10FFFF)
            {
                throw SqlLexer.Error(text, token.Start, "invalid Unicode escape value");
            }
        }

        return value;
    }

    // U&'...' and U&"...": escape + 4 hex digits, escape + '+' + 6 hex digits, escape doubled for itself.
    private static string DecodeUnicode(string text, SqlToken token, string raw)
    {
        var escape = token.Escape;
        if (!raw.Contains(escape, StringComparison.Ordinal))
        {
            return raw;
        }

        var builder = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != escape)
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 < raw.Length && raw[i + 1] == escape)
            {
                builder.Append(escape);
                i++;
                continue;
            }

            int code;
            if (i + 1 < raw.Length && raw[i + 1] == '+')
            {
                code = ParseHex(text, token, raw, i + 2, 6);
                i += 7;
            }
            else
            {
                code = ParseHex(text, token, raw, i + 1, 4);
                i += 4;
            }

            if (code is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 2 < raw.Length && raw[i + 1] == escape && raw[i + 2] != '+')
                {
                    var low = ParseHex(text, token, raw, i + 2, 4);
                    if (low is < 0xDC00 or > 0xDFFF)
                    {
                        throw SqlLexer.Error(text, token.Start, "invalid Unicode surrogate pair");
                    }

                    code = char.ConvertToUtf32((char)code, (char)low);
                    i += 5;
                }
                else
                {
                    throw SqlLexer.Error(text, token.Start, "invalid Unicode surrogate pair");
                }
            }

            if (code is 0 or > 0x10FFFF || (code is >= 0xD800 and <= 0xDFFF))
            {
                throw SqlLexer.Error(text, token.Start, "invalid Unicode escape value");
            }

            builder.Append(char.ConvertFromUtf32(code));
        }

        return builder.ToString();
    }
}
