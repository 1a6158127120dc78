using System.Collections;
using System.Text;
using TenantDapper.Parsing;
using TenantDapper.Syntax;

namespace TenantDapper.Building;

/// <summary>
/// Turns a raw fragment into tree nodes when it is built, parsed as what its position requires (an expression, select
/// items, order or group items, table sources, a query), so the rewriter scopes what is inside it like any other node.
/// <c>?</c> is a binding (<c>\?</c> a literal question mark), <c>[x]</c> / <c>{x}</c> quoted identifiers and <c>\[</c> / <c>\]</c>
/// brackets (<c>'{}'::int\[\]</c>), outside
/// literals and comments only. A fragment that is not what its position requires throws
/// <see cref="UnscopableSqlException"/>; placeholders and bindings that do not match throw <see cref="RawBindingMismatchException"/>.
/// </summary>
internal static class RawFragment
{
    /// <summary>An expression: WhereRaw, OrWhereRaw, HavingRaw, a raw join condition.</summary>
    public static SqlExpression Expression(string sql, object?[]? bindings) =>
        SqlParser.ParseExpression(sql, Values(sql, bindings));

    /// <summary>Select items: SelectRaw.</summary>
    public static IReadOnlyList<SelectItem> SelectItems(string sql, object?[]? bindings) =>
        SqlParser.ParseSelectItems(sql, Values(sql, bindings));

    /// <summary>ORDER BY items: OrderByRaw.</summary>
    public static IReadOnlyList<OrderItem> OrderItems(string sql, object?[]? bindings) =>
        SqlParser.ParseOrderItems(sql, Values(sql, bindings));

    /// <summary>GROUP BY items: GroupByRaw.</summary>
    public static IReadOnlyList<SqlExpression> GroupByItems(string sql, object?[]? bindings) =>
        SqlParser.ParseGroupByItems(sql, Values(sql, bindings));

    /// <summary>A FROM list: FromRaw.</summary>
    public static IReadOnlyList<TableSource> TableSources(string sql, object?[]? bindings) =>
        SqlParser.ParseTableSources(sql, Values(sql, bindings));

    /// <summary>A whole query: a raw CTE body (WithRaw).</summary>
    public static SelectStatement Query(string sql, object?[]? bindings) =>
        SqlParser.ParseQuery(sql, Values(sql, bindings));

    /// <summary>The value of an insert or update given as an <see cref="UnsafeLiteral"/>: an expression or <c>DEFAULT</c>, with no bindings.</summary>
    public static SqlExpression WriteValue(UnsafeLiteral literal) =>
        SqlParser.ParseWriteValue(literal.Value, Checked(literal.Value, []));

    /// <summary>A set-operation tail: CombineRaw, UnionRaw, ExceptRaw, IntersectRaw.</summary>
    public static SetOperationTail SetOperationTail(string sql, object?[]? bindings) =>
        SqlParser.ParseSetOperationTail(sql, Values(sql, bindings));

    /// <summary>
    /// Text kept as text for <c>FromRawScoped</c>, the explicit opt-out: the caller declares that it carries its tenant
    /// predicates. It is still lexed, so bindings are counted outside literals and comments, and it is kept as the
    /// pieces its tokens make, so nothing downstream scans its characters again.
    /// </summary>
    public static RawExpression Opaque(string sql, object?[]? bindings)
    {
        var checkedBindings = Checked(sql, bindings);
        return new RawExpression(Pieces(sql), checkedBindings.Length == 0 ? [] : checkedBindings);
    }

    // Spaces and comments between tokens are kept as written; what follows the last token is dropped, so that a
    // trailing line comment cannot swallow what the writer appends after the fragment.
    private static RawPiece[] Pieces(string sql)
    {
        var tokens = new List<SqlToken>();
        SqlLexer.Lex(sql, fragment: true, tokens);
        var pieces = new List<RawPiece>();
        var text = new StringBuilder();
        var written = 0;
        foreach (var token in tokens)
        {
            if (token.Kind == SqlTokenKind.End)
            {
                break;
            }

            text.Append(sql, written, token.Start - written);
            written = token.End;
            switch (token.Kind)
            {
                case SqlTokenKind.Placeholder:
                    Flush(pieces, text);
                    pieces.Add(new RawPiece(RawPieceKind.Binding, ""));
                    break;
                case SqlTokenKind.BracketIdentifier:
                    Flush(pieces, text);
                    pieces.Add(new RawPiece(RawPieceKind.Identifier, sql[token.ValueStart..token.ValueEnd]));
                    break;
                case SqlTokenKind.Operator:
                    text.Append(SqlTokenText.Operator(sql, token));
                    break;
                case SqlTokenKind.LeftBracket:
                    text.Append('[');
                    break;
                case SqlTokenKind.RightBracket:
                    text.Append(']');
                    break;
                default:
                    text.Append(sql, token.Start, token.End - token.Start);
                    break;
            }
        }

        Flush(pieces, text);
        return [.. pieces];
    }

    private static void Flush(List<RawPiece> pieces, StringBuilder text)
    {
        if (text.Length > 0)
        {
            pieces.Add(new RawPiece(RawPieceKind.Text, text.ToString()));
            text.Clear();
        }
    }

    // A null params array is one null binding, as in SqlKata. Placeholders are counted on the fragment's tokens, so a
    // '?' inside a literal or a comment is not one, and bracket identifiers are checked like every other name.
    private static object?[] Checked(string sql, object?[]? bindings)
    {
        ArgumentNullException.ThrowIfNull(sql);
        bindings ??= [null];
        var tokens = new List<SqlToken>();
        SqlLexer.Lex(sql, fragment: true, tokens);
        var placeholders = 0;
        foreach (var token in tokens)
        {
            if (token.Kind == SqlTokenKind.Placeholder)
            {
                placeholders++;
            }
            else if (token.Kind == SqlTokenKind.BracketIdentifier)
            {
                Names.DottedName(sql[token.ValueStart..token.ValueEnd]);
            }
        }

        if (placeholders != bindings.Length)
        {
            throw new RawBindingMismatchException(sql, placeholders, bindings.Length);
        }

        // SqlKata does not resolve variables in raw bindings either; say so now rather than send a Variable object.
        if (FirstVariable(bindings) is { } variable)
        {
            throw new InvalidQueryException($"Expressions.Variable(\"{variable.Name}\") is a binding of the raw fragment \"{sql}\"; raw fragments take plain values. Pass the value itself, or use Where/Having with the variable.");
        }

        return bindings.Length == 0 ? [] : (object?[])bindings.Clone();
    }

    // The parser makes a parameter of each binding (or of each item of a list), so bindings follow the rule of the builder's values.
    private static object?[] Values(string sql, object?[]? bindings)
    {
        var values = Checked(sql, bindings);
        foreach (var value in values)
        {
            if (value is IEnumerable list and not string and not byte[])
            {
                foreach (var item in list)
                {
                    VariableScope.NotSqlText(item);
                }
            }
            else
            {
                VariableScope.NotSqlText(value);
            }
        }

        return values;
    }

    private static Variable? FirstVariable(object?[] bindings)
    {
        foreach (var binding in bindings)
        {
            switch (binding)
            {
                case Variable variable:
                    return variable;
                case IEnumerable list and not string and not byte[]:
                    foreach (var item in list)
                    {
                        if (item is Variable inList)
                        {
                            return inList;
                        }
                    }

                    break;
            }
        }

        return null;
    }
}
