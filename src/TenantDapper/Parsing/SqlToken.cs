namespace TenantDapper.Parsing;

/// <summary>What a token is; keywords are <see cref="Identifier"/> tokens the parser recognises by their folded text.</summary>
internal enum SqlTokenKind : byte
{
    End,
    Identifier,
    QuotedIdentifier,
    String,
    BitString,
    HexString,
    Integer,
    Decimal,
    Operator,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Semicolon,
    Dot,
    Colon,
    Cast,
    ColonEquals,
    EqualsGreater,
    NamedParameter,
    PositionalParameter,
    Placeholder,
    BracketIdentifier,
}

/// <summary>
/// One token: its kind and where it is in the text. Its value (a folded identifier, a decoded string) is
/// computed only when the parser asks for it, so lexing allocates nothing per token.
/// </summary>
internal readonly struct SqlToken(SqlTokenKind kind, int start, int end, int valueStart, int valueEnd, char escape)
{
    public SqlTokenKind Kind { get; } = kind;

    /// <summary>The token's first character in the text.</summary>
    public int Start { get; } = start;

    /// <summary>One past the token's last character (after a UESCAPE clause or string continuations).</summary>
    public int End { get; } = end;

    /// <summary>Where the token's content starts (inside quotes, after a prefix).</summary>
    public int ValueStart { get; } = valueStart;

    /// <summary>Where the token's content ends.</summary>
    public int ValueEnd { get; } = valueEnd;

    /// <summary>The escape character of a <c>U&amp;</c> token, <c>'\'</c> for an <c>E</c> string, NUL otherwise.</summary>
    public char Escape { get; } = escape;

    /// <summary>Whether the token is a Unicode-escaped (<c>U&amp;</c>) identifier or string.</summary>
    public bool IsUnicode => Escape != '\0' && Escape != EscapeStringMarker;

    /// <summary>The marker in <see cref="Escape"/> of an <c>E'...'</c> string.</summary>
    public const char EscapeStringMarker = '\u0001';
}
