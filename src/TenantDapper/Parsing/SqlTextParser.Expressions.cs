using System.Collections;
using System.Globalization;
using TenantDapper.Syntax;

namespace TenantDapper.Parsing;

/// <summary>
/// Expressions, by PostgreSQL's precedence from loosest to tightest: OR, AND, NOT, IS, comparison, BETWEEN / IN /
/// LIKE / ILIKE / SIMILAR, other operators, + -, * / %, ^, AT TIME ZONE, COLLATE, unary + -, then [ ] and ::.
/// </summary>
internal sealed partial class SqlTextParser
{
    private SqlExpression ParseExpression()
    {
        Enter();
        try
        {
            return ParseOr();
        }
        finally
        {
            _depth--;
        }
    }

    private IReadOnlyList<SqlExpression> ParseExpressionList(bool expandLists)
    {
        var items = new List<SqlExpression>();
        do
        {
            var expression = ParseExpression();
            if (expandLists && expression is ParameterExpression { Value: IEnumerable list and not string and not byte[] })
            {
                // A list bound to one placeholder stands for one parameter per element, as in SqlKata.
                foreach (var element in list)
                {
                    items.Add(new ParameterExpression(element));
                }

                continue;
            }

            items.Add(expression);
        }
        while (AcceptKind(SqlTokenKind.Comma));

        return items;
    }

    private SqlExpression ParseOr()
    {
        var first = ParseAnd();
        if (!Is(SqlKeyword.Or))
        {
            return first;
        }

        var operands = new List<SqlExpression>(4);
        AddFlattened(operands, first, isAnd: false);
        while (Accept(SqlKeyword.Or))
        {
            AddFlattened(operands, ParseAnd(), isAnd: false);
        }

        return new OrExpression(operands);
    }

    private SqlExpression ParseAnd()
    {
        var first = ParseNot();
        if (!Is(SqlKeyword.And))
        {
            return first;
        }

        var operands = new List<SqlExpression>(4);
        AddFlattened(operands, first, isAnd: true);
        while (Accept(SqlKeyword.And))
        {
            AddFlattened(operands, ParseNot(), isAnd: true);
        }

        return new AndExpression(operands);
    }

    // AND and OR are associative: a parenthesized one inside another of its kind is spliced in, so that
    // writing and parsing again gives the same tree.
    private static void AddFlattened(List<SqlExpression> operands, SqlExpression operand, bool isAnd)
    {
        switch (operand)
        {
            case AndExpression conjunction when isAnd:
                operands.AddRange(conjunction.Operands);
                break;
            case OrExpression disjunction when !isAnd:
                operands.AddRange(disjunction.Operands);
                break;
            default:
                operands.Add(operand);
                break;
        }
    }

    private SqlExpression ParseNot()
    {
        if (!Is(SqlKeyword.Not))
        {
            return ParseIs();
        }

        _pos++;
        Enter();
        try
        {
            return new NotExpression(ParseNot());
        }
        finally
        {
            _depth--;
        }
    }

    private SqlExpression ParseIs()
    {
        var left = ParseComparison();
        var saved = _depth;
        while (true)
        {
            if (Accept(SqlKeyword.Isnull))
            {
                Deepen();
                left = new IsNullExpression(left, negated: false);
                continue;
            }

            if (Accept(SqlKeyword.Notnull))
            {
                Deepen();
                left = new IsNullExpression(left, negated: true);
                continue;
            }

            if (!Accept(SqlKeyword.Is))
            {
                break;
            }

            Deepen();
            var negated = Accept(SqlKeyword.Not);
            if (Accept(SqlKeyword.Null))
            {
                left = new IsNullExpression(left, negated);
            }
            else if (Accept(SqlKeyword.True))
            {
                left = new BooleanTestExpression(left, BooleanTest.True, negated);
            }
            else if (Accept(SqlKeyword.False))
            {
                left = new BooleanTestExpression(left, BooleanTest.False, negated);
            }
            else if (Accept(SqlKeyword.Unknown))
            {
                left = new BooleanTestExpression(left, BooleanTest.Unknown, negated);
            }
            else if (Accept(SqlKeyword.Distinct))
            {
                Expect(SqlKeyword.From);
                left = new BinaryExpression(left, negated ? "IS NOT DISTINCT FROM" : "IS DISTINCT FROM", ParseComparison());
            }
            else
            {
                throw Error("expected NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS (IS DOCUMENT, IS NORMALIZED and IS OF are not supported)");
            }
        }

        _depth = saved;
        return left;
    }

    private static bool IsComparison(string op) => op is "=" or "<" or ">" or "<=" or ">=" or "<>" or "!=";

    private static bool IsArithmetic(string op) => op is "+" or "-" or "*" or "/" or "%" or "^";

    private static string NormalizeOperator(string op) => op == "!=" ? "<>" : op;

    private SqlExpression ParseComparison()
    {
        var left = ParsePredicate();
        if (Current.Kind != SqlTokenKind.Operator)
        {
            return left;
        }

        var op = SqlTokenText.Operator(_text, Current);
        if (!IsComparison(op))
        {
            return left;
        }

        _pos++;
        var result = ParseRightOperand(left, NormalizeOperator(op), RightOperand.Predicate);
        if (Current.Kind == SqlTokenKind.Operator && IsComparison(SqlTokenText.Operator(_text, Current)))
        {
            throw Error("comparison operators cannot be chained (a < b < c); combine comparisons with AND");
        }

        return result;
    }

    // After a binary operator: ANY / ALL / SOME (array or sub-query) makes a quantified comparison.
    private SqlExpression ParseRightOperand(SqlExpression left, string op, RightOperand operand)
    {
        var all = Is(SqlKeyword.All);
        if ((all || Is(SqlKeyword.Any) || Is(SqlKeyword.Some)) && IsKindAt(1, SqlTokenKind.LeftParen))
        {
            _pos += 2;
            SqlExpression result;
            if (StartsQueryAfterParen())
            {
                result = new QuantifiedExpression(left, op, all, null, ParseSelectStatement());
            }
            else
            {
                result = new QuantifiedExpression(left, op, all, ParseExpression(), null);
            }

            ExpectKind(SqlTokenKind.RightParen, "')' after ANY / ALL");
            return result;
        }

        return new BinaryExpression(left, op, operand switch
        {
            RightOperand.Predicate => ParsePredicate(),
            RightOperand.Other => ParseOther(),
            RightOperand.Additive => ParseAdditive(),
            RightOperand.Multiplicative => ParseMultiplicative(),
            RightOperand.Exponent => ParseExponent(),
            _ => ParseAtTimeZone(),
        });
    }

