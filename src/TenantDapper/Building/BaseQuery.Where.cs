using TenantDapper.Building;

namespace TenantDapper;

/// <content>The WHERE (and join ON) conditions.</content>
public abstract partial class BaseQuery<TQuery>
{
    /// <summary>Adds <c>column op value</c>; a <see langword="null"/> value gives <c>IS [NOT] NULL</c>, a <see cref="Query"/> a scalar sub-query.</summary>
    public TQuery Where(string column, string op, object? value) =>
        AddComparison(Connective.And, false, column, op, value);

    /// <summary>Adds <c>column = value</c>; a <see langword="null"/> value gives <c>IS NULL</c>.</summary>
    public TQuery Where(string column, object? value) =>
        AddComparison(Connective.And, false, column, "=", value);

    /// <summary>Adds <c>column op (sub-query)</c>; the sub-query must return one value.</summary>
    public TQuery Where(string column, string op, Query query) =>
        AddComparison(Connective.And, false, column, op, query);

    /// <summary>Adds <c>column op (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery Where(string column, string op, Func<Query, Query> callback) =>
        AddComparison(Connective.And, false, column, op, Built(callback));

    /// <summary>Adds a bracketed group of conditions built by <paramref name="callback"/>.</summary>
    public TQuery Where(Func<TQuery, TQuery> callback) =>
        AddGroup(Connective.And, false, callback);

    /// <summary>Adds <c>column = value</c> for each property (or dictionary entry) of <paramref name="constraints"/>, as one group.</summary>
    public TQuery Where(object constraints) =>
        AddObject(Connective.And, false, constraints);

    /// <summary>Adds <c>column op value</c> (joined with OR); a <see langword="null"/> value gives <c>IS [NOT] NULL</c>, a <see cref="Query"/> a scalar sub-query.</summary>
    public TQuery OrWhere(string column, string op, object? value) =>
        AddComparison(Connective.Or, false, column, op, value);

    /// <summary>Adds <c>column = value</c> (joined with OR); a <see langword="null"/> value gives <c>IS NULL</c>.</summary>
    public TQuery OrWhere(string column, object? value) =>
        AddComparison(Connective.Or, false, column, "=", value);

    /// <summary>Adds <c>column op (sub-query)</c> (joined with OR); the sub-query must return one value.</summary>
    public TQuery OrWhere(string column, string op, Query query) =>
        AddComparison(Connective.Or, false, column, op, query);

    /// <summary>Adds <c>column op (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery OrWhere(string column, string op, Func<Query, Query> callback) =>
        AddComparison(Connective.Or, false, column, op, Built(callback));

    /// <summary>Adds a bracketed group of conditions built by <paramref name="callback"/> (joined with OR).</summary>
    public TQuery OrWhere(Func<TQuery, TQuery> callback) =>
        AddGroup(Connective.Or, false, callback);

    /// <summary>Adds <c>column = value</c> for each property (or dictionary entry) of <paramref name="constraints"/>, as one group (joined with OR).</summary>
    public TQuery OrWhere(object constraints) =>
        AddObject(Connective.Or, false, constraints);

    /// <summary>Adds NOT <c>column op value</c>; a <see langword="null"/> value gives <c>IS [NOT] NULL</c>, a <see cref="Query"/> a scalar sub-query.</summary>
    public TQuery WhereNot(string column, string op, object? value) =>
        AddComparison(Connective.And, true, column, op, value);

    /// <summary>Adds NOT <c>column = value</c>; a <see langword="null"/> value gives <c>IS NULL</c>.</summary>
    public TQuery WhereNot(string column, object? value) =>
        AddComparison(Connective.And, true, column, "=", value);

    /// <summary>Adds NOT <c>column op (sub-query)</c>; the sub-query must return one value.</summary>
    public TQuery WhereNot(string column, string op, Query query) =>
        AddComparison(Connective.And, true, column, op, query);

    /// <summary>Adds NOT <c>column op (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery WhereNot(string column, string op, Func<Query, Query> callback) =>
        AddComparison(Connective.And, true, column, op, Built(callback));

    /// <summary>Adds NOT a bracketed group of conditions built by <paramref name="callback"/>.</summary>
    public TQuery WhereNot(Func<TQuery, TQuery> callback) =>
        AddGroup(Connective.And, true, callback);

    /// <summary>Adds NOT <c>column = value</c> for each property (or dictionary entry) of <paramref name="constraints"/>, as one group.</summary>
    public TQuery WhereNot(object constraints) =>
        AddObject(Connective.And, true, constraints);

    /// <summary>Adds NOT <c>column op value</c> (joined with OR); a <see langword="null"/> value gives <c>IS [NOT] NULL</c>, a <see cref="Query"/> a scalar sub-query.</summary>
    public TQuery OrWhereNot(string column, string op, object? value) =>
        AddComparison(Connective.Or, true, column, op, value);

