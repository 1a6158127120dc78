using TenantDapper.Building;

namespace TenantDapper;

/// <content>HAVING: the same conditions as WHERE (columns are columns; conditions on aggregates use HavingRaw).</content>
public sealed partial class Query
{
    /// <summary>Adds to HAVING <c>column op value</c>; a <see langword="null"/> value gives <c>IS [NOT] NULL</c>, a <see cref="Query"/> a scalar sub-query.</summary>
    public Query Having(string column, string op, object? value) =>
        AddHavings(q => q.Where(column, op, value));

    /// <summary>Adds to HAVING <c>column = value</c>; a <see langword="null"/> value gives <c>IS NULL</c>.</summary>
    public Query Having(string column, object? value) =>
        AddHavings(q => q.Where(column, value));

    /// <summary>Adds to HAVING <c>column op (sub-query)</c>; the sub-query must return one value.</summary>
    public Query Having(string column, string op, Query query) =>
        AddHavings(q => q.Where(column, op, query));

    /// <summary>Adds to HAVING <c>column op (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public Query Having(string column, string op, Func<Query, Query> callback) =>
        AddHavings(q => q.Where(column, op, callback));

    /// <summary>Adds to HAVING <c>column op value</c> (joined with OR); a <see langword="null"/> value gives <c>IS [NOT] NULL</c>, a <see cref="Query"/> a scalar sub-query.</summary>
    public Query OrHaving(string column, string op, object? value) =>
        AddHavings(q => q.OrWhere(column, op, value));

    /// <summary>Adds to HAVING <c>column = value</c> (joined with OR); a <see langword="null"/> value gives <c>IS NULL</c>.</summary>
    public Query OrHaving(string column, object? value) =>
        AddHavings(q => q.OrWhere(column, value));

    /// <summary>Adds to HAVING <c>column op (sub-query)</c> (joined with OR); the sub-query must return one value.</summary>
    public Query OrHaving(string column, string op, Query query) =>
        AddHavings(q => q.OrWhere(column, op, query));

    /// <summary>Adds to HAVING <c>column op (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public Query OrHaving(string column, string op, Func<Query, Query> callback) =>
        AddHavings(q => q.OrWhere(column, op, callback));

    /// <summary>Adds to HAVING NOT <c>column op value</c>; a <see langword="null"/> value gives <c>IS [NOT] NULL</c>, a <see cref="Query"/> a scalar sub-query.</summary>
    public Query HavingNot(string column, string op, object? value) =>
        AddHavings(q => q.WhereNot(column, op, value));

    /// <summary>Adds to HAVING NOT <c>column = value</c>; a <see langword="null"/> value gives <c>IS NULL</c>.</summary>
    public Query HavingNot(string column, object? value) =>
        AddHavings(q => q.WhereNot(column, value));

    /// <summary>Adds to HAVING NOT <c>column op (sub-query)</c>; the sub-query must return one value.</summary>
    public Query HavingNot(string column, string op, Query query) =>
        AddHavings(q => q.WhereNot(column, op, query));

    /// <summary>Adds to HAVING NOT <c>column op (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public Query HavingNot(string column, string op, Func<Query, Query> callback) =>
        AddHavings(q => q.WhereNot(column, op, callback));

    /// <summary>Adds to HAVING NOT <c>column op value</c> (joined with OR); a <see langword="null"/> value gives <c>IS [NOT] NULL</c>, a <see cref="Query"/> a scalar sub-query.</summary>
    public Query OrHavingNot(string column, string op, object? value) =>
        AddHavings(q => q.OrWhereNot(column, op, value));

    /// <summary>Adds to HAVING NOT <c>column = value</c> (joined with OR); a <see langword="null"/> value gives <c>IS NULL</c>.</summary>
    public Query OrHavingNot(string column, object? value) =>
        AddHavings(q => q.OrWhereNot(column, value));

    /// <summary>Adds to HAVING NOT <c>column op (sub-query)</c> (joined with OR); the sub-query must return one value.</summary>
    public Query OrHavingNot(string column, string op, Query query) =>
        AddHavings(q => q.OrWhereNot(column, op, query));

    /// <summary>Adds to HAVING NOT <c>column op (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public Query OrHavingNot(string column, string op, Func<Query, Query> callback) =>
        AddHavings(q => q.OrWhereNot(column, op, callback));

