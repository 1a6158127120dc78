using System.Collections;
using System.Runtime.CompilerServices;
using System.Text;
using TenantDapper.Syntax;

namespace TenantDapper.Parsing;

/// <summary>
/// The recursive-descent parser behind <see cref="SqlParser"/>: statements and queries here, expressions in
/// <c>SqlTextParser.Expressions.cs</c>, FROM items in <c>SqlTextParser.Sources.cs</c>. Every recursive step
/// counts its depth, so no input can overflow the stack. One instance per thread is reused with its token list.
/// </summary>
internal sealed partial class SqlTextParser
{
    private const int MaxNameBytes = 63;

    [ThreadStatic]
    private static SqlTextParser? _cached;

    private const int MaxSharedQualifiers = 16;

    private readonly List<SqlToken> _tokens = new(64);
    private readonly List<TableQualifier> _qualifiers = new(MaxSharedQualifiers);
    private string _text = string.Empty;
    private bool _fragment;
    private IReadOnlyList<object?> _bindings = [];
    private int _binding;
    private int _pos;
    private int _depth;
    private int _statementDepth;
    private bool _allowDefault;

    public int Position => _pos < _tokens.Count ? _tokens[_pos].Start : _text.Length;

    private SqlToken Current => _tokens[_pos];

    public static SqlTextParser Rent(string text, bool fragment, IReadOnlyList<object?> bindings)
    {
        var parser = _cached ?? new SqlTextParser();
        _cached = null;
        parser._text = text;
        parser._fragment = fragment;
        parser._bindings = bindings;
        parser._binding = 0;
        parser._pos = 0;
        parser._depth = 0;
        parser._statementDepth = 0;
        parser._allowDefault = false;
        parser._tokens.Clear();
        parser._qualifiers.Clear();
        SqlLexer.Lex(text, fragment, parser._tokens);
        return parser;
    }

    public static void Return(SqlTextParser parser)
    {
        parser._text = string.Empty;
        parser._bindings = [];
        parser._qualifiers.Clear();
        if (parser._tokens.Capacity <= 4096)
        {
            parser._tokens.Clear();
            _cached = parser;
        }
    }

    public SqlStatement ParseWholeStatement()
    {
        var statement = ParseStatement();
        if (Current.Kind == SqlTokenKind.Semicolon)
        {
            _pos++;
            if (Current.Kind != SqlTokenKind.End)
            {
                throw Error("only one statement can be sent at a time; send each statement separately");
            }
        }

        ExpectEnd();
        return statement;
    }

    public SqlExpression ParseExpressionFragment()
    {
        var expression = ParseExpression();
        ExpectFragmentEnd();
        return expression;
    }

    public IReadOnlyList<SelectItem> ParseSelectItemsFragment()
    {
        var items = ParseSelectList();
        ExpectFragmentEnd();
        return items;
    }

    public IReadOnlyList<OrderItem> ParseOrderItemsFragment()
    {
        var items = ParseOrderList();
        ExpectFragmentEnd();
        return items;
    }

    public IReadOnlyList<SqlExpression> ParseGroupByFragment()
    {
        var items = ParseGroupByList();
        ExpectFragmentEnd();
        return items;
    }

    public IReadOnlyList<TableSource> ParseTableSourcesFragment()
    {
        var items = ParseFromList();
        ExpectFragmentEnd();
        return items;
    }

    public SelectStatement ParseQueryFragment()
    {
        var query = ParseSelectStatement();
        ExpectFragmentEnd();
        return query;
    }

    public SqlExpression ParseWriteValueFragment()
    {
        Enter();
        try
        {
            var value = ParseAssignedValue();
            ExpectFragmentEnd();
            return value;
        }
        finally
        {
            _depth--;
        }
    }

    public SetOperationTail ParseSetOperationTailFragment()
    {
        if (!Is(SqlKeyword.Union) && !Is(SqlKeyword.Intersect) && !Is(SqlKeyword.Except))
        {
            throw Error("a raw set operation starts with UNION, INTERSECT or EXCEPT, e.g. \"UNION ALL SELECT ...\"");
        }

        var arms = new List<(SetOperator, bool, SelectStatement)>();
        var saved = _depth;
        while (Is(SqlKeyword.Union) || Is(SqlKeyword.Intersect) || Is(SqlKeyword.Except))
        {
            Deepen();
            var op = Is(SqlKeyword.Union) ? SetOperator.Union : Is(SqlKeyword.Intersect) ? SetOperator.Intersect : SetOperator.Except;
            _pos++;
            var all = ParseSetQuantifier();
            var (arm, armWith) = ParseQueryPrimary();
            arms.Add((op, all, new SelectStatement(armWith, arm)));
        }

        _depth = saved;
        var modifiers = ParseQueryModifiers(SetOperationTail.Head) as OrderedQuery;
        ExpectFragmentEnd();
        return new SetOperationTail(arms, modifiers);
    }

