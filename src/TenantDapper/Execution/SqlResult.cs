using TenantDapper.Compiling;
using TenantDapper.Execution;
using TenantDapper.Scoping;
using TenantDapper.Syntax;

namespace TenantDapper;

/// <summary>
/// A compiled statement: <see cref="Sql"/> with <c>@p0, @p1, ...</c> placeholders and <see cref="NamedBindings"/>,
/// ready to pass to Dapper (<c>connection.Query(result.Sql, result.NamedBindings)</c>).
/// </summary>
public sealed class SqlResult
{
    private Dictionary<string, object?>? _namedBindings;

    private string? _rawSql;

    private SqlStatement? _statement;

    private readonly Func<SqlStatement>? _scope;

    private readonly object?[] _values;

    internal SqlResult(PreparedSql prepared, object?[] values, SqlStatement statement)
    {
        Prepared = prepared;
        _values = values;
        _statement = statement;
    }

    /// <summary>A result whose statement is built only when it is shown (a cached builder shape keeps no tree).</summary>
    internal SqlResult(PreparedSql prepared, object?[] values, Func<SqlStatement> scope)
    {
        Prepared = prepared;
        _values = values;
        _scope = scope;
    }

    /// <summary>The SQL text; it depends only on the query's shape, never on its values.</summary>
    public string Sql => Prepared.Sql;

    /// <summary>
    /// The SQL text with a <c>?</c> for every value, in the order of <see cref="Bindings"/>, as SqlKata shows it
    /// (a tenant-scoped statement keeps <c>@tenant</c>). For display: run <see cref="Sql"/>.
    /// </summary>
    public string RawSql => _rawSql ??= PostgresSqlWriter.WriteForDisplay(Statement, ParameterStyle.Positional, Tenant);

    /// <summary>The parameter values in order: <c>@p{i}</c> is <c>Bindings[i]</c>.</summary>
    public IReadOnlyList<object?> Bindings => _values;

    /// <summary>
    /// The parameters by name (<c>p0</c>, <c>p1</c>, ...; <c>tenant</c> when the statement is tenant-scoped). A list is a typed
    /// array; an empty list is sent untyped so PostgreSQL takes its type from the column it is compared with.
    /// </summary>
    public IReadOnlyDictionary<string, object?> NamedBindings => _namedBindings ??= BuildNamedBindings();

    /// <summary>The statement this result shows: its text, whether it uses the tenant, what it supplies.</summary>
    internal PreparedSql Prepared { get; }

    /// <summary>The tenant value bound to <c>@tenant</c> when the statement was scoped for a tenant.</summary>
    internal object? Tenant { get; init; }

    /// <summary>The statement that was written (after scoping), kept to write <see cref="RawSql"/> and <see cref="ToString"/> on demand.</summary>
    internal SqlStatement Statement => _statement ??= _scope!();

    /// <summary>
    /// The SQL with every value written in as a quoted literal (and the tenant too), as SqlKata's <c>ToString()</c>
    /// shows it: for logs and debugging only. What runs is always <see cref="Sql"/> with <see cref="NamedBindings"/>.
    /// </summary>
    public override string ToString() => PostgresSqlWriter.WriteForDisplay(Statement, ParameterStyle.Inline, Tenant);

    private Dictionary<string, object?> BuildNamedBindings()
    {
        var values = _values;
        var named = new Dictionary<string, object?>(values.Length + (Prepared.UsesTenant ? 1 : 0));
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            named[PostgresSqlWriter.ParameterName(i)] = value is Array { Length: 0 } and not byte[] ? EmptyArrayParameter.Instance : value;
        }

        if (Prepared.UsesTenant)
        {
            named[TenantParameterExpression.Name] = Tenant;
        }

        return named;
    }
}