    /// <summary>Adds to HAVING <c>column IS NULL</c>.</summary>
    public Query HavingNull(string column) =>
        AddHavings(q => q.WhereNull(column));

    /// <summary>Adds to HAVING <c>column IS NULL</c> (joined with OR).</summary>
    public Query OrHavingNull(string column) =>
        AddHavings(q => q.OrWhereNull(column));

    /// <summary>Adds to HAVING <c>column IS NOT NULL</c>.</summary>
    public Query HavingNotNull(string column) =>
        AddHavings(q => q.WhereNotNull(column));

    /// <summary>Adds to HAVING <c>column IS NOT NULL</c> (joined with OR).</summary>
    public Query OrHavingNotNull(string column) =>
        AddHavings(q => q.OrWhereNotNull(column));

    /// <summary>Adds to HAVING <c>column IN (values)</c>, sent as one array parameter so the SQL text does not depend on the list's length; an empty list matches no row.</summary>
    public Query HavingIn<T>(string column, IEnumerable<T> values) =>
        AddHavings(q => q.WhereIn(column, values));

    /// <summary>Adds to HAVING <c>column IN (sub-query)</c>.</summary>
    public Query HavingIn(string column, Query query) =>
        AddHavings(q => q.WhereIn(column, query));

    /// <summary>Adds to HAVING <c>column IN (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public Query HavingIn(string column, Func<Query, Query> callback) =>
        AddHavings(q => q.WhereIn(column, callback));

    /// <summary>Adds to HAVING <c>column IN (values)</c> (joined with OR), sent as one array parameter so the SQL text does not depend on the list's length; an empty list matches no row.</summary>
    public Query OrHavingIn<T>(string column, IEnumerable<T> values) =>
        AddHavings(q => q.OrWhereIn(column, values));

    /// <summary>Adds to HAVING <c>column IN (sub-query)</c> (joined with OR).</summary>
    public Query OrHavingIn(string column, Query query) =>
        AddHavings(q => q.OrWhereIn(column, query));

    /// <summary>Adds to HAVING <c>column IN (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public Query OrHavingIn(string column, Func<Query, Query> callback) =>
        AddHavings(q => q.OrWhereIn(column, callback));

    /// <summary>Adds to HAVING <c>column NOT IN (values)</c>, sent as one array parameter so the SQL text does not depend on the list's length; an empty list matches every row.</summary>
    public Query HavingNotIn<T>(string column, IEnumerable<T> values) =>
        AddHavings(q => q.WhereNotIn(column, values));

    /// <summary>Adds to HAVING <c>column NOT IN (sub-query)</c>.</summary>
    public Query HavingNotIn(string column, Query query) =>
        AddHavings(q => q.WhereNotIn(column, query));

    /// <summary>Adds to HAVING <c>column NOT IN (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public Query HavingNotIn(string column, Func<Query, Query> callback) =>
        AddHavings(q => q.WhereNotIn(column, callback));

    /// <summary>Adds to HAVING <c>column NOT IN (values)</c> (joined with OR), sent as one array parameter so the SQL text does not depend on the list's length; an empty list matches every row.</summary>
    public Query OrHavingNotIn<T>(string column, IEnumerable<T> values) =>
        AddHavings(q => q.OrWhereNotIn(column, values));

    /// <summary>Adds to HAVING <c>column NOT IN (sub-query)</c> (joined with OR).</summary>
    public Query OrHavingNotIn(string column, Query query) =>
        AddHavings(q => q.OrWhereNotIn(column, query));

    /// <summary>Adds to HAVING <c>column NOT IN (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public Query OrHavingNotIn(string column, Func<Query, Query> callback) =>
        AddHavings(q => q.OrWhereNotIn(column, callback));

    /// <summary>Adds to HAVING <c>column BETWEEN lower AND higher</c>.</summary>
    public Query HavingBetween<T>(string column, T lower, T higher) =>
        AddHavings(q => q.WhereBetween(column, lower, higher));

    /// <summary>Adds to HAVING <c>column BETWEEN lower AND higher</c> (joined with OR).</summary>
    public Query OrHavingBetween<T>(string column, T lower, T higher) =>
        AddHavings(q => q.OrWhereBetween(column, lower, higher));

    /// <summary>Adds to HAVING <c>column NOT BETWEEN lower AND higher</c>.</summary>
    public Query HavingNotBetween<T>(string column, T lower, T higher) =>
        AddHavings(q => q.WhereNotBetween(column, lower, higher));