    private void ExpectFragmentEnd()
    {
        ExpectEnd();
        if (_binding != _bindings.Count)
        {
            throw SqlLexer.Error(_text, _text.Length, $"the fragment has {_binding} '?' placeholder(s) but {_bindings.Count} binding(s) were given");
        }
    }

    private void ExpectEnd()
    {
        if (Current.Kind == SqlTokenKind.Semicolon)
        {
            throw Error("a ';' cannot appear here: only one statement can be sent at a time");
        }

        if (Current.Kind != SqlTokenKind.End)
        {
            throw Error("unexpected text after the end of the " + (_fragment ? "fragment" : "statement"));
        }
    }

    // ---- statements ----

    private SqlStatement ParseStatement()
    {
        Enter();
        _statementDepth++;
        try
        {
            var with = ParseWithClause(allowWrites: _statementDepth == 1);
            if (Is(SqlKeyword.Insert))
            {
                return ParseInsert(with);
            }

            if (Is(SqlKeyword.Update))
            {
                return ParseUpdate(with);
            }

            if (Is(SqlKeyword.Delete))
            {
                return ParseDelete(with);
            }

            if (StartsQuery())
            {
                return ParseSelectRest(with);
            }

            throw Error("only SELECT, INSERT, UPDATE and DELETE statements are supported");
        }
        finally
        {
            _statementDepth--;
            _depth--;
        }
    }

    private SelectStatement ParseSelectStatement()
    {
        Enter();
        _statementDepth++;
        try
        {
            var with = ParseWithClause(allowWrites: false);
            return ParseSelectRest(with);
        }
        finally
        {
            _statementDepth--;
            _depth--;
        }
    }

    private bool StartsQuery() => Is(SqlKeyword.Select) || Is(SqlKeyword.Values) || Is(SqlKeyword.Table) || Current.Kind == SqlTokenKind.LeftParen;

    private IReadOnlyList<CommonTableExpression> ParseWithClause(bool allowWrites)
    {
        if (!Is(SqlKeyword.With))
        {
            return [];
        }

        _pos++;
        var recursive = Accept(SqlKeyword.Recursive);
        var ctes = new List<CommonTableExpression>(2);
        do
        {
            var nameToken = Current;
            var name = ParseColumnId("a CTE name");
            IReadOnlyList<string> columns = Current.Kind == SqlTokenKind.LeftParen ? ParseNameList() : [];
            Expect(SqlKeyword.As);
            bool? materialized = null;
            if (Is(SqlKeyword.Not) && IsAt(1, SqlKeyword.Materialized))
            {
                _pos += 2;
                materialized = false;
            }
            else if (Accept(SqlKeyword.Materialized))
            {
                materialized = true;
            }

            ExpectKind(SqlTokenKind.LeftParen, "'(' before the CTE's body");
            CommonTableExpression cte;
            if (Is(SqlKeyword.Insert) || Is(SqlKeyword.Update) || Is(SqlKeyword.Delete))
            {
                if (!allowWrites)
                {
                    throw Error("a WITH clause holding INSERT, UPDATE or DELETE must be at the top level of the statement");
                }

                var write = ParseStatement();
                cte = new CommonTableExpression(name, null, null, columns, write, materialized, recursive);
            }
            else
            {
                var query = ParseSelectStatement();
                cte = new CommonTableExpression(name, query, null, columns, null, materialized, recursive);
            }

            ExpectKind(SqlTokenKind.RightParen, "')' after the CTE's body");
            if (Is(SqlKeyword.Search) || Is(SqlKeyword.Cycle))
            {
                throw Error("SEARCH and CYCLE clauses of a recursive CTE are not supported");
            }

            for (var i = 0; i < ctes.Count; i++)
            {
                if (string.Equals(ctes[i].Name, name, StringComparison.Ordinal))
                {
                    throw SqlLexer.Error(_text, nameToken.Start, $"the CTE name '{name}' is used twice");
                }
            }

            ctes.Add(cte);
        }
        while (AcceptKind(SqlTokenKind.Comma));

        return ctes;
    }

    private SelectStatement ParseSelectRest(IReadOnlyList<CommonTableExpression> with)
    {
        var (body, innerWith) = ParseSetOperations();
        body = ParseQueryModifiers(body);
        if (innerWith.Count > 0)
        {
            if (with.Count > 0)
            {
                throw Error("a parenthesized query with its own WITH cannot follow another WITH here; merge the two WITH lists");
            }

            with = innerWith;
        }

        return new SelectStatement(with, body);
    }

    // UNION / EXCEPT (left-associative) over INTERSECT, which binds tighter. A parenthesized query with its own
    // WITH can stand alone (its WITH is returned) or be a right-hand arm, not a left-hand one.
    private (QueryExpression Body, IReadOnlyList<CommonTableExpression> With) ParseSetOperations()
    {
        var (left, leftWith) = ParseIntersections();
        var saved = _depth;
        while (Is(SqlKeyword.Union) || Is(SqlKeyword.Except))
        {
            Deepen();
            var op = Is(SqlKeyword.Union) ? SetOperator.Union : SetOperator.Except;
            _pos++;
            var all = ParseSetQuantifier();
            RequireNoWith(leftWith);
            leftWith = [];
            var (right, rightWith) = ParseIntersections();
            left = new SetOperation(left, op, all, new SelectStatement(rightWith, right));
        }

        _depth = saved;
        return (left, leftWith);
    }

