using TenantDapper.Syntax;

namespace TenantDapper.Parsing;

/// <summary>FROM items: tables, sub-queries, VALUES lists and functions, [LATERAL], and joins with ON or USING.</summary>
internal sealed partial class SqlTextParser
{
    private IReadOnlyList<TableSource> ParseFromList()
    {
        var items = new List<TableSource>(2);
        do
        {
            items.Add(ParseJoinedSource());
        }
        while (AcceptKind(SqlTokenKind.Comma));

        return items;
    }

    private TableSource ParseJoinedSource() => ParseJoins(ParseSourcePrimary());

    // The joins after a FROM item, left to right. A joined table followed by another JOIN before its own ON
    // (a JOIN b JOIN c ON ... ON ...) takes that join first, as PostgreSQL does: a JOIN (b JOIN c ON ...) ON ....
    private TableSource ParseJoins(TableSource left)
    {
        var saved = _depth;
        while (true)
        {
            if (Is(SqlKeyword.Natural))
            {
                throw Error("NATURAL joins are not supported: they would silently join on the tenant column too; write JOIN ... ON or USING (...)");
            }

            JoinKind kind;
            if (Is(SqlKeyword.Cross) && IsAt(1, SqlKeyword.Join))
            {
                _pos += 2;
                Deepen();
                left = new JoinedTable(left, JoinKind.Cross, ParseSourcePrimary(), null);
                continue;
            }

            if (Accept(SqlKeyword.Join))
            {
                kind = JoinKind.Inner;
            }
            else if (Is(SqlKeyword.Inner) && IsAt(1, SqlKeyword.Join))
            {
                _pos += 2;
                kind = JoinKind.Inner;
            }
            else if (Is(SqlKeyword.Left) || Is(SqlKeyword.Right) || Is(SqlKeyword.Full))
            {
                kind = Is(SqlKeyword.Left) ? JoinKind.Left : Is(SqlKeyword.Right) ? JoinKind.Right : JoinKind.Full;
                _pos++;
                Accept(SqlKeyword.Outer);
                Expect(SqlKeyword.Join);
            }
            else
            {
                break;
            }

            Deepen();
            var right = ParseSourcePrimary();
            if (StartsJoin())
            {
                Enter();
                try
                {
                    right = ParseJoins(right);
                }
                finally
                {
                    _depth--;
                }
            }

            if (Accept(SqlKeyword.On))
            {
                left = new JoinedTable(left, kind, right, ParseExpression());
            }
            else if (Accept(SqlKeyword.Using))
            {
                var columns = ParseNameList();
                if (Is(SqlKeyword.As))
                {
                    throw Error("an alias for a JOIN ... USING is not supported");
                }

                left = new JoinedTable(left, kind, right, null, columns);
            }
            else
            {
                throw Error("expected ON or USING after the joined table");
            }
        }

        _depth = saved;
        return left;
    }

    private bool StartsJoin() =>
        Is(SqlKeyword.Join) || Is(SqlKeyword.Natural) || Is(SqlKeyword.Left) || Is(SqlKeyword.Right) || Is(SqlKeyword.Full)
        || ((Is(SqlKeyword.Cross) || Is(SqlKeyword.Inner)) && IsAt(1, SqlKeyword.Join));

    private TableSource ParseSourcePrimary()
    {
        Enter();
        try
        {
            var lateral = Accept(SqlKeyword.Lateral);
            if (Current.Kind == SqlTokenKind.LeftParen)
            {
                if (StartsParenthesizedQuery())
                {
                    var start = _pos;
                    if (TryParseDerivedTable(lateral) is { } derived)
                    {
                        return derived;
                    }

                    _pos = start;
                }

                if (lateral)
                {
                    throw Error("LATERAL must be followed by a sub-query or a function call");
                }

                _pos++;
                var inner = ParseJoinedSource();
                ExpectKind(SqlTokenKind.RightParen, "')' after the parenthesized join");
                if (Is(SqlKeyword.As) || IsBareAlias())
                {
                    throw Error("an alias for a parenthesized join is not supported");
                }

                return inner;
            }

            if (Is(SqlKeyword.Rows) && IsAt(1, SqlKeyword.From))
            {
                throw Error("ROWS FROM (...) is not supported");
            }

            if (Is(SqlKeyword.Only))
            {
                throw Error("ONLY is not supported; TenantDapper scopes the table with its partitions and children");
            }

            var nameToken = Current;
            var (schema, name) = ParseQualifiedName("a table, a sub-query or a function");
            if (Current.Kind == SqlTokenKind.LeftParen)
            {
                return ParseFunctionSource(schema, name, nameToken, lateral);
            }

            if (lateral)
            {
                throw SqlLexer.Error(_text, nameToken.Start, "LATERAL must be followed by a sub-query or a function call");
            }

            return FinishTable(schema, name);
        }
        finally
        {
            _depth--;
        }
    }