    /// <summary>Adds to HAVING <c>column NOT BETWEEN lower AND higher</c> (joined with OR).</summary>
    public Query OrHavingNotBetween<T>(string column, T lower, T higher) =>
        AddHavings(q => q.OrWhereNotBetween(column, lower, higher));

    /// <summary>Adds to HAVING <c>column ILIKE pattern</c> matching the pattern as given (<c>%</c> and <c>_</c> are wildcards); case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query HavingLike(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.WhereLike(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column ILIKE pattern</c> (joined with OR) matching the pattern as given (<c>%</c> and <c>_</c> are wildcards); case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query OrHavingLike(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.OrWhereLike(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column NOT ILIKE pattern</c> matching the pattern as given (<c>%</c> and <c>_</c> are wildcards); case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query HavingNotLike(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.WhereNotLike(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column NOT ILIKE pattern</c> (joined with OR) matching the pattern as given (<c>%</c> and <c>_</c> are wildcards); case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query OrHavingNotLike(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.OrWhereNotLike(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column ILIKE pattern</c> matching values starting with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query HavingStarts(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.WhereStarts(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column ILIKE pattern</c> (joined with OR) matching values starting with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query OrHavingStarts(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.OrWhereStarts(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column NOT ILIKE pattern</c> matching values starting with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query HavingNotStarts(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.WhereNotStarts(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column NOT ILIKE pattern</c> (joined with OR) matching values starting with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query OrHavingNotStarts(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.OrWhereNotStarts(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column ILIKE pattern</c> matching values ending with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query HavingEnds(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.WhereEnds(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column ILIKE pattern</c> (joined with OR) matching values ending with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query OrHavingEnds(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.OrWhereEnds(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column NOT ILIKE pattern</c> matching values ending with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query HavingNotEnds(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.WhereNotEnds(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column NOT ILIKE pattern</c> (joined with OR) matching values ending with <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query OrHavingNotEnds(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.OrWhereNotEnds(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column ILIKE pattern</c> matching values containing <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query HavingContains(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.WhereContains(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column ILIKE pattern</c> (joined with OR) matching values containing <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query OrHavingContains(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.OrWhereContains(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column NOT ILIKE pattern</c> matching values containing <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query HavingNotContains(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.WhereNotContains(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>column NOT ILIKE pattern</c> (joined with OR) matching values containing <paramref name="value"/>; case-sensitive <c>LIKE</c> when <paramref name="caseSensitive"/> is true; <paramref name="escapeCharacter"/> adds <c>ESCAPE</c>.</summary>
    public Query OrHavingNotContains(string column, object value, bool caseSensitive = false, string? escapeCharacter = null) =>
        AddHavings(q => q.OrWhereNotContains(column, value, caseSensitive, escapeCharacter));

    /// <summary>Adds to HAVING <c>first op second</c> comparing two columns.</summary>
    public Query HavingColumns(string first, string op, string second) =>
        AddHavings(q => q.WhereColumns(first, op, second));

    /// <summary>Adds to HAVING <c>first op second</c> comparing two columns (joined with OR).</summary>
    public Query OrHavingColumns(string first, string op, string second) =>
        AddHavings(q => q.OrWhereColumns(first, op, second));

    /// <summary>Adds to HAVING <c>EXISTS (sub-query)</c>.</summary>
    public Query HavingExists(Query query) =>
        AddHavings(q => q.WhereExists(query));

    /// <summary>Adds to HAVING <c>EXISTS (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public Query HavingExists(Func<Query, Query> callback) =>
        AddHavings(q => q.WhereExists(callback));

    /// <summary>Adds to HAVING <c>EXISTS (sub-query)</c> (joined with OR).</summary>
    public Query OrHavingExists(Query query) =>
        AddHavings(q => q.OrWhereExists(query));

    /// <summary>Adds to HAVING <c>EXISTS (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public Query OrHavingExists(Func<Query, Query> callback) =>
        AddHavings(q => q.OrWhereExists(callback));

    /// <summary>Adds to HAVING <c>NOT EXISTS (sub-query)</c>.</summary>
    public Query HavingNotExists(Query query) =>
        AddHavings(q => q.WhereNotExists(query));