    private (QueryExpression Body, IReadOnlyList<CommonTableExpression> With) ParseIntersections()
    {
        var (left, leftWith) = ParseQueryPrimary();
        var saved = _depth;
        while (Is(SqlKeyword.Intersect))
        {
            Deepen();
            _pos++;
            var all = ParseSetQuantifier();
            RequireNoWith(leftWith);
            leftWith = [];
            var (right, rightWith) = ParseQueryPrimary();

            // A set operation is written arm after arm, as SqlKata does; a parenthesized UNION or EXCEPT on the
            // left of INTERSECT (which binds tighter) keeps its parentheses as an OrderedQuery without clauses.
            if (left is SetOperation { Operator: not SetOperator.Intersect })
            {
                left = new OrderedQuery(left, [], null, null, false, []);
            }

            left = new SetOperation(left, SetOperator.Intersect, all, new SelectStatement(rightWith, right));
        }

        _depth = saved;
        return (left, leftWith);
    }

    private void RequireNoWith(IReadOnlyList<CommonTableExpression> with)
    {
        if (with.Count > 0)
        {
            throw Error("a parenthesized query with its own WITH cannot be the left-hand arm of a set operation; move the WITH to the front of the statement");
        }
    }

    private bool ParseSetQuantifier()
    {
        if (Accept(SqlKeyword.All))
        {
            return true;
        }

        Accept(SqlKeyword.Distinct);
        return false;
    }

    private (QueryExpression Body, IReadOnlyList<CommonTableExpression> With) ParseQueryPrimary()
    {
        if (Current.Kind == SqlTokenKind.LeftParen)
        {
            _pos++;
            var inner = ParseSelectStatement();
            ExpectKind(SqlTokenKind.RightParen, "')' after the parenthesized query");
            return (inner.Body, inner.With);
        }

        if (Is(SqlKeyword.Select))
        {
            return (ParseSelectBlock(), []);
        }

        if (Is(SqlKeyword.Values))
        {
            _pos++;
            return (new ValuesQuery(ParseValuesRows()), []);
        }

        if (Accept(SqlKeyword.Table))
        {
            var table = ParseTableName(allowAlias: false);
            return (new SelectBlock(false, [], [table], null, [], null, [], null, null), []);
        }

        throw Error("expected SELECT, VALUES or a parenthesized query");
    }

    private IReadOnlyList<IReadOnlyList<SqlExpression>> ParseValuesRows()
    {
        var rows = new List<IReadOnlyList<SqlExpression>>();
        var width = -1;
        do
        {
            var rowStart = Current;
            ExpectKind(SqlTokenKind.LeftParen, "'(' before a VALUES row");
            var saved = _allowDefault;
            _allowDefault = true;
            var row = ParseExpressionList(expandLists: true);
            _allowDefault = saved;
            ExpectKind(SqlTokenKind.RightParen, "')' after a VALUES row");
            if (width >= 0 && row.Count != width)
            {
                throw SqlLexer.Error(_text, rowStart.Start, "VALUES lists must all be the same length");
            }

            width = row.Count;
            rows.Add(row);
        }
        while (AcceptKind(SqlTokenKind.Comma));

        return rows;
    }

    private SelectBlock ParseSelectBlock()
    {
        Expect(SqlKeyword.Select);
        var distinct = false;
        IReadOnlyList<SqlExpression> distinctOn = [];
        if (Accept(SqlKeyword.Distinct))
        {
            distinct = true;
            if (Accept(SqlKeyword.On))
            {
                ExpectKind(SqlTokenKind.LeftParen, "'(' after DISTINCT ON");
                distinctOn = ParseExpressionList(expandLists: false);
                ExpectKind(SqlTokenKind.RightParen, "')' after the DISTINCT ON list");
                distinct = false;
            }
        }
        else
        {
            Accept(SqlKeyword.All);
        }

        if (Is(SqlKeyword.From) || Current.Kind is SqlTokenKind.End or SqlTokenKind.RightParen or SqlTokenKind.Semicolon)
        {
            throw Error("a SELECT needs at least one column (write SELECT 1 or SELECT *)");
        }

        var columns = ParseSelectList();
        if (Is(SqlKeyword.Into))
        {
            throw Error("SELECT INTO creates a table and is not supported; use INSERT INTO ... SELECT");
        }

        IReadOnlyList<TableSource> from = Accept(SqlKeyword.From) ? ParseFromList() : [];
        var where = ParseWhere();
        IReadOnlyList<SqlExpression> groupBy = [];
        if (Is(SqlKeyword.Group))
        {
            _pos++;
            Expect(SqlKeyword.By);
            groupBy = ParseGroupByList();
        }

        SqlExpression? having = null;
        if (Accept(SqlKeyword.Having))
        {
            having = ParseExpression();
        }

        IReadOnlyList<WindowDefinition> windows = [];
        if (Accept(SqlKeyword.Window))
        {
            var list = new List<WindowDefinition>();
            do
            {
                var name = ParseColumnId("a window name");
                Expect(SqlKeyword.As);
                list.Add(ParseWindowSpecification(name));
            }
            while (AcceptKind(SqlTokenKind.Comma));
            windows = list;
        }

        return new SelectBlock(distinct, columns, from, where, groupBy, having, [], null, null, distinctOn, windows);
    }