    /// <summary>Adds NOT <c>column = value</c> (joined with OR); a <see langword="null"/> value gives <c>IS NULL</c>.</summary>
    public TQuery OrWhereNot(string column, object? value) =>
        AddComparison(Connective.Or, true, column, "=", value);

    /// <summary>Adds NOT <c>column op (sub-query)</c> (joined with OR); the sub-query must return one value.</summary>
    public TQuery OrWhereNot(string column, string op, Query query) =>
        AddComparison(Connective.Or, true, column, op, query);

    /// <summary>Adds NOT <c>column op (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery OrWhereNot(string column, string op, Func<Query, Query> callback) =>
        AddComparison(Connective.Or, true, column, op, Built(callback));

    /// <summary>Adds NOT a bracketed group of conditions built by <paramref name="callback"/> (joined with OR).</summary>
    public TQuery OrWhereNot(Func<TQuery, TQuery> callback) =>
        AddGroup(Connective.Or, true, callback);

    /// <summary>Adds NOT <c>column = value</c> for each property (or dictionary entry) of <paramref name="constraints"/>, as one group (joined with OR).</summary>
    public TQuery OrWhereNot(object constraints) =>
        AddObject(Connective.Or, true, constraints);

    /// <summary>Adds <c>column IS NULL</c>.</summary>
    public TQuery WhereNull(string column) =>
        AddWhere(new NullCondition(Joined(Connective.And), Negating(false), Names.Column(column)));

    /// <summary>Adds <c>column IS NULL</c> (joined with OR).</summary>
    public TQuery OrWhereNull(string column) =>
        AddWhere(new NullCondition(Joined(Connective.Or), Negating(false), Names.Column(column)));

    /// <summary>Adds <c>column IS NOT NULL</c>.</summary>
    public TQuery WhereNotNull(string column) =>
        AddWhere(new NullCondition(Joined(Connective.And), Negating(true), Names.Column(column)));

    /// <summary>Adds <c>column IS NOT NULL</c> (joined with OR).</summary>
    public TQuery OrWhereNotNull(string column) =>
        AddWhere(new NullCondition(Joined(Connective.Or), Negating(true), Names.Column(column)));

    /// <summary>Adds <c>column IN (values)</c>, sent as one array parameter so the SQL text does not depend on the list's length; an empty list matches no row.</summary>
    public TQuery WhereIn<T>(string column, IEnumerable<T> values) =>
        AddIn(Connective.And, false, column, values);

    /// <summary>Adds <c>column IN (sub-query)</c>.</summary>
    public TQuery WhereIn(string column, Query query) =>
        AddWhere(new InQueryCondition(Joined(Connective.And), Negating(false), Names.Column(column), query.Clone()));

    /// <summary>Adds <c>column IN (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery WhereIn(string column, Func<Query, Query> callback) =>
        AddWhere(new InQueryCondition(Joined(Connective.And), Negating(false), Names.Column(column), Built(callback)));

    /// <summary>Adds <c>column IN (values)</c> (joined with OR), sent as one array parameter so the SQL text does not depend on the list's length; an empty list matches no row.</summary>
    public TQuery OrWhereIn<T>(string column, IEnumerable<T> values) =>
        AddIn(Connective.Or, false, column, values);

    /// <summary>Adds <c>column IN (sub-query)</c> (joined with OR).</summary>
    public TQuery OrWhereIn(string column, Query query) =>
        AddWhere(new InQueryCondition(Joined(Connective.Or), Negating(false), Names.Column(column), query.Clone()));

    /// <summary>Adds <c>column IN (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery OrWhereIn(string column, Func<Query, Query> callback) =>
        AddWhere(new InQueryCondition(Joined(Connective.Or), Negating(false), Names.Column(column), Built(callback)));

    /// <summary>Adds <c>column NOT IN (values)</c>, sent as one array parameter so the SQL text does not depend on the list's length; an empty list matches every row.</summary>
    public TQuery WhereNotIn<T>(string column, IEnumerable<T> values) =>
        AddIn(Connective.And, true, column, values);

    /// <summary>Adds <c>column NOT IN (sub-query)</c>.</summary>
    public TQuery WhereNotIn(string column, Query query) =>
        AddWhere(new InQueryCondition(Joined(Connective.And), Negating(true), Names.Column(column), query.Clone()));

    /// <summary>Adds <c>column NOT IN (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery WhereNotIn(string column, Func<Query, Query> callback) =>
        AddWhere(new InQueryCondition(Joined(Connective.And), Negating(true), Names.Column(column), Built(callback)));

    /// <summary>Adds <c>column NOT IN (values)</c> (joined with OR), sent as one array parameter so the SQL text does not depend on the list's length; an empty list matches every row.</summary>
    public TQuery OrWhereNotIn<T>(string column, IEnumerable<T> values) =>
        AddIn(Connective.Or, true, column, values);