    /// <summary>Adds to HAVING <c>NOT EXISTS (sub-query)</c>, the sub-query built by <paramref name="callback"/>.</summary>
    public Query HavingNotExists(Func<Query, Query> callback) =>
        AddHavings(q => q.WhereNotExists(callback));

    /// <summary>Adds to HAVING <c>NOT EXISTS (sub-query)</c> (joined with OR).</summary>
    public Query OrHavingNotExists(Query query) =>
        AddHavings(q => q.OrWhereNotExists(query));

    /// <summary>Adds to HAVING <c>NOT EXISTS (sub-query)</c> (joined with OR), the sub-query built by <paramref name="callback"/>.</summary>
    public Query OrHavingNotExists(Func<Query, Query> callback) =>
        AddHavings(q => q.OrWhereNotExists(callback));

    /// <summary>Adds to HAVING <c>column = true</c>.</summary>
    public Query HavingTrue(string column) =>
        AddHavings(q => q.WhereTrue(column));

    /// <summary>Adds to HAVING <c>column = true</c> (joined with OR).</summary>
    public Query OrHavingTrue(string column) =>
        AddHavings(q => q.OrWhereTrue(column));

    /// <summary>Adds to HAVING <c>column = false</c>.</summary>
    public Query HavingFalse(string column) =>
        AddHavings(q => q.WhereFalse(column));

    /// <summary>Adds to HAVING <c>column = false</c> (joined with OR).</summary>
    public Query OrHavingFalse(string column) =>
        AddHavings(q => q.OrWhereFalse(column));

    /// <summary>Adds to HAVING a raw condition: <c>?</c> is a binding (<c>\?</c> a literal question mark), <c>[x]</c> and <c>{x}</c> quoted identifiers; placeholders and bindings must match.</summary>
    public Query HavingRaw(string sql, params object?[] bindings) =>
        AddHavings(q => q.WhereRaw(sql, bindings));

    /// <summary>Adds to HAVING a raw condition (joined with OR): <c>?</c> is a binding (<c>\?</c> a literal question mark), <c>[x]</c> and <c>{x}</c> quoted identifiers; placeholders and bindings must match.</summary>
    public Query OrHavingRaw(string sql, params object?[] bindings) =>
        AddHavings(q => q.OrWhereRaw(sql, bindings));

    /// <summary>Adds a bracketed group of HAVING conditions, written with Having... (or Where...) calls inside <paramref name="callback"/>; an empty group adds nothing.</summary>
    public Query Having(Func<Query, Query> callback) => AddHavingGroup(Connective.And, false, callback);

    /// <summary>Adds a bracketed group of HAVING conditions, joined with OR; an empty group adds nothing.</summary>
    public Query OrHaving(Func<Query, Query> callback) => AddHavingGroup(Connective.Or, false, callback);

    /// <summary>Adds NOT a bracketed group of HAVING conditions; an empty group adds nothing.</summary>
    public Query HavingNot(Func<Query, Query> callback) => AddHavingGroup(Connective.And, true, callback);

    /// <summary>Adds NOT a bracketed group of HAVING conditions, joined with OR; an empty group adds nothing.</summary>
    public Query OrHavingNot(Func<Query, Query> callback) => AddHavingGroup(Connective.Or, true, callback);

    // Builds the condition with the WHERE method of the same name on a scratch query, then moves it to HAVING.
    private Query AddHavings(Func<Query, Query> where)
    {
        var scratch = new Query();
        PassFlagsTo(scratch);
        (_havings ??= new()).AddRange(where(scratch).Wheres);
        return this;
    }

    private Query AddHavingGroup(Connective connective, bool negated, Func<Query, Query> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        connective = Joined(connective);
        negated = Negating(negated);
        var child = callback(new Query());
        if (child is null)
        {
            return this;
        }

        // SqlKata reads the callback's WHERE conditions or, without any, its HAVING ones; mixing both would silently drop some.
        if (child.Wheres.Count > 0 && child._havings is { Count: > 0 })
        {
            throw new InvalidQueryException("A Having(q => ...) group mixes Where... and Having... calls; use one kind inside the group.");
        }

        var conditions = child.Wheres.Count > 0 ? child.Wheres : child._havings;
        if (conditions is { Count: > 0 })
        {
            (_havings ??= new()).Add(new GroupCondition(connective, negated, conditions, child.Variables));
        }

        return this;
    }
}