    private SqlExpression? ParseWhere()
    {
        if (!Accept(SqlKeyword.Where))
        {
            return null;
        }

        if (Is(SqlKeyword.Current) && IsAt(1, SqlKeyword.Of))
        {
            throw Error("WHERE CURRENT OF (cursors) is not supported");
        }

        return ParseExpression();
    }

    private IReadOnlyList<SqlExpression> ParseGroupByList()
    {
        if (Is(SqlKeyword.Distinct))
        {
            throw Error("GROUP BY DISTINCT is not supported");
        }

        Accept(SqlKeyword.All);
        var items = new List<SqlExpression>();
        do
        {
            items.Add(ParseGroupingElement());
        }
        while (AcceptKind(SqlTokenKind.Comma));

        return items;
    }

    // A GROUP BY item: an expression, ROLLUP (...), CUBE (...), GROUPING SETS (...) or the empty set ().
    private SqlExpression ParseGroupingElement()
    {
        if ((Is(SqlKeyword.Rollup) || Is(SqlKeyword.Cube)) && IsKindAt(1, SqlTokenKind.LeftParen))
        {
            var kind = Is(SqlKeyword.Rollup) ? GroupingSetKind.Rollup : GroupingSetKind.Cube;
            _pos += 2;
            var items = new List<SqlExpression>();
            do
            {
                items.Add(ParseExpression());
            }
            while (AcceptKind(SqlTokenKind.Comma));

            ExpectKind(SqlTokenKind.RightParen, "')' after the ROLLUP or CUBE items");
            return new GroupingSetExpression(kind, items);
        }

        if (Is(SqlKeyword.Grouping) && IsAt(1, SqlKeyword.Sets))
        {
            _pos += 2;
            ExpectKind(SqlTokenKind.LeftParen, "'(' after GROUPING SETS");
            Enter();
            try
            {
                var sets = new List<SqlExpression>();
                do
                {
                    sets.Add(ParseGroupingElement());
                }
                while (AcceptKind(SqlTokenKind.Comma));

                ExpectKind(SqlTokenKind.RightParen, "')' after the grouping sets");
                return new GroupingSetExpression(GroupingSetKind.Sets, sets);
            }
            finally
            {
                _depth--;
            }
        }

        if (Current.Kind == SqlTokenKind.LeftParen && IsKindAt(1, SqlTokenKind.RightParen))
        {
            _pos += 2;
            return new GroupingSetExpression(GroupingSetKind.Empty, []);
        }

        return ParseExpression();
    }

    // ORDER BY, LIMIT / OFFSET / FETCH and locking after a query: a plain SELECT block takes them itself,
    // anything else (a set operation, VALUES, a block that already has its own) is wrapped in an OrderedQuery.
    private QueryExpression ParseQueryModifiers(QueryExpression body)
    {
        IReadOnlyList<OrderItem> orderBy = [];
        if (Is(SqlKeyword.Order))
        {
            _pos++;
            Expect(SqlKeyword.By);
            orderBy = ParseOrderList();
        }

        SqlExpression? limit = null;
        SqlExpression? offset = null;
        var withTies = false;
        var limitSeen = false;
        var offsetSeen = false;
        while (true)
        {
            if (Is(SqlKeyword.Limit) && !limitSeen)
            {
                _pos++;
                limitSeen = true;
                if (!Accept(SqlKeyword.All))
                {
                    limit = ParseExpression();
                }

                if (Current.Kind == SqlTokenKind.Comma)
                {
                    throw Error("LIMIT #,# is not supported; use separate LIMIT and OFFSET clauses");
                }
            }
            else if (Is(SqlKeyword.Offset) && !offsetSeen)
            {
                _pos++;
                offsetSeen = true;
                offset = ParseExpression();
                if (!Accept(SqlKeyword.Rows))
                {
                    Accept(SqlKeyword.Row);
                }
            }
            else if (Is(SqlKeyword.Fetch) && !limitSeen)
            {
                _pos++;
                limitSeen = true;
                if (!Accept(SqlKeyword.First))
                {
                    Expect(SqlKeyword.Next);
                }

                limit = Is(SqlKeyword.Rows) || Is(SqlKeyword.Row) ? new LiteralExpression(LiteralKind.Number, "1") : ParsePrimaryForFetch();
                if (!Accept(SqlKeyword.Rows))
                {
                    Expect(SqlKeyword.Row);
                }

                if (Accept(SqlKeyword.With))
                {
                    Expect(SqlKeyword.Ties);
                    withTies = true;
                }
                else
                {
                    Expect(SqlKeyword.Only);
                }
            }
            else
            {
                break;
            }
        }

        if (withTies && orderBy.Count == 0)
        {
            throw Error("FETCH ... WITH TIES needs an ORDER BY");
        }

        var locking = ParseLocking();
        if (orderBy.Count == 0 && limit is null && offset is null && locking.Count == 0)
        {
            return body;
        }

        if (body is SelectBlock { OrderBy.Count: 0, Limit: null, Offset: null, Locking.Count: 0 } block)
        {
            return new SelectBlock(
                block.Distinct, block.Columns, block.From, block.Where, block.GroupBy, block.Having, orderBy, limit, offset,
                block.DistinctOn, block.Windows, withTies, locking);
        }

        return new OrderedQuery(body, orderBy, limit, offset, withTies, locking);
    }