    private SqlExpression ParsePredicate()
    {
        var left = ParseOther();
        var negated = false;
        if (Is(SqlKeyword.Not) && (IsAt(1, SqlKeyword.Between) || IsAt(1, SqlKeyword.In) || IsAt(1, SqlKeyword.Like) || IsAt(1, SqlKeyword.Ilike) || IsAt(1, SqlKeyword.Similar)))
        {
            negated = true;
            _pos++;
        }

        if (Accept(SqlKeyword.Between))
        {
            var symmetric = Accept(SqlKeyword.Symmetric);
            if (!symmetric)
            {
                Accept(SqlKeyword.Asymmetric);
            }

            var low = ParseOther();
            Expect(SqlKeyword.And);
            var high = ParseOther();
            return new BetweenExpression(left, low, high, negated, symmetric);
        }

        if (Accept(SqlKeyword.In))
        {
            ExpectKind(SqlTokenKind.LeftParen, "'(' after IN");
            SqlExpression result;
            if (StartsQueryAfterParen())
            {
                result = new InSubqueryExpression(left, ParseSelectStatement(), negated);
            }
            else
            {
                result = new InValuesExpression(left, ParseExpressionList(expandLists: true), negated);
            }

            ExpectKind(SqlTokenKind.RightParen, "')' after the IN list");
            return result;
        }

        if (Is(SqlKeyword.Like) || Is(SqlKeyword.Ilike))
        {
            var caseSensitive = Is(SqlKeyword.Like);
            _pos++;
            var op = (negated ? "NOT " : string.Empty) + (caseSensitive ? "LIKE" : "ILIKE");
            var pattern = ParseRightOperand(left, op, RightOperand.Other);
            if (pattern is QuantifiedExpression)
            {
                return pattern;
            }

            var right = ((BinaryExpression)pattern).Right;
            if (Accept(SqlKeyword.Escape))
            {
                return new PatternMatchExpression(left, caseSensitive ? "LIKE" : "ILIKE", right, ParseOther(), negated);
            }

            return new LikeExpression(left, right, caseSensitive, negated, null);
        }

        if (Accept(SqlKeyword.Similar))
        {
            Expect(SqlKeyword.To);
            var pattern = ParseOther();
            var escape = Accept(SqlKeyword.Escape) ? ParseOther() : null;
            return new PatternMatchExpression(left, "SIMILAR TO", pattern, escape, negated);
        }

        if (negated)
        {
            throw Error("expected BETWEEN, IN, LIKE, ILIKE or SIMILAR TO after NOT");
        }

        return left;
    }

    // Operators other than the arithmetic and comparison ones (||, ->, ->>, @>, ~, ?, ...), left-associative.
    private SqlExpression ParseOther()
    {
        var left = ParseAdditive();
        var saved = _depth;
        while (Current.Kind == SqlTokenKind.Operator)
        {
            var op = SqlTokenText.Operator(_text, Current);
            if (IsComparison(op) || IsArithmetic(op))
            {
                break;
            }

            Deepen();
            _pos++;
            left = ParseRightOperand(left, op, RightOperand.Additive);
        }

        if (Is(SqlKeyword.Operator) && IsKindAt(1, SqlTokenKind.LeftParen))
        {
            throw Error("OPERATOR(schema.op) syntax is not supported; write the operator itself");
        }

        _depth = saved;
        return left;
    }

    private SqlExpression ParseAdditive()
    {
        var left = ParseMultiplicative();
        var saved = _depth;
        while (IsOperator("+") || IsOperator("-"))
        {
            Deepen();
            var op = SqlTokenText.Operator(_text, Current);
            _pos++;
            left = ParseRightOperand(left, op, RightOperand.Multiplicative);
        }

        _depth = saved;
        return left;
    }

    private SqlExpression ParseMultiplicative()
    {
        var left = ParseExponent();
        var saved = _depth;
        while (IsOperator("*") || IsOperator("/") || IsOperator("%"))
        {
            Deepen();
            var op = SqlTokenText.Operator(_text, Current);
            _pos++;
            left = ParseRightOperand(left, op, RightOperand.Exponent);
        }

        _depth = saved;
        return left;
    }

    private SqlExpression ParseExponent()
    {
        var left = ParseAtTimeZone();
        var saved = _depth;
        while (IsOperator("^"))
        {
            Deepen();
            _pos++;
            left = ParseRightOperand(left, "^", RightOperand.AtTimeZone);
        }

        _depth = saved;
        return left;
    }

    private SqlExpression ParseAtTimeZone()
    {
        var left = ParseCollate();
        var saved = _depth;
        while (Is(SqlKeyword.At) && IsAt(1, SqlKeyword.Time) && IsAt(2, SqlKeyword.Zone))
        {
            Deepen();
            _pos += 3;
            left = new AtTimeZoneExpression(left, ParseCollate());
        }

        _depth = saved;
        return left;
    }

    private SqlExpression ParseCollate()
    {
        var left = ParseUnary();
        var saved = _depth;
        while (Accept(SqlKeyword.Collate))
        {
            Deepen();
            var (schema, name) = ParseQualifiedName("a collation name");
            left = new CollateExpression(left, schema, name);
        }

        _depth = saved;
        return left;
    }

    private SqlExpression ParseUnary()
    {
        if (Current.Kind != SqlTokenKind.Operator)
        {
            return ParseOverlaps(ParsePostfix(ParsePrimary()));
        }

        var op = SqlTokenText.Operator(_text, Current);
        if (op is "*" or "/" or "%" or "^" || IsComparison(op))
        {
            throw Error($"'{op}' cannot start an expression");
        }

        _pos++;
        Enter();
        try
        {
            // A prefix + or - binds tightest; any other prefix operator takes everything up to the next
            // operator of its own precedence level (PostgreSQL's %prec Op), so ~ a + b is ~ (a + b).
            return new UnaryExpression(op, op is "+" or "-" ? ParseUnary() : ParseAdditive());
        }
        finally
        {
            _depth--;
        }
    }