    /// <summary>Adds <c>column NOT IN (sub-query)</c> (joined with OR).</summary>
    public TQuery OrWhereNotIn(string column, Query query) =>
        AddWhere(new InQueryCondition(Joined(Connective.Or), Negating(true), Names.Column(column), query.Clone()));

    /// <summary>Adds <c>column NOT IN (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery OrWhereNotIn(string column, Func<Query, Query> callback) =>
        AddWhere(new InQueryCondition(Joined(Connective.Or), Negating(true), Names.Column(column), Built(callback)));

    /// <summary>Adds <c>column BETWEEN lower AND higher</c>.</summary>
    public TQuery WhereBetween<T>(string column, T lower, T higher) =>
        AddWhere(new BetweenCondition(Joined(Connective.And), Negating(false), Names.Column(column), lower, higher));

    /// <summary>Adds <c>column BETWEEN lower AND higher</c> (joined with OR).</summary>
    public TQuery OrWhereBetween<T>(string column, T lower, T higher) =>
        AddWhere(new BetweenCondition(Joined(Connective.Or), Negating(false), Names.Column(column), lower, higher));

    /// <summary>Adds <c>column NOT BETWEEN lower AND higher</c>.</summary>
    public TQuery WhereNotBetween<T>(string column, T lower, T higher) =>
        AddWhere(new BetweenCondition(Joined(Connective.And), Negating(true), Names.Column(column), lower, higher));

    /// <summary>Adds <c>column NOT BETWEEN lower AND higher</c> (joined with OR).</summary>
    public TQuery OrWhereNotBetween<T>(string column, T lower, T higher) =>
        AddWhere(new BetweenCondition(Joined(Connective.Or), Negating(true), Names.Column(column), lower, higher));

    /// <summary>Adds <c>column ILIKE pattern</c> matching the pattern as given (<c>%</c> and <c>_</c> are wildcards); case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery WhereLike(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.And, false, column, value, caseSensitive, escapeCharacter, "", "");

    /// <summary>Adds <c>column ILIKE pattern</c> (joined with OR) matching the pattern as given (<c>%</c> and <c>_</c> are wildcards); case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery OrWhereLike(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.Or, false, column, value, caseSensitive, escapeCharacter, "", "");

    /// <summary>Adds <c>column NOT ILIKE pattern</c> matching the pattern as given (<c>%</c> and <c>_</c> are wildcards); case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery WhereNotLike(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.And, true, column, value, caseSensitive, escapeCharacter, "", "");

    /// <summary>Adds <c>column NOT ILIKE pattern</c> (joined with OR) matching the pattern as given (<c>%</c> and <c>_</c> are wildcards); case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery OrWhereNotLike(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.Or, true, column, value, caseSensitive, escapeCharacter, "", "");

    /// <summary>Adds <c>column ILIKE pattern</c> matching values starting with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery WhereStarts(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.And, false, column, value, caseSensitive, escapeCharacter, "", "%");

    /// <summary>Adds <c>column ILIKE pattern</c> (joined with OR) matching values starting with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery OrWhereStarts(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.Or, false, column, value, caseSensitive, escapeCharacter, "", "%");

    /// <summary>Adds <c>column NOT ILIKE pattern</c> matching values starting with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery WhereNotStarts(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.And, true, column, value, caseSensitive, escapeCharacter, "", "%");

    /// <summary>Adds <c>column NOT ILIKE pattern</c> (joined with OR) matching values starting with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery OrWhereNotStarts(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.Or, true, column, value, caseSensitive, escapeCharacter, "", "%");

    /// <summary>Adds <c>column ILIKE pattern</c> matching values ending with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery WhereEnds(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.And, false, column, value, caseSensitive, escapeCharacter, "%", "");

    /// <summary>Adds <c>column ILIKE pattern</c> (joined with OR) matching values ending with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery OrWhereEnds(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.Or, false, column, value, caseSensitive, escapeCharacter, "%", "");

    /// <summary>Adds <c>column NOT ILIKE pattern</c> matching values ending with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery WhereNotEnds(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.And, true, column, value, caseSensitive, escapeCharacter, "%", "");

    /// <summary>Adds <c>column NOT ILIKE pattern</c> (joined with OR) matching values ending with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery OrWhereNotEnds(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.Or, true, column, value, caseSensitive, escapeCharacter, "%", "");

    /// <summary>Adds <c>column ILIKE pattern</c> matching values containing <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery WhereContains(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.And, false, column, value, caseSensitive, escapeCharacter, "%", "%");

    /// <summary>Adds <c>column ILIKE pattern</c> (joined with OR) matching values containing <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery OrWhereContains(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.Or, false, column, value, caseSensitive, escapeCharacter, "%", "%");