    private SqlExpression ParsePrimaryForFetch()
    {
        // FETCH FIRST takes a constant, a parameter or a parenthesized expression (PostgreSQL's select_fetch_first_value).
        if (IsOperator("-") || IsOperator("+"))
        {
            var op = SqlTokenText.Operator(_text, Current);
            _pos++;
            return new UnaryExpression(op, ParsePrimary());
        }

        return ParsePrimary();
    }

    private IReadOnlyList<LockingClause> ParseLocking()
    {
        if (!Is(SqlKeyword.For))
        {
            return [];
        }

        var clauses = new List<LockingClause>(1);
        while (Accept(SqlKeyword.For))
        {
            LockStrength strength;
            if (Accept(SqlKeyword.Update))
            {
                strength = LockStrength.Update;
            }
            else if (Accept(SqlKeyword.Share))
            {
                strength = LockStrength.Share;
            }
            else if (Accept(SqlKeyword.No))
            {
                Expect(SqlKeyword.Key);
                Expect(SqlKeyword.Update);
                strength = LockStrength.NoKeyUpdate;
            }
            else if (Accept(SqlKeyword.Key))
            {
                Expect(SqlKeyword.Share);
                strength = LockStrength.KeyShare;
            }
            else
            {
                throw Error("expected UPDATE, NO KEY UPDATE, SHARE or KEY SHARE after FOR");
            }

            var of = new List<string>();
            if (Accept(SqlKeyword.Of))
            {
                do
                {
                    of.Add(ParseColumnId("a table name"));
                    if (Current.Kind == SqlTokenKind.Dot)
                    {
                        throw Error("FOR UPDATE OF takes table names or aliases without a schema");
                    }
                }
                while (AcceptKind(SqlTokenKind.Comma));
            }

            var wait = LockWait.Wait;
            if (Accept(SqlKeyword.Nowait))
            {
                wait = LockWait.NoWait;
            }
            else if (Is(SqlKeyword.Skip))
            {
                _pos++;
                Expect(SqlKeyword.Locked);
                wait = LockWait.SkipLocked;
            }

            clauses.Add(new LockingClause(strength, of, wait));
        }

        return clauses;
    }

    private IReadOnlyList<SelectItem> ParseSelectList()
    {
        var items = new List<SelectItem>();
        do
        {
            if (IsOperator("*"))
            {
                _pos++;
                items.Add(new SelectItem(AllColumnsExpression.Unqualified, null));
                continue;
            }

            var expression = ParseExpression();
            string? alias = null;
            if (Accept(SqlKeyword.As))
            {
                alias = ParseLabel("a column alias");
            }
            else if (IsBareLabel())
            {
                alias = Name(Current);
                _pos++;
            }

            if (expression is ParameterExpression { Value: IEnumerable and not string and not byte[] } && alias is null)
            {
                AddExpanded(items, expression);
                continue;
            }

            items.Add(new SelectItem(expression, alias));
        }
        while (AcceptKind(SqlTokenKind.Comma));

        return items;
    }

    private static void AddExpanded(List<SelectItem> items, SqlExpression expression)
    {
        foreach (var item in ((ParameterExpression)expression).Value as IEnumerable ?? Array.Empty<object>())
        {
            items.Add(new SelectItem(new ParameterExpression(item), null));
        }
    }

    private IReadOnlyList<OrderItem> ParseOrderList()
    {
        var items = new List<OrderItem>();
        do
        {
            items.Add(ParseOrderItem());
        }
        while (AcceptKind(SqlTokenKind.Comma));

        return items;
    }

    private OrderItem ParseOrderItem()
    {
        var expression = ParseExpression();
        var descending = false;
        string? usingOperator = null;
        if (Accept(SqlKeyword.Desc))
        {
            descending = true;
        }
        else if (Accept(SqlKeyword.Asc))
        {
            descending = false;
        }
        else if (Accept(SqlKeyword.Using))
        {
            if (Current.Kind != SqlTokenKind.Operator)
            {
                throw Error("expected an operator after ORDER BY ... USING");
            }

            usingOperator = NormalizeOperator(SqlTokenText.Operator(_text, Current));
            _pos++;
        }

        var nulls = NullsOrder.Default;
        if (Accept(SqlKeyword.Nulls))
        {
            if (Accept(SqlKeyword.First))
            {
                nulls = NullsOrder.First;
            }
            else
            {
                Expect(SqlKeyword.Last);
                nulls = NullsOrder.Last;
            }
        }

        return new OrderItem(expression, descending, nulls, usingOperator);
    }