    // row OVERLAPS row: both sides are row constructors, so it binds before any operator around it.
    private SqlExpression ParseOverlaps(SqlExpression left)
    {
        if (left is not RowExpression || !Is(SqlKeyword.Overlaps))
        {
            return left;
        }

        _pos++;
        var right = ParsePostfix(ParsePrimary());
        if (right is not RowExpression)
        {
            throw Error("OVERLAPS takes a row on each side, e.g. (start1, end1) OVERLAPS (start2, end2)");
        }

        return new BinaryExpression(left, "OVERLAPS", right);
    }

    private SqlExpression ParsePostfix(SqlExpression operand)
    {
        var saved = _depth;
        var fieldAllowed = _lastWasParenthesized;
        while (true)
        {
            if (AcceptKind(SqlTokenKind.Cast))
            {
                Deepen();
                operand = new CastExpression(operand, ParseTypeName(), CastSyntax.DoubleColon);
                fieldAllowed = false;
            }
            else if (AcceptKind(SqlTokenKind.LeftBracket))
            {
                Deepen();
                operand = ParseSubscript(operand);
                fieldAllowed = true;
            }
            else if (fieldAllowed && Current.Kind == SqlTokenKind.Dot)
            {
                Deepen();
                _pos++;
                if (IsOperator("*"))
                {
                    _pos++;
                    operand = new FieldSelectionExpression(operand, null);
                }
                else
                {
                    operand = new FieldSelectionExpression(operand, ParseLabel("a field name"));
                }
            }
            else
            {
                break;
            }
        }

        _depth = saved;
        _lastWasParenthesized = false;
        return operand;
    }

    private SubscriptExpression ParseSubscript(SqlExpression operand)
    {
        SqlExpression? lower = null;
        SqlExpression? upper = null;
        var slice = false;
        if (Current.Kind != SqlTokenKind.Colon)
        {
            lower = ParseExpression();
        }

        if (AcceptKind(SqlTokenKind.Colon))
        {
            slice = true;
            if (Current.Kind != SqlTokenKind.RightBracket)
            {
                upper = ParseExpression();
            }
        }

        if (!slice && lower is null)
        {
            throw Error("expected a subscript");
        }

        ExpectKind(SqlTokenKind.RightBracket, "']' after the subscript");
        return new SubscriptExpression(operand, lower, upper, slice);
    }

    private bool _lastWasParenthesized;

    private SqlExpression ParsePrimary()
    {
        var token = Current;
        _lastWasParenthesized = false;
        switch (token.Kind)
        {
            case SqlTokenKind.Integer or SqlTokenKind.Decimal:
                _pos++;
                return new LiteralExpression(LiteralKind.Number, _text.Substring(token.Start, token.End - token.Start));
            case SqlTokenKind.String:
                _pos++;
                return new LiteralExpression(LiteralKind.String, SqlTokenText.String(_text, token));
            case SqlTokenKind.BitString:
                _pos++;
                return new LiteralExpression(LiteralKind.BitString, CheckDigits(token, "01", "a bit string constant may hold only 0 and 1"));
            case SqlTokenKind.HexString:
                _pos++;
                return new LiteralExpression(LiteralKind.HexString, CheckDigits(token, "0123456789abcdefABCDEF", "a hexadecimal bit string constant may hold only hex digits"));
            case SqlTokenKind.NamedParameter:
                return ParseNamedParameter(token);
            case SqlTokenKind.PositionalParameter:
                if (_fragment)
                {
                    throw Error("a builder fragment takes '?' placeholders with bindings, not $n parameters");
                }

                _pos++;
                var digits = _text.AsSpan(token.ValueStart, token.ValueEnd - token.ValueStart);
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                {
                    throw SqlLexer.Error(_text, token.Start, "a positional parameter is $1 to $2147483647");
                }

                return new ParameterReferenceExpression(number.ToString(CultureInfo.InvariantCulture), positional: true);
            case SqlTokenKind.Placeholder:
                if (_binding >= _bindings.Count)
                {
                    throw Error($"the fragment has more '?' placeholders than the {_bindings.Count} binding(s) given (write \\? for a literal question mark)");
                }

                _pos++;
                return new ParameterExpression(_bindings[_binding++]);
            case SqlTokenKind.LeftParen:
                return ParseParenthesized();
            case SqlTokenKind.BracketIdentifier:
                return ParseBracketName(token);
            case SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier:
                return ParseIdentifierPrimary();
            case SqlTokenKind.End:
                throw Error("the expression ends too early");
            default:
                throw Error("expected an expression");
        }
    }

    private string CheckDigits(SqlToken token, string allowed, string problem)
    {
        var value = SqlTokenText.String(_text, token);
        foreach (var c in value)
        {
            if (!allowed.Contains(c, StringComparison.Ordinal))
            {
                throw SqlLexer.Error(_text, token.Start, problem);
            }
        }

        return value;
    }

