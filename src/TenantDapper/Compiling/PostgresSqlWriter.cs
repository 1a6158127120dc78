using System.Collections;
using System.Text;
using TenantDapper.Syntax;

namespace TenantDapper.Compiling;

/// <summary>
/// Writes a SQL tree as PostgreSQL text. A visitor like any other: it returns every node unchanged.
/// Values become parameters <c>@p0, @p1, ...</c> in the order they are written; the tenant is <c>@tenant</c>.
/// </summary>
internal sealed class PostgresSqlWriter : SqlVisitor
{
    [ThreadStatic]
    private static PostgresSqlWriter? _cached;

    private readonly StringBuilder _sql = new(256);
    private readonly List<object?> _values = new(8);
    private bool _usesTenant;

    private PostgresSqlWriter()
    {
    }

    public static CompiledSql Write(SqlStatement statement)
    {
        var writer = _cached ?? new PostgresSqlWriter();
        _cached = null;
        try
        {
            writer.VisitStatement(statement);
            return new CompiledSql(SqlTextCache.ToText(writer._sql), writer._values.Count == 0 ? [] : writer._values.ToArray(), writer._usesTenant);
        }
        finally
        {
            writer._sql.Clear();
            writer._values.Clear();
            writer._usesTenant = false;
            if (writer._sql.Capacity <= 8192)
            {
                _cached = writer;
            }
        }
    }

    public override SqlNode VisitSelectStatement(SelectStatement node)
    {
        WriteWith(node.With);
        VisitQueryExpression(node.Body);
        return node;
    }

    public override SqlNode VisitCommonTableExpression(CommonTableExpression node)
    {
        SqlIdentifier.Write(_sql, node.Name);
        _sql.Append(" AS (");
        if (node.Query is not null)
        {
            VisitQuery(node.Query);
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

        if (node.OrderBy.Count > 0)
        {
            _sql.Append(" ORDER BY ");
            WriteList(node.OrderBy);
        }

        if (node.Limit is not null)
        {
            _sql.Append(" LIMIT ");
            VisitExpression(node.Limit);
        }

        if (node.Offset is not null)
        {
            _sql.Append(" OFFSET ");
            VisitExpression(node.Offset);
        }

        return node;
    }

    public override SqlNode VisitSetOperation(SetOperation node)
    {
        WriteArm(node.Left, node.Left is SelectBlock { OrderBy.Count: > 0 } or SelectBlock { Limit: not null } or SelectBlock { Offset: not null });
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
            SqlIdentifier.Write(_sql, node.Alias);
        }

        return node;
    }

    public override SqlNode VisitOrderItem(OrderItem node)
    {
        VisitExpression(node.Expression);
        if (node.Descending)
        {
            _sql.Append(" DESC");
        }

        return node;
    }

    public override SqlNode VisitAssignment(Assignment node)
    {
        SqlIdentifier.Write(_sql, node.Column);
        _sql.Append(" = ");
        VisitExpression(node.Value);
        return node;
    }

    public override SqlNode VisitOnConflict(OnConflictClause node)
    {
        _sql.Append(" ON CONFLICT");
        if (node.TargetColumns.Count > 0)
        {
            _sql.Append(" (");
            WriteNames(node.TargetColumns);
            _sql.Append(')');
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
            for (var i = 0; i < node.Rows.Count; i++)
            {
                if (i > 0)
                {
                    _sql.Append(", ");
                }

                _sql.Append('(');
                WriteList(node.Rows[i]);
                _sql.Append(')');
            }
        }
        else if (node.Source is not null)
        {
            _sql.Append(' ');
            VisitQuery(node.Source);
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
            SqlIdentifier.Write(_sql, node.Schema);
            _sql.Append('.');
        }

        SqlIdentifier.Write(_sql, node.Name);
        if (node.Alias is not null)
        {
            _sql.Append(" AS ");
            SqlIdentifier.Write(_sql, node.Alias);
        }

        return node;
    }

    public override SqlNode VisitDerivedTable(DerivedTable node)
    {
        _sql.Append('(');
        VisitQuery(node.Query);
        _sql.Append(") AS ");
        SqlIdentifier.Write(_sql, node.Alias);
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

        if (node.On is not null)
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

        SqlIdentifier.Write(_sql, node.Name);
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
            SqlIdentifier.Write(_sql, qualifier.Schema);
            _sql.Append('.');
        }