    private InsertStatement ParseInsert(IReadOnlyList<CommonTableExpression> with)
    {
        Expect(SqlKeyword.Insert);
        Expect(SqlKeyword.Into);
        var target = ParseWriteTarget(aliasNeedsAs: true);
        IReadOnlyList<string> columns = [];
        if (Current.Kind == SqlTokenKind.LeftParen && !StartsParenthesizedQuery())
        {
            columns = ParseNameList();
        }

        if (Is(SqlKeyword.Overriding))
        {
            throw Error("OVERRIDING ... VALUE is not supported");
        }

        IReadOnlyList<IReadOnlyList<SqlExpression>>? rows = null;
        SelectStatement? source = null;
        if (Is(SqlKeyword.Default) && IsAt(1, SqlKeyword.Values))
        {
            _pos += 2;
        }
        else
        {
            var query = ParseSelectStatement();
            if (query is { With.Count: 0, Body: ValuesQuery values })
            {
                rows = values.Rows;
            }
            else
            {
                source = query;
            }
        }

        if (rows is not null && columns.Count > 0 && rows[0].Count != columns.Count)
        {
            throw Error($"INSERT names {columns.Count} column(s) but its VALUES rows have {rows[0].Count}");
        }

        OnConflictClause? onConflict = null;
        if (Is(SqlKeyword.On) && IsAt(1, SqlKeyword.Conflict))
        {
            _pos += 2;
            onConflict = ParseOnConflict();
        }

        var returning = ParseReturning();
        return new InsertStatement(with, target, columns, rows, source, onConflict, returning);
    }

    private bool StartsParenthesizedQuery()
    {
        var i = _pos;
        while (i < _tokens.Count && _tokens[i].Kind == SqlTokenKind.LeftParen)
        {
            i++;
        }

        var token = _tokens[i];
        return token.Keyword == SqlKeyword.Select || token.Keyword == SqlKeyword.Values
            || token.Keyword == SqlKeyword.With || token.Keyword == SqlKeyword.Table;
    }

    private OnConflictClause ParseOnConflict()
    {
        IReadOnlyList<string> target = [];
        string? constraint = null;
        SqlExpression? targetWhere = null;
        if (Current.Kind == SqlTokenKind.LeftParen)
        {
            _pos++;
            var names = new List<string>();
            do
            {
                if (Current.Kind is not (SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier or SqlTokenKind.BracketIdentifier)
                    || !(IsKindAt(1, SqlTokenKind.Comma) || IsKindAt(1, SqlTokenKind.RightParen)))
                {
                    throw Error("ON CONFLICT supports a list of column names as its target (not expressions, collations or operator classes)");
                }

                names.Add(ParseColumnId("a column name"));
            }
            while (AcceptKind(SqlTokenKind.Comma));

            ExpectKind(SqlTokenKind.RightParen, "')' after the ON CONFLICT columns");
            targetWhere = ParseWhere();
            target = names;
        }
        else if (Is(SqlKeyword.On) && IsAt(1, SqlKeyword.Constraint))
        {
            _pos += 2;
            constraint = ParseColumnId("a constraint name");
        }

        Expect(SqlKeyword.Do);
        if (Accept(SqlKeyword.Nothing))
        {
            return new OnConflictClause(target, null, null, constraint, targetWhere);
        }

        Expect(SqlKeyword.Update);
        if (target.Count == 0 && constraint is null)
        {
            throw Error("ON CONFLICT DO UPDATE needs a conflict target (columns or ON CONSTRAINT)");
        }

        Expect(SqlKeyword.Set);
        var assignments = ParseAssignments();
        var where = ParseWhere();
        return new OnConflictClause(target, assignments, where, constraint, targetWhere);
    }

    private UpdateStatement ParseUpdate(IReadOnlyList<CommonTableExpression> with)
    {
        Expect(SqlKeyword.Update);
        var target = ParseWriteTarget(aliasNeedsAs: false);
        Expect(SqlKeyword.Set);
        var set = ParseAssignments();
        IReadOnlyList<TableSource> from = Accept(SqlKeyword.From) ? ParseFromList() : [];
        var where = ParseWhere();
        var returning = ParseReturning();
        return new UpdateStatement(with, target, set, from, where, returning);
    }

    private DeleteStatement ParseDelete(IReadOnlyList<CommonTableExpression> with)
    {
        Expect(SqlKeyword.Delete);
        Expect(SqlKeyword.From);
        var target = ParseWriteTarget(aliasNeedsAs: false);
        IReadOnlyList<TableSource> @using = Accept(SqlKeyword.Using) ? ParseFromList() : [];
        var where = ParseWhere();
        var returning = ParseReturning();
        return new DeleteStatement(with, target, @using, where, returning);
    }

