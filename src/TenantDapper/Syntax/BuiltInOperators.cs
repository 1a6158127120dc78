namespace TenantDapper.Syntax;

/// <summary>
/// The operators the tenant rewriter trusts without a declaration: PostgreSQL 15's pg_catalog operators, by name and
/// shape as the parser sees them (<c>SELECT DISTINCT oprname FROM pg_operator WHERE oprnamespace =
/// 'pg_catalog'::regnamespace</c>, infix where <c>oprkind = 'b'</c>, prefix where <c>oprkind = 'l'</c>), and the
/// operators the grammar spells as words (<c>LIKE</c>, <c>IS DISTINCT FROM</c>, <c>OVERLAPS</c>, ...). Any other
/// operator runs a function the application defined, which may read or change tenant tables the rewriter cannot see.
/// A built-in name overloaded for an application's types (an <c>=</c> on a composite type) is not told apart: the
/// operand types are the server's to know.
/// </summary>
internal static class BuiltInOperators
{
    private static readonly HashSet<string> Infix = new(StringComparer.Ordinal)
    {
        "!~", "!~*", "!~~", "!~~*", "#", "##", "#-", "#>", "#>>", "%", "&", "&&", "&<", "&<|", "&>", "*", "*<",
        "*<=", "*<>", "*=", "*>", "*>=", "+", "-", "->", "->>", "-|-", "/", "<", "<->", "<<", "<<=", "<<|",
        "<=", "<>", "<@", "<^", "=", ">", ">=", ">>", ">>=", ">^", "?", "?#", "?&", "?-", "?-|", "?|", "?||",
        "@>", "@?", "@@", "@@@", "^", "^@", "|", "|&>", "|>>", "||", "~", "~*", "~<=~", "~<~", "~=", "~>=~",
        "~>~", "~~", "~~*"
    };

    private static readonly HashSet<string> Prefix = new(StringComparer.Ordinal)
    {
        "!!", "#", "+", "-", "?-", "?|", "@", "@-@", "@@", "|/", "||/", "~"
    };

    /// <summary>Whether <paramref name="operator"/>, written between two operands (or before one, when <paramref name="prefix"/>), is a trusted built-in.</summary>
    public static bool Contains(string @operator, bool prefix)
    {
        if (@operator.Length > 0 && char.IsLetter(@operator[0]))
        {
            return true;
        }

        // PostgreSQL's lexer reads != as <>.
        var name = @operator == "!=" ? "<>" : @operator;
        return prefix ? Prefix.Contains(name) : Infix.Contains(name);
    }
}