        SqlIdentifier.Write(_sql, qualifier.Name);
        _sql.Append('.');
    }

    public override SqlNode VisitParameter(ParameterExpression node)
    {
        WriteParameter(node.Value);
        return node;
    }

    public override SqlNode VisitTenantParameter(TenantParameterExpression node)
    {
        _usesTenant = true;
        _sql.Append('@').Append(CompiledSql.TenantParameterName);
        return node;
    }

    public override SqlNode VisitBooleanLiteral(BooleanLiteral node)
    {
        _sql.Append(node.Value ? "true" : "false");
        return node;
    }

    public override SqlNode VisitRaw(RawExpression node)
    {
        var text = node.Sql;
        var binding = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\' when i + 1 < text.Length && text[i + 1] == '?':
                    _sql.Append('?');
                    i++;
                    break;
                case '?':
                    WriteRawBinding(node.Bindings[binding++]);
                    break;
                case '[' or '{':
                    // "[]" is an array type (bigint[]), never an identifier.
                    var close = text.IndexOf(c == '[' ? ']' : '}', i + 1);
                    if (close < 0 || close == i + 1)
                    {
                        _sql.Append(c);
                        break;
                    }

                    SqlIdentifier.WriteQualified(_sql, text.Substring(i + 1, close - i - 1));
                    i = close;
                    break;
                default:
                    _sql.Append(c);
                    break;
            }
        }

        return node;
    }

    public override SqlNode VisitFunction(FunctionExpression node)
    {
        _sql.Append(node.Name).Append('(');
        if (node.Distinct)
        {
            _sql.Append("DISTINCT ");
        }

        WriteList(node.Arguments);
        _sql.Append(')');
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

            // A raw fragment may hold its own OR, so it is bracketed like one (unless it already is).
            var operand = node.Operands[i];
            if (operand is OrExpression || operand is RawExpression raw && !IsEnclosed(raw.Sql))
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
            if (operand is RawExpression raw && !IsEnclosed(raw.Sql))
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
            _sql.Append(" ESCAPE '").Append(escape == '\'' ? "''" : escape.ToString()).Append('\'');
        }

        return node;
    }

    // Whether the fragment is one parenthesized group, "(...)", its first bracket closing at its last character.
    // Brackets inside quoted literals and identifiers do not count; when in doubt the answer is no (add brackets).
    private static bool IsEnclosed(string sql)
    {
        var text = sql.AsSpan().Trim();
        if (text.Length < 2 || text[0] != '(' || text[^1] != ')')
        {
            return false;
        }

        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\'' or '"':
                    var close = text[(i + 1)..].IndexOf(text[i]);
                    if (close < 0)
                    {
                        return false;
                    }

                    i += close + 1;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    if (depth == 0 && i != text.Length - 1)
                    {
                        return false;
                    }

                    break;
            }
        }

        return depth == 0;
    }

    private void WriteWith(IReadOnlyList<CommonTableExpression> with)
    {
        if (with.Count == 0)
        {
            return;
        }

        _sql.Append("WITH ");
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
        var parenthesize = operand is BinaryExpression or AndExpression or OrExpression or BetweenExpression or LikeExpression or IsNullExpression or InListExpression;
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

    private void WriteNames(IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (i > 0)
            {
                _sql.Append(", ");
            }

            SqlIdentifier.Write(_sql, names[i]);
        }
    }

    private void WriteParameter(object? value)
    {
        _sql.Append("@").Append(CompiledSql.ParameterName(_values.Count));
        _values.Add(value);
    }

    // A list bound to one raw placeholder becomes one parameter per element, as in SqlKata.
    private void WriteRawBinding(object? value)
    {
        if (value is IEnumerable list and not string and not byte[])
        {
            var first = true;
            foreach (var item in list)
            {
                if (!first)
                {
                    _sql.Append(", ");
                }

                WriteParameter(item);
                first = false;
            }

            return;
        }

        WriteParameter(value);
    }
}