    private TableReference ParseWriteTarget(bool aliasNeedsAs)
    {
        if (Is(SqlKeyword.Only))
        {
            throw Error("ONLY is not supported; TenantDapper scopes the table with its partitions and children");
        }

        var (schema, name) = ParseQualifiedName("a table name");
        if (IsOperator("*"))
        {
            throw Error("'table *' is not supported; name the table");
        }

        string? alias = null;
        if (Accept(SqlKeyword.As))
        {
            alias = ParseColumnId("a table alias");
        }
        else if (!aliasNeedsAs && IsBareAlias() && !Is(SqlKeyword.Set))
        {
            alias = Name(Current);
            _pos++;
        }

        return new TableReference(schema, name, alias);
    }

    private IReadOnlyList<Assignment> ParseAssignments()
    {
        var assignments = new List<Assignment>();
        do
        {
            if (Current.Kind == SqlTokenKind.LeftParen)
            {
                ParseMultipleAssignment(assignments);
                continue;
            }

            var column = ParseColumnId("a column name");
            if (Current.Kind is SqlTokenKind.Dot or SqlTokenKind.LeftBracket)
            {
                throw Error("assigning to a field or an array element is not supported; assign the whole column");
            }

            ExpectOperator("=");
            assignments.Add(new Assignment(column, ParseAssignedValue()));
        }
        while (AcceptKind(SqlTokenKind.Comma));

        return assignments;
    }

    // SET (a, b) = (x, y) or = ROW(x, y) is the same as SET a = x, b = y; SET (a, b) = (SELECT ...) sets them
    // from the sub-query's row.
    private void ParseMultipleAssignment(List<Assignment> assignments)
    {
        var columns = ParseNameList();
        ExpectOperator("=");
        var explicitRow = Accept(SqlKeyword.Row);
        var start = Current;
        var open = _pos;
        ExpectKind(SqlTokenKind.LeftParen, "'(' with the values of a multiple-column assignment");
        if (!explicitRow && StartsQueryAfterParen() && TryParseSubqueryAt(open) is { } subquery)
        {
            assignments.Add(new Assignment(columns, subquery, fromRow: true));
            return;
        }

        var values = new List<SqlExpression>();
        do
        {
            values.Add(ParseAssignedValue());
        }
        while (AcceptKind(SqlTokenKind.Comma));

        ExpectKind(SqlTokenKind.RightParen, "')' after the assigned values");
        if (values.Count != columns.Count)
        {
            throw SqlLexer.Error(_text, start.Start, "the number of columns does not match the number of values");
        }

        for (var i = 0; i < columns.Count; i++)
        {
            assignments.Add(new Assignment(columns[i], values[i]));
        }
    }

    private bool StartsQueryAfterParen()
    {
        var token = Current;
        return token.Keyword == SqlKeyword.Select || token.Keyword == SqlKeyword.Values
            || token.Keyword == SqlKeyword.With || token.Keyword == SqlKeyword.Table
            || (token.Kind == SqlTokenKind.LeftParen && StartsParenthesizedQuery());
    }

    private SqlExpression ParseAssignedValue()
    {
        if (Accept(SqlKeyword.Default))
        {
            return DefaultValueExpression.Instance;
        }

        return ParseExpression();
    }

    private IReadOnlyList<SelectItem> ParseReturning() => Accept(SqlKeyword.Returning) ? ParseSelectList() : [];

    // ---- names ----

    /// <summary>A name that may be a column, table or alias: an identifier that is not a reserved keyword, or a quoted one.</summary>
    private string ParseColumnId(string what)
    {
        var token = Current;
        switch (token.Kind)
        {
            case SqlTokenKind.Identifier when !IsReservedWord(token):
            case SqlTokenKind.QuotedIdentifier:
                _pos++;
                return Name(token);
            case SqlTokenKind.BracketIdentifier:
                var parts = BracketParts(token);
                if (parts.Length != 1)
                {
                    throw Error($"expected {what}, not a dotted name");
                }

                _pos++;
                return parts[0];
            default:
                throw Error("expected " + what);
        }
    }

    /// <summary>A name after AS: any identifier, keywords included.</summary>
    private string ParseLabel(string what)
    {
        var token = Current;
        if (token.Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier)
        {
            _pos++;
            return Name(token);
        }

        return ParseColumnId(what);
    }