    private ParameterReferenceExpression ParseNamedParameter(SqlToken token)
    {
        if (_fragment)
        {
            throw Error("a builder fragment takes '?' placeholders with bindings, not @name parameters");
        }

        var name = _text.Substring(token.ValueStart, token.ValueEnd - token.ValueStart);
        if (string.Equals(name, TenantParameterExpression.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw Error("@tenant is the parameter TenantDapper binds to the current tenant; name your parameter differently");
        }

        _pos++;
        return new ParameterReferenceExpression(name, positional: false);
    }

    private SqlExpression ParseParenthesized()
    {
        var open = _pos;
        _pos++;
        if (StartsQueryAfterParen())
        {
            if (Current.Kind != SqlTokenKind.LeftParen)
            {
                var query = ParseSelectStatement();
                ExpectKind(SqlTokenKind.RightParen, "')' after the sub-query");
                _lastWasParenthesized = true;
                return new SubqueryExpression(query);
            }

            // "((SELECT ...) ..." may be a parenthesized query or an expression that starts with a sub-query.
            if (TryParseSubqueryAt(open) is { } subquery)
            {
                _lastWasParenthesized = true;
                return subquery;
            }
        }

        var first = ParseExpression();
        if (Current.Kind == SqlTokenKind.Comma)
        {
            var items = new List<SqlExpression> { first };
            while (AcceptKind(SqlTokenKind.Comma))
            {
                items.Add(ParseExpression());
            }

            ExpectKind(SqlTokenKind.RightParen, "')' after the row");
            _lastWasParenthesized = true;
            return new RowExpression(items, explicitRow: false);
        }

        ExpectKind(SqlTokenKind.RightParen, "')'");
        _lastWasParenthesized = true;
        return first;
    }

    private SubqueryExpression? TryParseSubqueryAt(int open)
    {
        var binding = _binding;
        var depth = _depth;
        try
        {
            var query = ParseSelectStatement();
            if (Current.Kind == SqlTokenKind.RightParen)
            {
                _pos++;
                return new SubqueryExpression(query);
            }
        }
        catch (UnscopableSqlException)
        {
            // Not a query: parse the same text as an expression instead.
        }

        _pos = open + 1;
        _binding = binding;
        _depth = depth;
        return null;
    }

    private SqlExpression ParseIdentifierPrimary()
    {
        var token = Current;
        if (token.Kind == SqlTokenKind.Identifier)
        {
            if (ParseKeywordPrimary(token) is { } keyword)
            {
                return keyword;
            }

            if (IsReservedWord(token) && !(IsKindAt(1, SqlTokenKind.LeftParen) && !SqlKeywords.IsReserved(token.Keyword)))
            {
                throw Error($"unexpected keyword {_text.Substring(token.Start, token.End - token.Start).ToUpperInvariant()}");
            }
        }

        var parts = new NameParts(Name(token));
        _pos++;
        while (Current.Kind == SqlTokenKind.Dot)
        {
            if (IsKindAt(1, SqlTokenKind.Operator) && _tokens[_pos + 1].End - _tokens[_pos + 1].Start == 1 && _text[_tokens[_pos + 1].Start] == '*')
            {
                _pos += 2;
                return new AllColumnsExpression(Qualifier(parts, token));
            }

            _pos++;
            parts.Add(ParseLabel("a name after '.'"));
        }

        if (Current.Kind == SqlTokenKind.LeftParen)
        {
            return ParseFunctionCall(parts, token);
        }

        if (Current.Kind == SqlTokenKind.String && parts.Count <= 2)
        {
            // A typed literal with a type name: date '2020-01-01', pg_catalog.date '...'.
            var type = new TypeName(parts.Count == 2 ? parts[0] : null, parts[^1], isKeyword: false, [], 0);
            var literal = Current;
            _pos++;
            return new CastExpression(new LiteralExpression(LiteralKind.String, SqlTokenText.String(_text, literal)), type, CastSyntax.Prefix);
        }

        return ColumnFromParts(parts, token);
    }

    // [x], [t.x], or brackets joined by dots as SqlKata writes them: [t].[x], [s].[t].[x], [t].x, [t].*.
    private SqlExpression ParseBracketName(SqlToken token)
    {
        _pos++;
        var parts = default(NameParts);
        foreach (var part in BracketParts(token))
        {
            parts.Add(part);
        }

        while (Current.Kind == SqlTokenKind.Dot)
        {
            var next = _pos + 1 < _tokens.Count ? _tokens[_pos + 1] : Current;
            if (next.Kind == SqlTokenKind.BracketIdentifier)
            {
                _pos += 2;
                foreach (var part in BracketParts(next))
                {
                    parts.Add(part);
                }
            }
            else if (next.Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier)
            {
                _pos += 2;
                parts.Add(Name(next));
            }
            else if (next.Kind == SqlTokenKind.Operator && SqlTokenText.Operator(_text, next) == "*")
            {
                _pos += 2;
                return new AllColumnsExpression(Qualifier(parts, token));
            }
            else
            {
                break;
            }
        }

        return ColumnFromParts(parts, token);
    }

    private SqlExpression ColumnFromParts(in NameParts parts, SqlToken token) => parts.Count switch
    {
        1 => new ColumnExpression(null, parts[0]),
        2 => new ColumnExpression(QualifierOf(parts[0]), parts[1]),
        3 => new ColumnExpression(new TableQualifier(parts[0], parts[1]), parts[2]),
        _ => throw SqlLexer.Error(_text, token.Start, "names with a database (catalog.schema.table.column) are not supported"),
    };

    // A text names the same few aliases over and over: their columns share one qualifier (it is immutable).
    private TableQualifier QualifierOf(string name)
    {
        foreach (var known in _qualifiers)
        {
            if (string.Equals(known.Name, name, StringComparison.Ordinal))
            {
                return known;
            }
        }

        var qualifier = TableQualifier.Of(name);
        if (_qualifiers.Count < MaxSharedQualifiers)
        {
            _qualifiers.Add(qualifier);
        }

        return qualifier;
    }

    // The qualifier of a column or *: a table (or alias), or schema.table, each part one identifier.
    private TableQualifier Qualifier(in NameParts parts, SqlToken token) => parts.Count switch
    {
        1 => TableQualifier.Of(parts[0]),
        2 => new TableQualifier(parts[0], parts[1]),
        _ => throw SqlLexer.Error(_text, token.Start, "names with a database (catalog.schema.table) are not supported"),
    };

    private SqlExpression? ParseKeywordPrimary(SqlToken token)
    {
        var word = _text.AsSpan(token.Start, token.End - token.Start);
        var next = IsKindAt(1, SqlTokenKind.LeftParen);
        switch (word.Length)
        {
            case 4 when Is(SqlKeyword.True):
                _pos++;
                return BooleanLiteral.True;
            case 5 when Is(SqlKeyword.False):
                _pos++;
                return BooleanLiteral.False;
            case 4 when Is(SqlKeyword.Null):
                _pos++;
                return LiteralExpression.Null;
            case 4 when Is(SqlKeyword.Case):
                return ParseCase();
            case 4 when Is(SqlKeyword.Cast) && next:
                _pos += 2;
                var operand = ParseExpression();
                Expect(SqlKeyword.As);
                var type = ParseTypeName();
                ExpectKind(SqlTokenKind.RightParen, "')' after CAST");
                return new CastExpression(operand, type, CastSyntax.Function);
            case 6 when Is(SqlKeyword.Exists) && next:
                _pos += 2;
                var exists = new ExistsExpression(ParseSelectStatement(), negated: false);
                ExpectKind(SqlTokenKind.RightParen, "')' after EXISTS");
                return exists;
            case 3 when Is(SqlKeyword.Not):
                return ParseNot();
            case 5 when Is(SqlKeyword.Array):
                return ParseArrayConstructor();
            case 3 when Is(SqlKeyword.Row) && next:
                _pos += 2;
                IReadOnlyList<SqlExpression> items = Current.Kind == SqlTokenKind.RightParen ? [] : ParseExpressionList(expandLists: false);
                ExpectKind(SqlTokenKind.RightParen, "')' after ROW");
                return new RowExpression(items, explicitRow: true);
            case 7 when Is(SqlKeyword.Default):
                if (!_allowDefault)
                {
                    throw Error("DEFAULT can only be a value of INSERT ... VALUES or UPDATE ... SET");
                }

                _pos++;
                return DefaultValueExpression.Instance;
        }

        if (ParseSqlValueFunction() is { } value)
        {
            return value;
        }

        if (next && ParseSpecialFunction(word) is { } special)
        {
            return special;
        }

        if (IsTypeKeyword(token.Keyword) && TryParseTypedLiteral() is { } typed)
        {
            return typed;
        }

        return null;
    }

    private KeywordValueExpression? ParseSqlValueFunction()
    {
        string keyword;
        var precision = false;
        if (Is(SqlKeyword.CurrentDate))
        {
            keyword = "CURRENT_DATE";
        }
        else if (Is(SqlKeyword.CurrentTime) || Is(SqlKeyword.CurrentTimestamp) || Is(SqlKeyword.Localtime) || Is(SqlKeyword.Localtimestamp))
        {
            keyword = Folded(Current).ToUpperInvariant();
            precision = true;
        }
        else if (Is(SqlKeyword.CurrentUser) || Is(SqlKeyword.SessionUser) || Is(SqlKeyword.User) || Is(SqlKeyword.CurrentRole) || Is(SqlKeyword.CurrentCatalog))
        {
            keyword = Folded(Current).ToUpperInvariant();
        }
        else if (Is(SqlKeyword.CurrentSchema) && !IsKindAt(1, SqlTokenKind.LeftParen))
        {
            keyword = "CURRENT_SCHEMA";
        }
        else
        {
            return null;
        }

        _pos++;
        int? digits = null;
        if (precision && AcceptKind(SqlTokenKind.LeftParen))
        {
            digits = ParseSmallInteger("a precision");
            ExpectKind(SqlTokenKind.RightParen, "')' after the precision");
        }

        return new KeywordValueExpression(keyword, digits);
    }

    private string Folded(SqlToken token) => SqlTokenText.Folded(_text, token);

    private int ParseSmallInteger(string what)
    {
        var token = Current;
        if (token.Kind != SqlTokenKind.Integer
            || !int.TryParse(_text.AsSpan(token.Start, token.End - token.Start), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw Error("expected " + what + " (an integer)");
        }

        _pos++;
        return value;
    }

    private CaseExpression ParseCase()
    {
        Expect(SqlKeyword.Case);
        var operand = Is(SqlKeyword.When) ? null : ParseExpression();
        var whens = new List<CaseWhen>();
        while (Accept(SqlKeyword.When))
        {
            var when = ParseExpression();
            Expect(SqlKeyword.Then);
            whens.Add(new CaseWhen(when, ParseExpression()));
        }

        if (whens.Count == 0)
        {
            throw Error("CASE needs at least one WHEN");
        }

        var @else = Accept(SqlKeyword.Else) ? ParseExpression() : null;
        Expect(SqlKeyword.End);
        return new CaseExpression(operand, whens, @else);
    }

    private SqlExpression ParseArrayConstructor()
    {
        Expect(SqlKeyword.Array);
        if (AcceptKind(SqlTokenKind.LeftParen))
        {
            var query = ParseSelectStatement();
            ExpectKind(SqlTokenKind.RightParen, "')' after ARRAY(sub-query)");
            return new ArraySubqueryExpression(query);
        }

        if (Current.Kind != SqlTokenKind.LeftBracket)
        {
            throw Error("expected '[' or '(' after ARRAY");
        }

        return ParseArrayElements();
    }

    private ArrayExpression ParseArrayElements()
    {
        ExpectKind(SqlTokenKind.LeftBracket, "'['");
        Enter();
        try
        {
            var elements = new List<SqlExpression>();
            if (Current.Kind != SqlTokenKind.RightBracket)
            {
                do
                {
                    elements.Add(Current.Kind == SqlTokenKind.LeftBracket ? ParseArrayElements() : ParseExpression());
                }
                while (AcceptKind(SqlTokenKind.Comma));
            }

            ExpectKind(SqlTokenKind.RightBracket, "']' after the array's elements");
            return new ArrayExpression(elements);
        }
        finally
        {
            _depth--;
        }
    }

    // extract, position, substring, trim and overlay have their own syntax; each is the plain call of a
    // pg_catalog function, which is what PostgreSQL itself turns them into.
    private FunctionCallExpression? ParseSpecialFunction(ReadOnlySpan<char> word)
    {
        if (Is(SqlKeyword.Extract))
        {
            _pos += 2;
            string field;
            if (Current.Kind == SqlTokenKind.String)
            {
                field = SqlTokenText.String(_text, Current);
            }
            else if (Current.Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier)
            {
                field = Name(Current);
            }
            else
            {
                throw Error("expected a field name after EXTRACT(");
            }

            _pos++;
            Expect(SqlKeyword.From);
            var source = ParseExpression();
            ExpectKind(SqlTokenKind.RightParen, "')' after EXTRACT");
            return Catalog("extract", new LiteralExpression(LiteralKind.String, field), source);
        }

        if (Is(SqlKeyword.Position))
        {
            _pos += 2;
            var needle = ParseOther();
            Expect(SqlKeyword.In);
            var haystack = ParseOther();
            ExpectKind(SqlTokenKind.RightParen, "')' after POSITION");
            return Catalog("position", haystack, needle);
        }

        if (Is(SqlKeyword.Substring))
        {
            return ParseSubstring();
        }

        if (Is(SqlKeyword.Trim))
        {
            return ParseTrim();
        }

        if (Is(SqlKeyword.Overlay))
        {
            var start = _pos;
            _pos += 2;
            var text = ParseExpression();
            if (!Accept(SqlKeyword.Placing))
            {
                _pos = start;
                return null;
            }

            var replacement = ParseExpression();
            Expect(SqlKeyword.From);
            var from = ParseExpression();
            var call = Accept(SqlKeyword.For) ? Catalog("overlay", text, replacement, from, ParseExpression()) : Catalog("overlay", text, replacement, from);
            ExpectKind(SqlTokenKind.RightParen, "')' after OVERLAY");
            return call;
        }

        if (word.Equals("normalize", StringComparison.OrdinalIgnoreCase) || word.Equals("treat", StringComparison.OrdinalIgnoreCase)
            || word.StartsWith("xml", StringComparison.OrdinalIgnoreCase) && SqlKeywords.NeedsQuotes(Folded(Current))
            || (word.Equals("collation", StringComparison.OrdinalIgnoreCase) && IsAt(1, SqlKeyword.For)))
        {
            throw Error($"{word.ToString().ToUpperInvariant()}(...) is not supported");
        }

        return null;
    }

    private FunctionCallExpression? ParseSubstring()
    {
        var start = _pos;
        _pos += 2;
        var text = ParseExpression();
        if (Current.Kind is SqlTokenKind.Comma or SqlTokenKind.RightParen)
        {
            _pos = start;
            return null;
        }

        FunctionCallExpression call;
        if (Accept(SqlKeyword.Similar))
        {
            var pattern = ParseExpression();
            Expect(SqlKeyword.Escape);
            call = Catalog("substring", text, pattern, ParseExpression());
        }
        else if (Accept(SqlKeyword.From))
        {
            var from = ParseExpression();
            call = Accept(SqlKeyword.For) ? Catalog("substring", text, from, ParseExpression()) : Catalog("substring", text, from);
        }
        else
        {
            Expect(SqlKeyword.For);
            var count = ParseExpression();
            call = Accept(SqlKeyword.From) ? Catalog("substring", text, ParseExpression(), count) : Catalog("substring", text, new LiteralExpression(LiteralKind.Number, "1"), count);
        }

        ExpectKind(SqlTokenKind.RightParen, "')' after SUBSTRING");
        return call;
    }

    private FunctionCallExpression ParseTrim()
    {
        _pos += 2;
        var function = "btrim";
        if (Accept(SqlKeyword.Leading))
        {
            function = "ltrim";
        }
        else if (Accept(SqlKeyword.Trailing))
        {
            function = "rtrim";
        }
        else
        {
            Accept(SqlKeyword.Both);
        }

        List<SqlExpression> args;
        if (Accept(SqlKeyword.From))
        {
            args = [.. ParseExpressionList(expandLists: false)];
        }
        else
        {
            var first = ParseExpressionList(expandLists: false);
            if (Accept(SqlKeyword.From))
            {
                // trim(chars FROM text): the text comes first in the function.
                if (first.Count != 1)
                {
                    throw Error("TRIM takes one list of characters before FROM");
                }

                args = [.. ParseExpressionList(expandLists: false), first[0]];
            }
            else
            {
                args = [.. first];
            }
        }

        ExpectKind(SqlTokenKind.RightParen, "')' after TRIM");
        return new FunctionCallExpression("pg_catalog", function, args, false, false, [], false, null, null);
    }

    private static FunctionCallExpression Catalog(string name, params SqlExpression[] args) =>
        new("pg_catalog", name, args, false, false, [], false, null, null);

    private FunctionCallExpression ParseFunctionCall(in NameParts parts, SqlToken token)
    {
        if (parts.Count > 2)
        {
            throw SqlLexer.Error(_text, token.Start, "function names with a database (catalog.schema.function) are not supported");
        }

        if (parts.Count == 1 && token.Kind == SqlTokenKind.Identifier)
        {
            var word = _text.AsSpan(token.Start, token.End - token.Start);
            if (SqlKeywords.NeedsQuotes(parts[0]) && !SqlKeywords.IsPlainCallKeyword(parts[0]) && !SqlKeywords.IsTypeOrFunctionOnly(token.Keyword))
            {
                throw SqlLexer.Error(_text, token.Start, $"{word.ToString().ToUpperInvariant()}(...) is not a function call TenantDapper supports");
            }
        }

        string? schema = parts.Count == 2 ? parts[0] : null;
        var name = parts[^1];
        ExpectKind(SqlTokenKind.LeftParen, "'('");
        Enter();
        try
        {
            IReadOnlyList<SqlExpression> args = [];
            var distinct = false;
            var variadic = false;
            IReadOnlyList<OrderItem> orderBy = [];
            if (IsOperator("*") && IsKindAt(1, SqlTokenKind.RightParen))
            {
                _pos++;
                args = [AllColumnsExpression.Unqualified];
            }
            else if (Current.Kind != SqlTokenKind.RightParen)
            {
                if (Accept(SqlKeyword.Distinct))
                {
                    distinct = true;
                }
                else
                {
                    Accept(SqlKeyword.All);
                }

                var list = new List<SqlExpression>();
                do
                {
                    if (variadic)
                    {
                        throw Error("VARIADIC must mark the last argument");
                    }

                    variadic = Accept(SqlKeyword.Variadic);
                    list.Add(ParseArgument());
                }
                while (AcceptKind(SqlTokenKind.Comma));

                args = list;
                if (Is(SqlKeyword.Order))
                {
                    _pos++;
                    Expect(SqlKeyword.By);
                    orderBy = ParseOrderList();
                }
            }

            ExpectKind(SqlTokenKind.RightParen, "')' after the function's arguments");
            var withinGroup = false;
            if (Is(SqlKeyword.Within) && IsAt(1, SqlKeyword.Group))
            {
                if (orderBy.Count > 0)
                {
                    throw Error("an aggregate cannot have both ORDER BY in its arguments and WITHIN GROUP");
                }

                _pos += 2;
                ExpectKind(SqlTokenKind.LeftParen, "'(' after WITHIN GROUP");
                Expect(SqlKeyword.Order);
                Expect(SqlKeyword.By);
                orderBy = ParseOrderList();
                ExpectKind(SqlTokenKind.RightParen, "')' after WITHIN GROUP (ORDER BY ...)");
                withinGroup = true;
            }

            SqlExpression? filter = null;
            if (Is(SqlKeyword.Filter) && IsKindAt(1, SqlTokenKind.LeftParen))
            {
                _pos += 2;
                Expect(SqlKeyword.Where);
                filter = ParseExpression();
                ExpectKind(SqlTokenKind.RightParen, "')' after FILTER (WHERE ...)");
            }

            WindowDefinition? over = null;
            if (Accept(SqlKeyword.Over))
            {
                if (Current.Kind == SqlTokenKind.LeftParen)
                {
                    over = ParseWindowSpecification(null);
                }
                else
                {
                    over = new WindowDefinition(null, ParseColumnId("a window name"), true, [], [], null);
                }
            }

            return new FunctionCallExpression(schema, name, args, distinct, variadic, orderBy, withinGroup, filter, over);
        }
        finally
        {
            _depth--;
        }
    }

    private SqlExpression ParseArgument()
    {
        if (Current.Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier
            && (IsKindAt(1, SqlTokenKind.EqualsGreater) || IsKindAt(1, SqlTokenKind.ColonEquals)))
        {
            var name = Name(Current);
            _pos += 2;
            return new NamedArgumentExpression(name, ParseExpression());
        }

        return ParseExpression();
    }

    private WindowDefinition ParseWindowSpecification(string? name)
    {
        ExpectKind(SqlTokenKind.LeftParen, "'(' before the window's definition");
        string? reference = null;
        if (Current.Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier
            && !Is(SqlKeyword.Partition) && !Is(SqlKeyword.Order) && !Is(SqlKeyword.Range) && !Is(SqlKeyword.Rows) && !Is(SqlKeyword.Groups))
        {
            reference = ParseColumnId("a window name");
        }

        IReadOnlyList<SqlExpression> partitionBy = [];
        if (Accept(SqlKeyword.Partition))
        {
            Expect(SqlKeyword.By);
            partitionBy = ParseExpressionList(expandLists: false);
        }

        IReadOnlyList<OrderItem> orderBy = [];
        if (Is(SqlKeyword.Order))
        {
            _pos++;
            Expect(SqlKeyword.By);
            orderBy = ParseOrderList();
        }

        WindowFrame? frame = null;
        if (Is(SqlKeyword.Range) || Is(SqlKeyword.Rows) || Is(SqlKeyword.Groups))
        {
            frame = ParseFrame();
        }

        ExpectKind(SqlTokenKind.RightParen, "')' after the window's definition");
        return new WindowDefinition(name, reference, false, partitionBy, orderBy, frame);
    }

    private WindowFrame ParseFrame()
    {
        var mode = Is(SqlKeyword.Range) ? FrameMode.Range : Is(SqlKeyword.Rows) ? FrameMode.Rows : FrameMode.Groups;
        _pos++;
        FrameBoundKind startKind;
        SqlExpression? startOffset;
        FrameBoundKind? endKind = null;
        SqlExpression? endOffset = null;
        if (Accept(SqlKeyword.Between))
        {
            (startKind, startOffset) = ParseFrameBound();
            Expect(SqlKeyword.And);
            var (kind, offset) = ParseFrameBound();
            endKind = kind;
            endOffset = offset;
        }
        else
        {
            (startKind, startOffset) = ParseFrameBound();
        }

        var exclusion = FrameExclusion.None;
        if (Accept(SqlKeyword.Exclude))
        {
            if (Accept(SqlKeyword.Current))
            {
                Expect(SqlKeyword.Row);
                exclusion = FrameExclusion.CurrentRow;
            }
            else if (Accept(SqlKeyword.Group))
            {
                exclusion = FrameExclusion.Group;
            }
            else if (Accept(SqlKeyword.Ties))
            {
                exclusion = FrameExclusion.Ties;
            }
            else
            {
                Expect(SqlKeyword.No);
                Expect(SqlKeyword.Others);
                exclusion = FrameExclusion.NoOthers;
            }
        }

        return new WindowFrame(mode, startKind, startOffset, endKind, endOffset, exclusion);
    }

    private (FrameBoundKind Kind, SqlExpression? Offset) ParseFrameBound()
    {
        if (Is(SqlKeyword.Unbounded) && (IsAt(1, SqlKeyword.Preceding) || IsAt(1, SqlKeyword.Following)))
        {
            _pos++;
            return (Accept(SqlKeyword.Preceding) ? FrameBoundKind.UnboundedPreceding : Next(FrameBoundKind.UnboundedFollowing), null);
        }

        if (Is(SqlKeyword.Current) && IsAt(1, SqlKeyword.Row))
        {
            _pos += 2;
            return (FrameBoundKind.CurrentRow, null);
        }

        var offset = ParseOther();
        if (Accept(SqlKeyword.Preceding))
        {
            return (FrameBoundKind.Preceding, offset);
        }

        Expect(SqlKeyword.Following);
        return (FrameBoundKind.Following, offset);
    }

    private FrameBoundKind Next(FrameBoundKind kind)
    {
        _pos++;
        return kind;
    }

    // ---- types ----

    private static bool IsTypeKeyword(SqlKeyword keyword) => keyword is SqlKeyword.Int or SqlKeyword.Integer or SqlKeyword.Smallint
        or SqlKeyword.Bigint or SqlKeyword.Real or SqlKeyword.Float or SqlKeyword.Double or SqlKeyword.Decimal or SqlKeyword.Dec
        or SqlKeyword.Numeric or SqlKeyword.Boolean or SqlKeyword.Char or SqlKeyword.Character or SqlKeyword.Varchar or SqlKeyword.Bit
        or SqlKeyword.Time or SqlKeyword.Timestamp or SqlKeyword.Interval;

    // "timestamp '2020-01-01'", "double precision '1.5'", "interval '1 day'": a type keyword followed by a string.
    private CastExpression? TryParseTypedLiteral()
    {
        var start = _pos;
        TypeName type;
        try
        {
            type = ParseTypeName();
        }
        catch (UnscopableSqlException)
        {
            _pos = start;
            return null;
        }

        if (Current.Kind != SqlTokenKind.String || type.ArrayDimensions > 0)
        {
            _pos = start;
            return null;
        }

        var literal = Current;
        _pos++;
        if (type.Name == "interval" && (Is(SqlKeyword.Year) || Is(SqlKeyword.Month) || Is(SqlKeyword.Day) || Is(SqlKeyword.Hour) || Is(SqlKeyword.Minute) || Is(SqlKeyword.Second)))
        {
            throw Error("interval literals with a field qualifier (interval '1' day) are not supported; write interval '1 day'");
        }

        return new CastExpression(new LiteralExpression(LiteralKind.String, SqlTokenText.String(_text, literal)), type, CastSyntax.Prefix);
    }

    private TypeName ParseTypeName()
    {
        Enter();
        try
        {
            var type = ParseBaseType();
            var dimensions = 0;
            while (Current.Kind == SqlTokenKind.LeftBracket)
            {
                _pos++;
                if (Current.Kind == SqlTokenKind.Integer)
                {
                    _pos++;
                }

                ExpectKind(SqlTokenKind.RightBracket, "']' in an array type");
                dimensions++;
            }

            if (dimensions == 0 && Accept(SqlKeyword.Array))
            {
                dimensions = 1;
                if (AcceptKind(SqlTokenKind.LeftBracket))
                {
                    ParseSmallInteger("an array size");
                    ExpectKind(SqlTokenKind.RightBracket, "']' in an array type");
                }
            }

            return dimensions == 0 ? type : new TypeName(type.Schema, type.Name, type.IsKeyword, type.Modifiers, dimensions);
        }
        finally
        {
            _depth--;
        }
    }

    private TypeName ParseBaseType()
    {
        if (Current.Kind == SqlTokenKind.Identifier)
        {
            if (Is(SqlKeyword.Setof))
            {
                throw Error("SETOF is not supported here");
            }

            if (Is(SqlKeyword.National) || Is(SqlKeyword.Nchar))
            {
                throw Error("NATIONAL CHARACTER types are not supported; use character or text");
            }

            var keyword = KeywordType();
            if (keyword is not null)
            {
                return keyword;
            }
        }

        if (Current.Kind == SqlTokenKind.Identifier && IsReservedWord(Current))
        {
            throw Error("expected a type name");
        }

        var (schema, name) = ParseQualifiedName("a type name");
        if (_text.AsSpan(Current.Start, Math.Min(1, _text.Length - Current.Start)).SequenceEqual("%"))
        {
            throw Error("%TYPE is not supported");
        }

        return new TypeName(schema, name, isKeyword: false, ParseModifiers(), 0);
    }

    private TypeName? KeywordType()
    {
        string name;
        if (Accept(SqlKeyword.Int) || Accept(SqlKeyword.Integer))
        {
            return Keyword("integer", []);
        }

        if (Accept(SqlKeyword.Smallint))
        {
            return Keyword("smallint", []);
        }

        if (Accept(SqlKeyword.Bigint))
        {
            return Keyword("bigint", []);
        }

        if (Accept(SqlKeyword.Real))
        {
            return Keyword("real", []);
        }

        if (Accept(SqlKeyword.Boolean))
        {
            return Keyword("boolean", []);
        }

        if (Accept(SqlKeyword.Float))
        {
            return Keyword("float", ParseModifiers());
        }

        if (Is(SqlKeyword.Double) && IsAt(1, SqlKeyword.Precision))
        {
            _pos += 2;
            return Keyword("double precision", []);
        }

        if (Accept(SqlKeyword.Decimal) || Accept(SqlKeyword.Dec) || Accept(SqlKeyword.Numeric))
        {
            return Keyword("numeric", ParseModifiers());
        }

        if (Accept(SqlKeyword.Varchar))
        {
            return Keyword("character varying", ParseModifiers());
        }

        if (Accept(SqlKeyword.Char) || Accept(SqlKeyword.Character))
        {
            name = Accept(SqlKeyword.Varying) ? "character varying" : "character";
            return Keyword(name, ParseModifiers());
        }

        if (Accept(SqlKeyword.Bit))
        {
            name = Accept(SqlKeyword.Varying) ? "bit varying" : "bit";
            return Keyword(name, ParseModifiers());
        }

        if (Is(SqlKeyword.Time) || Is(SqlKeyword.Timestamp))
        {
            name = Folded(Current);
            _pos++;
            var modifiers = ParseModifiers();
            if (Is(SqlKeyword.With) && IsAt(1, SqlKeyword.Time) && IsAt(2, SqlKeyword.Zone))
            {
                _pos += 3;
                name += " with time zone";
            }
            else if (Is(SqlKeyword.Without) && IsAt(1, SqlKeyword.Time) && IsAt(2, SqlKeyword.Zone))
            {
                _pos += 3;
            }

            return Keyword(name, modifiers);
        }

        if (Accept(SqlKeyword.Interval))
        {
            var modifiers = ParseModifiers();
            if (Is(SqlKeyword.Year) || Is(SqlKeyword.Month) || Is(SqlKeyword.Day) || Is(SqlKeyword.Hour) || Is(SqlKeyword.Minute) || Is(SqlKeyword.Second))
            {
                throw Error("interval types with fields (interval day to second) are not supported");
            }

            return Keyword("interval", modifiers);
        }

        return null;
    }

    private static TypeName Keyword(string name, IReadOnlyList<int> modifiers) => new(null, name, isKeyword: true, modifiers, 0);

    private IReadOnlyList<int> ParseModifiers()
    {
        if (Current.Kind != SqlTokenKind.LeftParen)
        {
            return [];
        }

        _pos++;
        var modifiers = new List<int>(2);
        do
        {
            modifiers.Add(ParseSmallInteger("a type modifier"));
        }
        while (AcceptKind(SqlTokenKind.Comma));

        ExpectKind(SqlTokenKind.RightParen, "')' after the type's modifiers");
        return modifiers;
    }

    /// <summary>Which precedence level parses the right operand of a binary operator (a method group would be a new delegate per operator).</summary>
    private enum RightOperand
    {
        Predicate,
        Other,
        Additive,
        Multiplicative,
        Exponent,
        AtTimeZone,
    }
}
