namespace TenantDapper.Syntax;

/// <summary>What a piece of a raw fragment is.</summary>
internal enum RawPieceKind : byte
{
    /// <summary>SQL written as it is: tokens, spaces, literals and comments.</summary>
    Text,

    /// <summary>A <c>?</c> placeholder: the next binding of the fragment.</summary>
    Binding,

    /// <summary>A <c>[x]</c> or <c>{x}</c> name, written quoted (dots separate its parts).</summary>
    Identifier,
}

/// <summary>
/// One piece of a raw fragment, cut from the lexer's tokens when the fragment is built, so that the writer never scans
/// its characters again (and so never mistakes a <c>?</c> or a bracket inside a literal or a comment for a placeholder or a name).
/// </summary>
/// <param name="Kind">What the piece is.</param>
/// <param name="Text">The text to write (<see cref="RawPieceKind.Text"/>) or the name to quote (<see cref="RawPieceKind.Identifier"/>); empty for a binding.</param>
internal readonly record struct RawPiece(RawPieceKind Kind, string Text);
