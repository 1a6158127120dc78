using System.Collections;
using System.Text;
using TenantDapper.Syntax;

namespace TenantDapper.Compiling;

/// <summary>
/// Writes a SQL tree as PostgreSQL text. A visitor like any other: it returns every node unchanged.
/// Values become parameters <c>@p0, @p1, ...</c> in the order they are written; the tenant is <c>@tenant</c>
/// (or <c>$n</c> for a command whose parameters are positional). <c>Write</c> returns the text, the values (the value of
/// <c>@p{i}</c> is <c>Values[i]</c>) and whether the text uses the tenant: the makings of a
/// <see cref="Scoping.PreparedSql"/>, which the layers above build from them.
/// </summary>
internal sealed class PostgresSqlWriter : SqlVisitor
{
    private static readonly string[] CachedNames = Enumerable.Range(0, 64).Select(i => "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    [ThreadStatic]
    private static PostgresSqlWriter? _cached;

    private readonly StringBuilder _sql = new(256);
    private readonly List<object?> _values = new(8);
    private bool _usesTenant;
    private bool _bareNames;
    private int _tenantPosition;
    private ParameterStyle _style;
    private object? _tenant;

    // Where each written value came from, when a caller asked (a builder shape being compiled for its cache).
    private List<ParameterSource>? _sources;
    private ParameterSource _source;

    private PostgresSqlWriter()
    {
    }

    /// <summary>The name of the parameter that holds the <paramref name="index"/>th value written: <c>p{index}</c>.</summary>
    public static string ParameterName(int index) => index < CachedNames.Length ? CachedNames[index] : "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="statement"/> with every name quoted, as SqlKata does; the tenant is <c>@tenant</c>.</summary>
    public static (string Sql, object?[] Values, bool UsesTenant) Write(SqlStatement statement) => Write(statement, tenantPosition: 0, bareNames: false);

    /// <summary>
    /// Writes <paramref name="statement"/>; the tenant is <c>$<paramref name="tenantPosition"/></c> when it is positive, else
    /// <c>@tenant</c>. With <paramref name="bareNames"/> a name is quoted only where PostgreSQL needs it
    /// (<see cref="Parsing.SqlKeywords.CanBeBare"/>), so the text is shorter for the server and the driver to parse.
    /// </summary>
    public static (string Sql, object?[] Values, bool UsesTenant) Write(SqlStatement statement, int tenantPosition, bool bareNames) => Write(statement, tenantPosition, bareNames, sources: null);

    /// <summary>Writes <paramref name="statement"/> and adds to <paramref name="sources"/> where each value of the result came from.</summary>
    public static (string Sql, object?[] Values, bool UsesTenant) Write(SqlStatement statement, List<ParameterSource> sources) => Write(statement, tenantPosition: 0, bareNames: false, sources);

    private static (string Sql, object?[] Values, bool UsesTenant) Write(SqlStatement statement, int tenantPosition, bool bareNames, List<ParameterSource>? sources)
    {
        var writer = _cached ?? new PostgresSqlWriter();
        _cached = null;
        try
        {
            writer._tenantPosition = tenantPosition;
            writer._bareNames = bareNames;
            writer._sources = sources;
            writer.VisitStatement(statement);
            return (SqlTextCache.ToText(writer._sql), writer._values.Count == 0 ? [] : writer._values.ToArray(), writer._usesTenant);
        }
        finally
        {
            writer._sql.Clear();
            writer._values.Clear();
            writer._usesTenant = false;
            writer._sources = null;
            if (writer._sql.Capacity <= 8192)
            {
                _cached = writer;
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="statement"/> for people, never for execution: with <see cref="ParameterStyle.Positional"/>
    /// every value is a <c>?</c> (the tenant stays <c>@tenant</c>); with <see cref="ParameterStyle.Inline"/> every value,
    /// and <paramref name="tenant"/>, is a quoted literal.
    /// </summary>
    public static string WriteForDisplay(SqlStatement statement, ParameterStyle style, object? tenant)
    {
        var writer = new PostgresSqlWriter { _style = style, _tenant = tenant };
        writer.VisitStatement(statement);
        return writer._sql.ToString();
    }

    public override SqlNode VisitSelectStatement(SelectStatement node)
    {
        WriteWith(node.With);
        VisitQueryExpression(node.Body);
        return node;
    }

    public override SqlNode VisitCommonTableExpression(CommonTableExpression node)
    {
        WriteName(node.Name);
        if (node.Columns.Count > 0)
        {
            _sql.Append(" (");
            WriteNames(node.Columns);
            _sql.Append(')');
        }

        _sql.Append(node.Materialized switch
        {
            true => " AS MATERIALIZED (",
            false => " AS NOT MATERIALIZED (",
            _ => " AS (",
        });
        if (node.Query is not null)
        {
            VisitQuery(node.Query);
        }
        else if (node.Write is not null)
        {
            VisitStatement(node.Write);
        }
        else
        {
            VisitRaw(node.Raw!);
        }

        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitSelectBlock(SelectBlock node)
    {
        _sql.Append(node.Distinct ? "SELECT DISTINCT " : "SELECT ");
        if (node.DistinctOn.Count > 0)
        {
            _sql.Append("DISTINCT ON (");
            WriteList(node.DistinctOn);
            _sql.Append(") ");
        }

        if (node.Columns.Count == 0)
        {
            _sql.Append('*');
        }
        else
        {
            WriteList(node.Columns);
        }

        if (node.From.Count > 0)
        {
            _sql.Append(" FROM ");
            WriteList(node.From);
        }

        WriteWhere(node.Where);

        if (node.GroupBy.Count > 0)
        {
            _sql.Append(" GROUP BY ");
            WriteList(node.GroupBy);
        }

        if (node.Having is not null)
        {
            _sql.Append(" HAVING ");
            VisitExpression(node.Having);
        }

        if (node.Windows.Count > 0)
        {
            _sql.Append(" WINDOW ");
            for (var i = 0; i < node.Windows.Count; i++)
            {
                if (i > 0)
                {
                    _sql.Append(", ");
                }

                WriteName(node.Windows[i].Name!);
                _sql.Append(" AS ");
                VisitWindowDefinition(node.Windows[i]);
            }
        }

        WriteModifiers(node.OrderBy, node.Limit, node.Offset, node.WithTies, node.Locking);
        return node;
    }

    public override SqlNode VisitValuesQuery(ValuesQuery node)
    {
        _sql.Append("VALUES ");
        WriteRows(node.Rows);
        return node;
    }

    public override SqlNode VisitOrderedQuery(OrderedQuery node)
    {
        WriteArm(node.Body, node.Body is SelectBlock or OrderedQuery);
        WriteModifiers(node.OrderBy, node.Limit, node.Offset, node.WithTies, node.Locking);
        return node;
    }

    public override SqlNode VisitWindowDefinition(WindowDefinition node)
    {
        if (node.ReferenceOnly)
        {
            WriteName(node.Reference!);
            return node;
        }

        _sql.Append('(');
        var space = false;
        if (node.Reference is not null)
        {
            WriteName(node.Reference);
            space = true;
        }

        if (node.PartitionBy.Count > 0)
        {
            _sql.Append(space ? " PARTITION BY " : "PARTITION BY ");
            WriteList(node.PartitionBy);
            space = true;
        }

        if (node.OrderBy.Count > 0)
        {
            _sql.Append(space ? " ORDER BY " : "ORDER BY ");
            WriteList(node.OrderBy);
            space = true;
        }

        if (node.Frame is not null)
        {
            if (space)
            {
                _sql.Append(' ');
            }

            VisitWindowFrame(node.Frame);
        }

        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitWindowFrame(WindowFrame node)
    {
        _sql.Append(node.Mode switch
        {
            FrameMode.Range => "RANGE ",
            FrameMode.Rows => "ROWS ",
            _ => "GROUPS ",
        });
        if (node.EndKind is { } end)
        {
            _sql.Append("BETWEEN ");
            WriteFrameBound(node.StartKind, node.StartOffset);
            _sql.Append(" AND ");
            WriteFrameBound(end, node.EndOffset);
        }
        else
        {
            WriteFrameBound(node.StartKind, node.StartOffset);
        }

        _sql.Append(node.Exclusion switch
        {
            FrameExclusion.CurrentRow => " EXCLUDE CURRENT ROW",
            FrameExclusion.Group => " EXCLUDE GROUP",
            FrameExclusion.Ties => " EXCLUDE TIES",
            FrameExclusion.NoOthers => " EXCLUDE NO OTHERS",
            _ => string.Empty,
        });
        return node;
    }

    public override SqlNode VisitSetOperation(SetOperation node)
    {
        WriteArm(node.Left, node.Left is SelectBlock { OrderBy.Count: > 0 } or SelectBlock { Limit: not null } or SelectBlock { Offset: not null }
            or SelectBlock { Locking.Count: > 0 } or OrderedQuery);
        _sql.Append(node.Operator switch
        {
            SetOperator.Union => " UNION ",
            SetOperator.Intersect => " INTERSECT ",
            _ => " EXCEPT ",
        });
        if (node.All)
        {
            _sql.Append("ALL ");
        }

        _sql.Append('(');
        VisitQuery(node.Right);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitSelectItem(SelectItem node)
    {
        VisitExpression(node.Expression);
        if (node.Alias is not null)
        {
            _sql.Append(" AS ");
            WriteName(node.Alias);
        }

        return node;
    }

    public override SqlNode VisitOrderItem(OrderItem node)
    {
        VisitExpression(node.Expression);
        if (node.UsingOperator is not null)
        {
            _sql.Append(" USING ").Append(node.UsingOperator);
        }
        else if (node.Descending)
        {
            _sql.Append(" DESC");
        }

        _sql.Append(node.Nulls switch
        {
            NullsOrder.First => " NULLS FIRST",
            NullsOrder.Last => " NULLS LAST",
            _ => string.Empty,
        });
        return node;
    }

    public override SqlNode VisitAssignment(Assignment node)
    {
        if (node.FromRow)
        {
            _sql.Append('(');
            WriteNames(node.Columns);
            _sql.Append(')');
        }
        else
        {
            WriteName(node.Columns[0]);
        }

        _sql.Append(" = ");
        VisitExpression(node.Value);
        return node;
    }

    public override SqlNode VisitOnConflict(OnConflictClause node)
    {
        _sql.Append(" ON CONFLICT");
        if (node.Constraint is not null)
        {
            _sql.Append(" ON CONSTRAINT ");
            WriteName(node.Constraint);
        }
        else if (node.TargetColumns.Count > 0)
        {
            _sql.Append(" (");
            WriteNames(node.TargetColumns);
            _sql.Append(')');
            WriteWhere(node.TargetWhere);
        }

        if (node.Updates is null)
        {
            _sql.Append(" DO NOTHING");
            return node;
        }

        _sql.Append(" DO UPDATE SET ");
        WriteList(node.Updates);
        WriteWhere(node.Where);

        return node;
    }

    public override SqlNode VisitInsertStatement(InsertStatement node)
    {
        WriteWith(node.With);
        _sql.Append("INSERT INTO ");
        VisitTableReference(node.Target);
        if (node.Columns.Count > 0)
        {
            _sql.Append(" (");
            WriteNames(node.Columns);
            _sql.Append(')');
        }

        if (node.Rows is not null)
        {
            _sql.Append(" VALUES ");
            WriteRows(node.Rows);
        }
        else if (node.Source is not null)
        {
            _sql.Append(' ');
            VisitQuery(node.Source);
        }
        else
        {
            _sql.Append(" DEFAULT VALUES");
        }

        if (node.OnConflict is not null)
        {
            VisitOnConflict(node.OnConflict);
        }

        WriteReturning(node.Returning);
        return node;
    }

    public override SqlNode VisitUpdateStatement(UpdateStatement node)
    {
        WriteWith(node.With);
        _sql.Append("UPDATE ");
        VisitTableReference(node.Target);
        _sql.Append(" SET ");
        WriteList(node.Set);
        if (node.From.Count > 0)
        {
            _sql.Append(" FROM ");
            WriteList(node.From);
        }

        WriteWhere(node.Where);

        WriteReturning(node.Returning);
        return node;
    }

    public override SqlNode VisitDeleteStatement(DeleteStatement node)
    {
        WriteWith(node.With);
        _sql.Append("DELETE FROM ");
        VisitTableReference(node.Target);
        if (node.Using.Count > 0)
        {
            _sql.Append(" USING ");
            WriteList(node.Using);
        }

        WriteWhere(node.Where);

        WriteReturning(node.Returning);
        return node;
    }

    public override SqlNode VisitTableReference(TableReference node)
    {
        if (node.Schema is not null)
        {
            WriteName(node.Schema);
            _sql.Append('.');
        }

        WriteName(node.Name);
        if (node.Alias is not null)
        {
            _sql.Append(" AS ");
            WriteName(node.Alias);
        }

        return node;
    }

    public override SqlNode VisitDerivedTable(DerivedTable node)
    {
        _sql.Append(node.Lateral ? "LATERAL (" : "(");
        VisitQuery(node.Query);
        _sql.Append(") AS ");
        WriteName(node.Alias);
        if (node.ColumnAliases.Count > 0)
        {
            _sql.Append(" (");
            WriteNames(node.ColumnAliases);
            _sql.Append(')');
        }

        return node;
    }

    public override SqlNode VisitFunctionTable(FunctionTable node)
    {
        if (node.Lateral)
        {
            _sql.Append("LATERAL ");
        }

        VisitFunctionCall(node.Function);
        if (node.WithOrdinality)
        {
            _sql.Append(" WITH ORDINALITY");
        }

        if (node.Alias is null)
        {
            return node;
        }

        _sql.Append(" AS ");
        WriteName(node.Alias);
        if (node.ColumnAliases.Count > 0)
        {
            _sql.Append(" (");
            WriteNames(node.ColumnAliases);
            _sql.Append(')');
        }
        else if (node.ColumnDefinitions.Count > 0)
        {
            _sql.Append(" (");
            for (var i = 0; i < node.ColumnDefinitions.Count; i++)
            {
                if (i > 0)
                {
                    _sql.Append(", ");
                }

                WriteName(node.ColumnDefinitions[i].Name);
                _sql.Append(' ');
                WriteType(node.ColumnDefinitions[i].Type);
            }

            _sql.Append(')');
        }

        return node;
    }

    public override SqlNode VisitRawTableSource(RawTableSource node)
    {
        VisitRaw(node.Raw);
        return node;
    }

    public override SqlNode VisitJoinedTable(JoinedTable node)
    {
        VisitTableSource(node.Left);
        _sql.Append(node.Kind switch
        {
            JoinKind.Inner => " INNER JOIN ",
            JoinKind.Left => " LEFT JOIN ",
            JoinKind.Right => " RIGHT JOIN ",
            JoinKind.Full => " FULL JOIN ",
            _ => " CROSS JOIN ",
        });
        if (node.Right is JoinedTable)
        {
            _sql.Append('(');
            VisitTableSource(node.Right);
            _sql.Append(')');
        }
        else
        {
            VisitTableSource(node.Right);
        }

        if (node.Using is not null)
        {
            _sql.Append(" USING (");
            WriteNames(node.Using);
            _sql.Append(')');
        }
        else if (node.On is not null)
        {
            _sql.Append(" ON ");
            VisitExpression(node.On);
        }

        return node;
    }

    public override SqlNode VisitColumn(ColumnExpression node)
    {
        if (node.Qualifier is not null)
        {
            WriteQualifier(node.Qualifier);
        }

        WriteName(node.Name);
        return node;
    }

    public override SqlNode VisitAllColumns(AllColumnsExpression node)
    {
        if (node.Qualifier is not null)
        {
            WriteQualifier(node.Qualifier);
        }

        _sql.Append('*');
        return node;
    }

    private void WriteQualifier(TableQualifier qualifier)
    {
        if (qualifier.Schema is not null)
        {
            WriteName(qualifier.Schema);
            _sql.Append('.');
        }

        WriteName(qualifier.Name);
        _sql.Append('.');
    }

    public override SqlNode VisitParameter(ParameterExpression node)
    {
        _source = new ParameterSource(node, -1, -1);
        WriteParameter(node.Value);
        return node;
    }

    public override SqlNode VisitTenantParameter(TenantParameterExpression node)
    {
        _usesTenant = true;
        if (_style == ParameterStyle.Inline)
        {
            SqlLiteral.Write(_sql, _tenant);
        }
        else if (_tenantPosition > 0)
        {
            _sql.Append('$').Append(_tenantPosition);
        }
        else
        {
            _sql.Append('@').Append(TenantParameterExpression.Name);
        }

        return node;
    }

    public override SqlNode VisitBooleanLiteral(BooleanLiteral node)
    {
        _sql.Append(node.Value ? "true" : "false");
        return node;
    }

    public override SqlNode VisitRaw(RawExpression node)
    {
        var binding = 0;
        foreach (var piece in node.Pieces)
        {
            switch (piece.Kind)
            {
                case RawPieceKind.Binding:
                    _source = new ParameterSource(node, binding, -1);
                    WriteRawBinding(node.Bindings[binding++]);
                    break;
                case RawPieceKind.Identifier:
                    SqlIdentifier.WriteQualified(_sql, piece.Text);
                    break;
                default:
                    _sql.Append(piece.Text);
                    break;
            }
        }

        return node;
    }

    public override SqlNode VisitSubquery(SubqueryExpression node)
    {
        _sql.Append('(');
        VisitQuery(node.Query);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitBinary(BinaryExpression node)
    {
        WriteOperand(node.Left);
        _sql.Append(' ').Append(node.Operator).Append(' ');
        WriteOperand(node.Right);
        return node;
    }

    public override SqlNode VisitAnd(AndExpression node)
    {
        for (var i = 0; i < node.Operands.Count; i++)
        {
            if (i > 0)
            {
                _sql.Append(" AND ");
            }

            // A raw fragment may hold its own OR, so it is bracketed like one.
            var operand = node.Operands[i];
            if (operand is OrExpression or RawExpression)
            {
                _sql.Append('(');
                VisitExpression(operand);
                _sql.Append(')');
            }
            else
            {
                VisitExpression(operand);
            }
        }

        return node;
    }

    public override SqlNode VisitOr(OrExpression node)
    {
        for (var i = 0; i < node.Operands.Count; i++)
        {
            if (i > 0)
            {
                _sql.Append(" OR ");
            }

            var operand = node.Operands[i];
            if (operand is RawExpression)
            {
                _sql.Append('(');
                VisitExpression(operand);
                _sql.Append(')');
            }
            else
            {
                VisitExpression(operand);
            }
        }

        return node;
    }

    public override SqlNode VisitNot(NotExpression node)
    {
        _sql.Append("NOT (");
        VisitExpression(node.Operand);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitIsNull(IsNullExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(node.Negated ? " IS NOT NULL" : " IS NULL");
        return node;
    }

    public override SqlNode VisitInList(InListExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(node.Negated ? " <> ALL(" : " = ANY(");
        VisitParameter(node.Values);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitInSubquery(InSubqueryExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(node.Negated ? " NOT IN (" : " IN (");
        VisitQuery(node.Query);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitExists(ExistsExpression node)
    {
        _sql.Append(node.Negated ? "NOT EXISTS (" : "EXISTS (");
        VisitQuery(node.Query);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitBetween(BetweenExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(node.Negated ? " NOT BETWEEN " : " BETWEEN ");
        if (node.Symmetric)
        {
            _sql.Append("SYMMETRIC ");
        }

        WriteOperand(node.Low);
        _sql.Append(" AND ");
        WriteOperand(node.High);
        return node;
    }

    public override SqlNode VisitLike(LikeExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(node.Negated ? " NOT" : string.Empty).Append(node.CaseSensitive ? " LIKE " : " ILIKE ");
        WriteOperand(node.Pattern);
        if (node.EscapeCharacter is { } escape)
        {
            // A parameter, not a literal: no caller text is quoted into the SQL (a backslash would end the
            // literal where standard_conforming_strings is off).
            _sql.Append(" ESCAPE ");
            WriteParameter(escape.ToString());
        }

        return node;
    }

    public override SqlNode VisitLiteral(LiteralExpression node)
    {
        switch (node.Kind)
        {
            case LiteralKind.Number:
                _sql.Append(node.Value);
                break;
            case LiteralKind.String:
                WriteString(node.Value);
                break;
            case LiteralKind.BitString:
                _sql.Append("B'").Append(node.Value).Append('\'');
                break;
            case LiteralKind.HexString:
                _sql.Append("X'").Append(node.Value).Append('\'');
                break;
            default:
                _sql.Append("NULL");
                break;
        }

        return node;
    }

    public override SqlNode VisitParameterReference(ParameterReferenceExpression node)
    {
        _sql.Append(node.Positional ? '$' : '@').Append(node.Name);
        return node;
    }

    public override SqlNode VisitDefaultValue(DefaultValueExpression node)
    {
        _sql.Append("DEFAULT");
        return node;
    }

    public override SqlNode VisitKeywordValue(KeywordValueExpression node)
    {
        _sql.Append(node.Keyword);
        if (node.Precision is { } precision)
        {
            _sql.Append('(').Append(precision.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(')');
        }

        return node;
    }

    public override SqlNode VisitUnary(UnaryExpression node)
    {
        // The space keeps "- -x" from becoming the comment "--x".
        _sql.Append(node.Operator).Append(' ');
        WriteOperand(node.Operand);
        return node;
    }

    public override SqlNode VisitCast(CastExpression node)
    {
        switch (node.Syntax)
        {
            case CastSyntax.Function:
                _sql.Append("CAST(");
                VisitExpression(node.Operand);
                _sql.Append(" AS ");
                WriteType(node.Type);
                _sql.Append(')');
                break;
            case CastSyntax.Prefix:
                WriteType(node.Type);
                _sql.Append(' ');
                VisitExpression(node.Operand);
                break;
            default:
                WriteOperand(node.Operand);
                _sql.Append("::");
                WriteType(node.Type);
                break;
        }

        return node;
    }

    public override SqlNode VisitCase(CaseExpression node)
    {
        _sql.Append("CASE");
        if (node.Operand is not null)
        {
            _sql.Append(' ');
            VisitExpression(node.Operand);
        }

        foreach (var when in node.Whens)
        {
            VisitCaseWhen(when);
        }

        if (node.Else is not null)
        {
            _sql.Append(" ELSE ");
            VisitExpression(node.Else);
        }

        _sql.Append(" END");
        return node;
    }

    public override SqlNode VisitCaseWhen(CaseWhen node)
    {
        _sql.Append(" WHEN ");
        VisitExpression(node.When);
        _sql.Append(" THEN ");
        VisitExpression(node.Then);
        return node;
    }

    public override SqlNode VisitFunctionCall(FunctionCallExpression node)
    {
        // A built-in is written as its maker spelt it (COUNT); unnest(a, b) in FROM is grammar (ROWS FROM), which PostgreSQL
        // applies to the unqualified name only.
        if (node.IsBuiltIn || node is { Schema: null, Name: "unnest", Arguments.Count: > 1 })
        {
            _sql.Append(node.Name);
        }
        else
        {
            WriteFunctionName(node.Schema, node.Name);
        }

        _sql.Append('(');
        if (node.Distinct)
        {
            _sql.Append("DISTINCT ");
        }

        for (var i = 0; i < node.Arguments.Count; i++)
        {
            if (i > 0)
            {
                _sql.Append(", ");
            }

            if (node.Variadic && i == node.Arguments.Count - 1)
            {
                _sql.Append("VARIADIC ");
            }

            VisitExpression(node.Arguments[i]);
        }

        if (node.OrderBy.Count > 0 && !node.WithinGroup)
        {
            _sql.Append(" ORDER BY ");
            WriteList(node.OrderBy);
        }

        _sql.Append(')');
        if (node.WithinGroup)
        {
            _sql.Append(" WITHIN GROUP (ORDER BY ");
            WriteList(node.OrderBy);
            _sql.Append(')');
        }

        if (node.Filter is not null)
        {
            _sql.Append(" FILTER (WHERE ");
            VisitExpression(node.Filter);
            _sql.Append(')');
        }

        if (node.Over is not null)
        {
            _sql.Append(" OVER ");
            VisitWindowDefinition(node.Over);
        }

        return node;
    }

    public override SqlNode VisitNamedArgument(NamedArgumentExpression node)
    {
        WriteName(node.Name);
        _sql.Append(" => ");
        VisitExpression(node.Value);
        return node;
    }

    public override SqlNode VisitArray(ArrayExpression node)
    {
        _sql.Append("ARRAY[");
        WriteList(node.Elements);
        _sql.Append(']');
        return node;
    }

    public override SqlNode VisitArraySubquery(ArraySubqueryExpression node)
    {
        _sql.Append("ARRAY(");
        VisitQuery(node.Query);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitSubscript(SubscriptExpression node)
    {
        if (node.Operand is ColumnExpression or SubscriptExpression or ParameterReferenceExpression)
        {
            VisitExpression(node.Operand);
        }
        else
        {
            _sql.Append('(');
            VisitExpression(node.Operand);
            _sql.Append(')');
        }

        _sql.Append('[');
        if (node.Lower is not null)
        {
            VisitExpression(node.Lower);
        }

        if (node.Slice)
        {
            _sql.Append(" : ");
            if (node.Upper is not null)
            {
                VisitExpression(node.Upper);
            }
        }

        _sql.Append(']');
        return node;
    }

    public override SqlNode VisitFieldSelection(FieldSelectionExpression node)
    {
        _sql.Append('(');
        VisitExpression(node.Operand);
        _sql.Append(").");
        if (node.Field is null)
        {
            _sql.Append('*');
        }
        else
        {
            WriteName(node.Field);
        }

        return node;
    }

    public override SqlNode VisitRow(RowExpression node)
    {
        _sql.Append(node.ExplicitRow || node.Items.Count < 2 ? "ROW(" : "(");
        WriteList(node.Items);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitGroupingSet(GroupingSetExpression node)
    {
        _sql.Append(node.Kind switch
        {
            GroupingSetKind.Rollup => "ROLLUP (",
            GroupingSetKind.Cube => "CUBE (",
            GroupingSetKind.Sets => "GROUPING SETS (",
            _ => "(",
        });
        WriteList(node.Items);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitCollate(CollateExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(" COLLATE ");
        if (node.Schema is not null)
        {
            WriteName(node.Schema);
            _sql.Append('.');
        }

        WriteName(node.Collation);
        return node;
    }

    public override SqlNode VisitAtTimeZone(AtTimeZoneExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(" AT TIME ZONE ");
        WriteOperand(node.Zone);
        return node;
    }

    public override SqlNode VisitBooleanTest(BooleanTestExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(node.Negated ? " IS NOT " : " IS ").Append(node.Test switch
        {
            BooleanTest.True => "TRUE",
            BooleanTest.False => "FALSE",
            _ => "UNKNOWN",
        });
        return node;
    }

    public override SqlNode VisitQuantified(QuantifiedExpression node)
    {
        WriteOperand(node.Left);
        _sql.Append(' ').Append(node.Operator).Append(node.All ? " ALL" : " ANY");

        // The tenants' array is written as an IN list's is: tenant_col = ANY(@tenant), col = ANY(@p0).
        _sql.Append(node.Array is TenantParameterExpression ? "(" : " (");
        if (node.Query is not null)
        {
            VisitQuery(node.Query);
        }
        else
        {
            VisitExpression(node.Array!);
        }

        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitInValues(InValuesExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(node.Negated ? " NOT IN (" : " IN (");
        WriteList(node.Values);
        _sql.Append(')');
        return node;
    }

    public override SqlNode VisitPatternMatch(PatternMatchExpression node)
    {
        WriteOperand(node.Operand);
        _sql.Append(node.Negated ? " NOT " : " ").Append(node.Operator).Append(' ');
        WriteOperand(node.Pattern);
        if (node.Escape is not null)
        {
            _sql.Append(" ESCAPE ");
            WriteOperand(node.Escape);
        }

        return node;
    }

    // Operands that never need parentheses around them: everything else is bracketed, so the written text
    // keeps the tree's structure whatever PostgreSQL's precedence of the operators involved.
    private static bool IsAtomic(SqlExpression expression) => expression is ColumnExpression or AllColumnsExpression or ParameterExpression
        or TenantParameterExpression or BooleanLiteral or LiteralExpression or ParameterReferenceExpression
        or FunctionCallExpression or SubqueryExpression or CaseExpression or ArrayExpression or ArraySubqueryExpression or RowExpression
        or KeywordValueExpression or ExistsExpression or DefaultValueExpression or SubscriptExpression or FieldSelectionExpression
        or CastExpression { Syntax: not CastSyntax.DoubleColon };

    private void WriteModifiers(IReadOnlyList<OrderItem> orderBy, SqlExpression? limit, SqlExpression? offset, bool withTies, IReadOnlyList<LockingClause> locking)
    {
        if (orderBy.Count > 0)
        {
            _sql.Append(" ORDER BY ");
            WriteList(orderBy);
        }

        if (limit is not null && !withTies)
        {
            _sql.Append(" LIMIT ");
            VisitExpression(limit);
        }

        if (offset is not null)
        {
            _sql.Append(" OFFSET ");
            VisitExpression(offset);
        }

        if (limit is not null && withTies)
        {
            _sql.Append(" FETCH FIRST (");
            VisitExpression(limit);
            _sql.Append(") ROWS WITH TIES");
        }

        foreach (var clause in locking)
        {
            _sql.Append(clause.Strength switch
            {
                LockStrength.Update => " FOR UPDATE",
                LockStrength.NoKeyUpdate => " FOR NO KEY UPDATE",
                LockStrength.Share => " FOR SHARE",
                _ => " FOR KEY SHARE",
            });
            if (clause.Of.Count > 0)
            {
                _sql.Append(" OF ");
                WriteNames(clause.Of);
            }

            _sql.Append(clause.Wait switch
            {
                LockWait.NoWait => " NOWAIT",
                LockWait.SkipLocked => " SKIP LOCKED",
                _ => string.Empty,
            });
        }
    }

    private void WriteRows(IReadOnlyList<IReadOnlyList<SqlExpression>> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0)
            {
                _sql.Append(", ");
            }

            _sql.Append('(');
            WriteList(rows[i]);
            _sql.Append(')');
        }
    }

    private void WriteFrameBound(FrameBoundKind kind, SqlExpression? offset)
    {
        switch (kind)
        {
            case FrameBoundKind.UnboundedPreceding:
                _sql.Append("UNBOUNDED PRECEDING");
                break;
            case FrameBoundKind.UnboundedFollowing:
                _sql.Append("UNBOUNDED FOLLOWING");
                break;
            case FrameBoundKind.CurrentRow:
                _sql.Append("CURRENT ROW");
                break;
            default:
                WriteOperand(offset!);
                _sql.Append(kind == FrameBoundKind.Preceding ? " PRECEDING" : " FOLLOWING");
                break;
        }
    }

    private void WriteType(TypeName type)
    {
        if (type.IsKeyword)
        {
            var space = type.Name.IndexOf(' ', StringComparison.Ordinal);
            if (type.Modifiers.Count > 0 && space > 0 && type.Name.StartsWith("time", StringComparison.Ordinal))
            {
                // timestamp(3) with time zone: the precision follows the first word.
                _sql.Append(type.Name, 0, space);
                WriteModifierList(type.Modifiers);
                _sql.Append(type.Name, space, type.Name.Length - space);
            }
            else
            {
                _sql.Append(type.Name);
                WriteModifierList(type.Modifiers);
            }
        }
        else
        {
            // A built-in type name is written as pg_catalog's, so that a type of the same name earlier on the search path is not taken.
            if (BuiltInTypes.Contains(type))
            {
                _sql.Append("pg_catalog.");
                WriteCatalogName(type.Name);
            }
            else if (type.Schema is not null)
            {
                WriteName(type.Schema);
                _sql.Append('.');
                WriteName(type.Name);
            }
            else
            {
                WriteName(type.Name);
            }

            WriteModifierList(type.Modifiers);
        }

        for (var i = 0; i < type.ArrayDimensions; i++)
        {
            _sql.Append("[]");
        }
    }

    private void WriteModifierList(IReadOnlyList<int> modifiers)
    {
        if (modifiers.Count == 0)
        {
            return;
        }

        _sql.Append('(');
        for (var i = 0; i < modifiers.Count; i++)
        {
            if (i > 0)
            {
                _sql.Append(", ");
            }

            _sql.Append(modifiers[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        _sql.Append(')');
    }

    // A string constant. Text a layer below could rewrite in command text (see SqlIdentifier.IsRewritable),
    // backslashes and control characters are written as escapes of an E'...' string, which means the same
    // whatever standard_conforming_strings is.
    private void WriteString(string value)
    {
        var plain = true;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' || SqlIdentifier.IsRewritable(value, i))
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            _sql.Append('\'');
            foreach (var c in value)
            {
                _sql.Append(c);
                if (c == '\'')
                {
                    _sql.Append('\'');
                }
            }

            _sql.Append('\'');
            return;
        }

        _sql.Append("E'");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '\\' or '\'' || SqlIdentifier.IsRewritable(value, i))
            {
                _sql.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                _sql.Append(c);
            }
        }

        _sql.Append('\'');
    }

    // A trusted built-in is written as pg_catalog's, whatever the search path: a function of the same name earlier on
    // it, or one of a closer argument type anywhere on it (CVE-2018-1058), would otherwise be called instead.
    private void WriteFunctionName(string? schema, string name)
    {
        if (!Parsing.SqlKeywords.IsCallableKeyword(name) && BuiltInFunctions.Contains(schema, name))
        {
            _sql.Append("pg_catalog.");
            WriteCatalogName(name);
        }
        else if (schema is not null)
        {
            WriteName(schema);
            _sql.Append('.');
            WriteName(name);
        }
        else if (Parsing.SqlKeywords.IsCallableKeyword(name) || (IsSimpleName(name) && !Parsing.SqlKeywords.NeedsQuotes(name)))
        {
            _sql.Append(name);
        }
        else
        {
            SqlIdentifier.Write(_sql, name);
        }
    }

    // After "pg_catalog." a keyword is a plain name (PostgreSQL's ColLabel), so only a name that is not simple needs quotes.
    private void WriteCatalogName(string name)
    {
        if (IsSimpleName(name))
        {
            _sql.Append(name);
        }
        else
        {
            SqlIdentifier.Write(_sql, name);
        }
    }

    private static bool IsSimpleName(string name)
    {
        if (name.Length == 0 || !(name[0] is (>= 'a' and <= 'z') or '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private void WriteWith(IReadOnlyList<CommonTableExpression> with)
    {
        if (with.Count == 0)
        {
            return;
        }

        _sql.Append(with[0].Recursive ? "WITH RECURSIVE " : "WITH ");
        WriteList(with);
        _sql.Append(' ');
    }

    private void WriteArm(QueryExpression arm, bool parenthesize)
    {
        if (parenthesize)
        {
            _sql.Append('(');
        }

        VisitQueryExpression(arm);
        if (parenthesize)
        {
            _sql.Append(')');
        }
    }

    private void WriteWhere(SqlExpression? where)
    {
        if (where is not null)
        {
            _sql.Append(" WHERE ");
            VisitExpression(where);
        }
    }

    private void WriteReturning(IReadOnlyList<SelectItem> returning)
    {
        if (returning.Count > 0)
        {
            _sql.Append(" RETURNING ");
            WriteList(returning);
        }
    }

    private void WriteOperand(SqlExpression operand)
    {
        var parenthesize = !IsAtomic(operand);
        if (parenthesize)
        {
            _sql.Append('(');
        }

        VisitExpression(operand);
        if (parenthesize)
        {
            _sql.Append(')');
        }
    }

    private void WriteList<T>(IReadOnlyList<T> nodes)
        where T : SqlNode
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            if (i > 0)
            {
                _sql.Append(", ");
            }

            nodes[i].Accept(this);
        }
    }

    // A name as written: quoted, or bare where PostgreSQL reads it back as the same name.
    private void WriteName(string name)
    {
        if (_bareNames && Parsing.SqlKeywords.CanBeBare(name))
        {
            _sql.Append(name);
        }
        else
        {
            SqlIdentifier.Write(_sql, name);
        }
    }

    private void WriteNames(IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                _sql.Append(", ");
            }

            WriteName(names[i]);
        }
    }

    private void WriteParameter(object? value)
    {
        switch (_style)
        {
            case ParameterStyle.Positional:
                _sql.Append('?');
                break;
            case ParameterStyle.Inline:
                SqlLiteral.Write(_sql, value);
                break;
            default:
                _sql.Append('@').Append(ParameterName(_values.Count));
                break;
        }

        _values.Add(value);
        _sources?.Add(_source);
        _source = default;
    }

    // A list bound to one raw placeholder becomes one parameter per element, as in SqlKata.
    private void WriteRawBinding(object? value)
    {
        if (value is IEnumerable list and not string and not byte[])
        {
            var raw = _source;
            var element = 0;
            foreach (var item in list)
            {
                if (element > 0)
                {
                    _sql.Append(", ");
                }

                _source = raw with { Element = element++ };
                WriteParameter(item);
            }

            _source = default;

            return;
        }

        WriteParameter(value);
    }
}
