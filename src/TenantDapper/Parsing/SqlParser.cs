using TenantDapper.Syntax;

namespace TenantDapper.Parsing;

/// <summary>
/// Turns SQL text into the SQL tree: one statement of plain PostgreSQL text (<see cref="ParseStatement"/>), or a
/// builder's raw fragment in its position, where <c>?</c> is a binding and <c>[x]</c> / <c>{x}</c> quote identifiers.
/// Anything it does not understand throws <see cref="UnscopableSqlException"/> naming the position and the token;
/// it throws nothing else on any input.
/// </summary>
internal static class SqlParser
{
    /// <summary>How deeply expressions, queries and joins may nest; deeper input is refused (never a stack overflow).</summary>
    public const int MaxDepth = 128;

    /// <summary>Parses one SELECT, INSERT, UPDATE or DELETE statement (an optional trailing <c>;</c> is allowed).</summary>
    /// <param name="sql">PostgreSQL text; <c>@name</c> and <c>$1</c> become <see cref="ParameterReferenceExpression"/> nodes.</param>
    /// <exception cref="UnscopableSqlException">The text is not one statement TenantDapper understands.</exception>
    public static SqlStatement ParseStatement(string sql) =>
        Run(sql, fragment: false, [], static parser => parser.ParseWholeStatement());

    /// <summary>A fragment that is one expression (WhereRaw, HavingRaw, a raw join condition, a raw value).</summary>
    public static SqlExpression ParseExpression(string fragment, IReadOnlyList<object?> bindings) =>
        Run(fragment, fragment: true, bindings, static parser => parser.ParseExpressionFragment());

    /// <summary>A fragment that is a select list (SelectRaw): <c>expression [AS alias], ...</c>.</summary>
    public static IReadOnlyList<SelectItem> ParseSelectItems(string fragment, IReadOnlyList<object?> bindings) =>
        Run(fragment, fragment: true, bindings, static parser => parser.ParseSelectItemsFragment());

    /// <summary>A fragment that is an ORDER BY list (OrderByRaw).</summary>
    public static IReadOnlyList<OrderItem> ParseOrderItems(string fragment, IReadOnlyList<object?> bindings) =>
        Run(fragment, fragment: true, bindings, static parser => parser.ParseOrderItemsFragment());

    /// <summary>A fragment that is a GROUP BY list (GroupByRaw).</summary>
    public static IReadOnlyList<SqlExpression> ParseGroupByItems(string fragment, IReadOnlyList<object?> bindings) =>
        Run(fragment, fragment: true, bindings, static parser => parser.ParseGroupByFragment());

    /// <summary>A fragment that is a FROM list (FromRaw, a raw join target): table sources with their joins, comma-separated.</summary>
    public static IReadOnlyList<TableSource> ParseTableSources(string fragment, IReadOnlyList<object?> bindings) =>
        Run(fragment, fragment: true, bindings, static parser => parser.ParseTableSourcesFragment());

    /// <summary>A fragment that is a whole query (a raw CTE body): <c>[WITH ...] SELECT ...</c>.</summary>
    public static SelectStatement ParseQuery(string fragment, IReadOnlyList<object?> bindings) =>
        Run(fragment, fragment: true, bindings, static parser => parser.ParseQueryFragment());

    /// <summary>A fragment that is the value of an INSERT or UPDATE (an <see cref="UnsafeLiteral"/>): one expression, or <c>DEFAULT</c>.</summary>
    public static SqlExpression ParseWriteValue(string fragment, IReadOnlyList<object?> bindings) =>
        Run(fragment, fragment: true, bindings, static parser => parser.ParseWriteValueFragment());

    /// <summary>
    /// A fragment that continues a query with set operations (CombineRaw): <c>UNION | INTERSECT | EXCEPT [ALL | DISTINCT] query ...</c>,
    /// optionally followed by ORDER BY / LIMIT / OFFSET for the whole result.
    /// </summary>
    public static SetOperationTail ParseSetOperationTail(string fragment, IReadOnlyList<object?> bindings) =>
        Run(fragment, fragment: true, bindings, static parser => parser.ParseSetOperationTailFragment());

    private static T Run<T>(string text, bool fragment, IReadOnlyList<object?> bindings, Func<SqlTextParser, T> parse)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(bindings);
        var parser = SqlTextParser.Rent(text, fragment, bindings);
        try
        {
            return parse(parser);
        }
        catch (InsufficientExecutionStackException)
        {
            throw SqlLexer.Error(text, 0, "the text nests too deeply");
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentException or FormatException or OverflowException)
        {
            // A gap in the parser must refuse the text, never let it through or surface as another exception type.
            throw SqlLexer.Error(text, parser.Position, "the parser could not read this part (" + e.GetType().Name + ")");
        }
        finally
        {
            SqlTextParser.Return(parser);
        }
    }
}