    private (string? Schema, string Name) ParseQualifiedName(string what)
    {
        if (Current.Kind == SqlTokenKind.BracketIdentifier)
        {
            var token = Current;
            var parts = BracketParts(token);
            _pos++;
            if (parts.Length != 1 || Current.Kind != SqlTokenKind.Dot)
            {
                return parts.Length switch
                {
                    1 => (null, parts[0]),
                    2 => (parts[0], parts[1]),
                    _ => throw SqlLexer.Error(_text, token.Start, $"expected {what} as [table], [schema.table] or [schema].[table]"),
                };
            }

            // [schema].[table] or [schema].table, as SqlKata writes it.
            _pos++;
            var table = ParseColumnId(what);
            if (Current.Kind == SqlTokenKind.Dot)
            {
                throw Error("names with a database (catalog.schema.table) are not supported");
            }

            return (parts[0], table);
        }

        var first = ParseColumnId(what);
        if (Current.Kind != SqlTokenKind.Dot)
        {
            return (null, first);
        }

        _pos++;
        var second = ParseLabel(what);
        if (Current.Kind == SqlTokenKind.Dot)
        {
            throw Error("names with a database (catalog.schema.table) are not supported");
        }

        return (first, second);
    }

    private IReadOnlyList<string> ParseNameList()
    {
        ExpectKind(SqlTokenKind.LeftParen, "'(' before a list of names");
        var names = new List<string>();
        do
        {
            names.Add(ParseColumnId("a column name"));
        }
        while (AcceptKind(SqlTokenKind.Comma));

        ExpectKind(SqlTokenKind.RightParen, "')' after a list of names");
        return names;
    }

    private string[] BracketParts(SqlToken token)
    {
        var content = _text.Substring(token.ValueStart, token.ValueEnd - token.ValueStart);
        var parts = content.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i].Trim();
            if (part.Length == 0)
            {
                throw SqlLexer.Error(_text, token.Start, "an identifier in brackets has an empty part");
            }

            parts[i] = Truncate(part);
        }

        return parts;
    }

    /// <summary>The name of an identifier token, truncated to 63 bytes as PostgreSQL does.</summary>
    private string Name(SqlToken token) => Truncate(SqlTokenText.Identifier(_text, token));

    // PostgreSQL truncates identifiers to NAMEDATALEN - 1 = 63 bytes, at a character boundary.
    private static string Truncate(string name)
    {
        if (name.Length <= MaxNameBytes / 3 || Encoding.UTF8.GetByteCount(name) <= MaxNameBytes)
        {
            return name;
        }

        var bytes = 0;
        var i = 0;
        while (i < name.Length)
        {
            var length = char.IsHighSurrogate(name[i]) && i + 1 < name.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(name.AsSpan(i, length));
            if (bytes + size > MaxNameBytes)
            {
                break;
            }

            bytes += size;
            i += length;
        }

        return name[..i];
    }

    private static bool IsReservedWord(SqlToken token) =>
        token.Kind == SqlTokenKind.Identifier && (SqlKeywords.IsReserved(token.Keyword) || SqlKeywords.IsTypeOrFunctionOnly(token.Keyword));

    /// <summary>Whether the current token can be an alias written without AS.</summary>
    private bool IsBareAlias() =>
        Current.Kind is SqlTokenKind.QuotedIdentifier || (Current.Kind == SqlTokenKind.Identifier && !IsReservedWord(Current))
        || (Current.Kind == SqlTokenKind.BracketIdentifier && BracketParts(Current).Length == 1);

    private bool IsBareLabel() => IsBareAlias();

    // ---- token helpers ----

    private bool Is(SqlKeyword keyword) => Current.Keyword == keyword;

    private bool IsAt(int offset, SqlKeyword keyword) => _pos + offset < _tokens.Count && _tokens[_pos + offset].Keyword == keyword;

    private bool IsKindAt(int offset, SqlTokenKind kind) => _pos + offset < _tokens.Count && _tokens[_pos + offset].Kind == kind;

    private bool IsOperator(string op) =>
        Current.Kind == SqlTokenKind.Operator && Current.End - Current.Start == op.Length
        && _text.AsSpan(Current.Start, op.Length).SequenceEqual(op);

    private bool Accept(SqlKeyword keyword)
    {
        if (!Is(keyword))
        {
            return false;
        }

        _pos++;
        return true;
    }

    private bool AcceptKind(SqlTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _pos++;
        return true;
    }

    private void Expect(SqlKeyword keyword)
    {
        if (!Accept(keyword))
        {
            throw Error("expected " + SqlKeywords.Display(keyword));
        }
    }

    private void ExpectKind(SqlTokenKind kind, string what)
    {
        if (!AcceptKind(kind))
        {
            throw Error("expected " + what);
        }
    }

    private void ExpectOperator(string op)
    {
        if (!IsOperator(op))
        {
            throw Error($"expected '{op}'");
        }

        _pos++;
    }

    private UnscopableSqlException Error(string problem) => SqlLexer.Error(_text, Current.Start, problem);

    private void Enter()
    {
        if (++_depth > SqlParser.MaxDepth)
        {
            throw Error($"the text nests more than {SqlParser.MaxDepth} levels deep");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    // One more link of a left-deep chain (a + b + c ..., x::a::b ...): the tree gets deeper without recursion here,
    // but every visitor recurses over it, so it counts like nesting. The caller restores the depth after the chain.
    private void Deepen()
    {
        if (++_depth > SqlParser.MaxDepth)
        {
            throw Error($"the text nests more than {SqlParser.MaxDepth} levels deep");
        }
    }
}