    /// <summary>Adds <c>column NOT ILIKE pattern</c> matching values containing <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery WhereNotContains(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.And, true, column, value, caseSensitive, escapeCharacter, "%", "%");

    /// <summary>Adds <c>column NOT ILIKE pattern</c> (joined with OR) matching values containing <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public TQuery OrWhereNotContains(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddLike(Connective.Or, true, column, value, caseSensitive, escapeCharacter, "%", "%");

    /// <summary>Adds <c>first op second</c> comparing two columns.</summary>
    public TQuery WhereColumns(string first, string op, string second) =>
        AddWhere(new ColumnsCondition(Joined(Connective.And), Negating(false), Names.Column(first), Operator(op), Names.Column(second)));

    /// <summary>Adds <c>first op second</c> comparing two columns (joined with OR).</summary>
    public TQuery OrWhereColumns(string first, string op, string second) =>
        AddWhere(new ColumnsCondition(Joined(Connective.Or), Negating(false), Names.Column(first), Operator(op), Names.Column(second)));

    /// <summary>Adds <c>EXISTS (sub-query)</c>.</summary>
    public TQuery WhereExists(Query query) =>
        AddWhere(new ExistsCondition(Joined(Connective.And), Negating(false), Exists(query)));

    /// <summary>Adds <c>EXISTS (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery WhereExists(Func<Query, Query> callback) =>
        AddWhere(new ExistsCondition(Joined(Connective.And), Negating(false), Exists(Built(callback))));

    /// <summary>Adds <c>EXISTS (sub-query)</c> (joined with OR).</summary>
    public TQuery OrWhereExists(Query query) =>
        AddWhere(new ExistsCondition(Joined(Connective.Or), Negating(false), Exists(query)));

    /// <summary>Adds <c>EXISTS (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery OrWhereExists(Func<Query, Query> callback) =>
        AddWhere(new ExistsCondition(Joined(Connective.Or), Negating(false), Exists(Built(callback))));

    /// <summary>Adds <c>NOT EXISTS (sub-query)</c>.</summary>
    public TQuery WhereNotExists(Query query) =>
        AddWhere(new ExistsCondition(Joined(Connective.And), Negating(true), Exists(query)));

    /// <summary>Adds <c>NOT EXISTS (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery WhereNotExists(Func<Query, Query> callback) =>
        AddWhere(new ExistsCondition(Joined(Connective.And), Negating(true), Exists(Built(callback))));

    /// <summary>Adds <c>NOT EXISTS (sub-query)</c> (joined with OR).</summary>
    public TQuery OrWhereNotExists(Query query) =>
        AddWhere(new ExistsCondition(Joined(Connective.Or), Negating(true), Exists(query)));

    /// <summary>Adds <c>NOT EXISTS (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public TQuery OrWhereNotExists(Func<Query, Query> callback) =>
        AddWhere(new ExistsCondition(Joined(Connective.Or), Negating(true), Exists(Built(callback))));

    /// <summary>Adds <c>column = true</c>.</summary>
    public TQuery WhereTrue(string column) =>
        AddWhere(new BooleanCondition(Joined(Connective.And), Negating(false), Names.Column(column), true));

    /// <summary>Adds <c>column = true</c> (joined with OR).</summary>
    public TQuery OrWhereTrue(string column) =>
        AddWhere(new BooleanCondition(Joined(Connective.Or), Negating(false), Names.Column(column), true));

    /// <summary>Adds <c>column = false</c>.</summary>
    public TQuery WhereFalse(string column) =>
        AddWhere(new BooleanCondition(Joined(Connective.And), Negating(false), Names.Column(column), false));

    /// <summary>Adds <c>column = false</c> (joined with OR).</summary>
    public TQuery OrWhereFalse(string column) =>
        AddWhere(new BooleanCondition(Joined(Connective.Or), Negating(false), Names.Column(column), false));

    /// <summary>Adds a raw condition: <c>?</c> is a binding (<c>\?</c> a literal question mark), <c>[x]</c> and <c>{x}</c> quoted identifiers; placeholders and bindings must match.</summary>
    public TQuery WhereRaw(string sql, params object?[] bindings) =>
        AddWhere(new RawCondition(Joined(Connective.And), Negating(false), RawFragment.Create(sql, bindings)));

    /// <summary>Adds a raw condition (joined with OR): <c>?</c> is a binding (<c>\?</c> a literal question mark), <c>[x]</c> and <c>{x}</c> quoted identifiers; placeholders and bindings must match.</summary>
    public TQuery OrWhereRaw(string sql, params object?[] bindings) =>
        AddWhere(new RawCondition(Joined(Connective.Or), Negating(false), RawFragment.Create(sql, bindings)));

    private static Query Exists(Query query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Clone();
    }
}