    // "(SELECT ...) AS x", or "((SELECT ...) AS x JOIN ...)" which starts the same way: try the sub-query first.
    private DerivedTable? TryParseDerivedTable(bool lateral)
    {
        var binding = _binding;
        var depth = _depth;
        var start = _pos;
        SelectStatement query;
        try
        {
            _pos++;
            query = ParseSelectStatement();
            ExpectKind(SqlTokenKind.RightParen, "')' after the sub-query");
        }
        catch (UnscopableSqlException) when (_tokens[start + 1].Kind == SqlTokenKind.LeftParen)
        {
            _pos = start;
            _binding = binding;
            _depth = depth;
            return null;
        }

        if (!Accept(SqlKeyword.As) && !IsBareAlias())
        {
            throw Error("a sub-query in FROM needs an alias: (SELECT ...) AS name");
        }

        var alias = ParseColumnId("an alias");
        IReadOnlyList<string> columns = Current.Kind == SqlTokenKind.LeftParen ? ParseNameList() : [];
        return new DerivedTable(query, alias, lateral, columns);
    }

    private TableReference FinishTable(string? schema, string name)
    {
        if (IsOperator("*"))
        {
            throw Error("'table *' is not supported; name the table");
        }

        string? alias = null;
        if (Accept(SqlKeyword.As))
        {
            alias = ParseColumnId("a table alias");
        }
        else if (IsBareAlias())
        {
            alias = ParseColumnId("a table alias");
        }

        if (Current.Kind == SqlTokenKind.LeftParen)
        {
            throw Error("column aliases for a table (t AS a(x, y)) are not supported: they can rename the tenant column");
        }

        if (Is(SqlKeyword.Tablesample))
        {
            throw Error("TABLESAMPLE is not supported");
        }

        return new TableReference(schema, name, alias);
    }

    private TableReference ParseTableName(bool allowAlias)
    {
        var (schema, name) = ParseQualifiedName("a table name");
        return allowAlias ? FinishTable(schema, name) : new TableReference(schema, name, null);
    }

    private FunctionTable ParseFunctionSource(string? schema, string name, SqlToken nameToken, bool lateral)
    {
        var parts = new NameParts(schema, name);
        var call = ParseFunctionCall(parts, nameToken);
        if (call.Over is not null || call.Filter is not null || call.WithinGroup)
        {
            throw SqlLexer.Error(_text, nameToken.Start, "a function in FROM cannot have OVER, FILTER or WITHIN GROUP");
        }

        var ordinality = false;
        if (Is(SqlKeyword.With) && IsAt(1, SqlKeyword.Ordinality))
        {
            _pos += 2;
            ordinality = true;
        }

        string? alias = null;
        IReadOnlyList<string> columns = [];
        IReadOnlyList<ColumnDefinition> definitions = [];
        if (Accept(SqlKeyword.As) || IsBareAlias())
        {
            if (Current.Kind == SqlTokenKind.LeftParen)
            {
                throw Error("a column definition list needs an alias before it: f(...) AS name(column type, ...)");
            }

            alias = ParseColumnId("an alias");
            if (Current.Kind == SqlTokenKind.LeftParen)
            {
                ParseFunctionColumns(out columns, out definitions);
            }
        }

        return new FunctionTable(call, lateral, ordinality, alias, columns, definitions);
    }

    private void ParseFunctionColumns(out IReadOnlyList<string> columns, out IReadOnlyList<ColumnDefinition> definitions)
    {
        _pos++;
        var names = new List<string>();
        var types = new List<ColumnDefinition>();
        do
        {
            var column = ParseColumnId("a column name");
            if (Current.Kind is SqlTokenKind.Comma or SqlTokenKind.RightParen)
            {
                names.Add(column);
            }
            else
            {
                types.Add(new ColumnDefinition(column, ParseTypeName()));
                if (Is(SqlKeyword.Collate))
                {
                    throw Error("COLLATE in a column definition list is not supported");
                }
            }
        }
        while (AcceptKind(SqlTokenKind.Comma));

        ExpectKind(SqlTokenKind.RightParen, "')' after the column list");
        if (names.Count > 0 && types.Count > 0)
        {
            throw Error("a column list is either names only or names with types");
        }

        columns = names;
        definitions = types;
    }
}
