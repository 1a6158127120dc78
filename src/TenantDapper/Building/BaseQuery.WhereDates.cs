using TenantDapper.Building;

namespace TenantDapper;

/// <content>Conditions on a part of a date or time column, and on a sub-query's result (<c>WhereSub</c>).</content>
public abstract partial class BaseQuery<TQuery>
{
    /// <summary>Adds <c>DATE_PART('PART', column) op value</c>; <paramref name="part"/> is <c>year</c>, <c>month</c>, <c>day</c>, <c>hour</c>, ... or <c>date</c> / <c>time</c> (a cast).</summary>
    public TQuery WhereDatePart(string part, string column, string op, object? value) =>
        AddDatePart(Connective.And, false, DatePartKind.Parse(part), column, op, value);

    /// <summary>Adds NOT <c>DATE_PART('PART', column) op value</c>.</summary>
    public TQuery WhereNotDatePart(string part, string column, string op, object? value) =>
        AddDatePart(Connective.And, true, DatePartKind.Parse(part), column, op, value);

    /// <summary>Adds <c>DATE_PART('PART', column) op value</c> (joined with OR).</summary>
    public TQuery OrWhereDatePart(string part, string column, string op, object? value) =>
        AddDatePart(Connective.Or, false, DatePartKind.Parse(part), column, op, value);

    /// <summary>Adds NOT <c>DATE_PART('PART', column) op value</c> (joined with OR).</summary>
    public TQuery OrWhereNotDatePart(string part, string column, string op, object? value) =>
        AddDatePart(Connective.Or, true, DatePartKind.Parse(part), column, op, value);

    /// <summary>Adds <c>DATE_PART('PART', column) = value</c>.</summary>
    public TQuery WhereDatePart(string part, string column, object? value) => WhereDatePart(part, column, "=", value);

    /// <summary>Adds NOT <c>DATE_PART('PART', column) = value</c>.</summary>
    public TQuery WhereNotDatePart(string part, string column, object? value) => WhereNotDatePart(part, column, "=", value);

    /// <summary>Adds <c>DATE_PART('PART', column) = value</c> (joined with OR).</summary>
    public TQuery OrWhereDatePart(string part, string column, object? value) => OrWhereDatePart(part, column, "=", value);

    /// <summary>Adds NOT <c>DATE_PART('PART', column) = value</c> (joined with OR).</summary>
    public TQuery OrWhereNotDatePart(string part, string column, object? value) => OrWhereNotDatePart(part, column, "=", value);

    /// <summary>Adds <c>column::date op value::date</c> (a string such as <c>"2024-05-01"</c>, a <see cref="DateTime"/> or a <see cref="DateOnly"/>).</summary>
    public TQuery WhereDate(string column, string op, object? value) =>
        AddDatePart(Connective.And, false, DatePartKind.Date, column, op, value);

    /// <summary>Adds NOT <c>column::date op value::date</c>.</summary>
    public TQuery WhereNotDate(string column, string op, object? value) =>
        AddDatePart(Connective.And, true, DatePartKind.Date, column, op, value);

    /// <summary>Adds <c>column::date op value::date</c> (joined with OR).</summary>
    public TQuery OrWhereDate(string column, string op, object? value) =>
        AddDatePart(Connective.Or, false, DatePartKind.Date, column, op, value);

    /// <summary>Adds NOT <c>column::date op value::date</c> (joined with OR).</summary>
    public TQuery OrWhereNotDate(string column, string op, object? value) =>
        AddDatePart(Connective.Or, true, DatePartKind.Date, column, op, value);

    /// <summary>Adds <c>column::date = value::date</c>.</summary>
    public TQuery WhereDate(string column, object? value) => WhereDate(column, "=", value);

    /// <summary>Adds NOT <c>column::date = value::date</c>.</summary>
    public TQuery WhereNotDate(string column, object? value) => WhereNotDate(column, "=", value);

    /// <summary>Adds <c>column::date = value::date</c> (joined with OR).</summary>
    public TQuery OrWhereDate(string column, object? value) => OrWhereDate(column, "=", value);

    /// <summary>Adds NOT <c>column::date = value::date</c> (joined with OR).</summary>
    public TQuery OrWhereNotDate(string column, object? value) => OrWhereNotDate(column, "=", value);

    /// <summary>Adds <c>column::time op value::time</c> (a string such as <c>"13:30"</c>, a <see cref="TimeOnly"/> or a <see cref="TimeSpan"/>).</summary>
    public TQuery WhereTime(string column, string op, object? value) =>
        AddDatePart(Connective.And, false, DatePartKind.Time, column, op, value);

    /// <summary>Adds NOT <c>column::time op value::time</c>.</summary>
    public TQuery WhereNotTime(string column, string op, object? value) =>
        AddDatePart(Connective.And, true, DatePartKind.Time, column, op, value);

    /// <summary>Adds <c>column::time op value::time</c> (joined with OR).</summary>
    public TQuery OrWhereTime(string column, string op, object? value) =>
        AddDatePart(Connective.Or, false, DatePartKind.Time, column, op, value);

    /// <summary>Adds NOT <c>column::time op value::time</c> (joined with OR).</summary>
    public TQuery OrWhereNotTime(string column, string op, object? value) =>
        AddDatePart(Connective.Or, true, DatePartKind.Time, column, op, value);

    /// <summary>Adds <c>column::time = value::time</c>.</summary>
    public TQuery WhereTime(string column, object? value) => WhereTime(column, "=", value);

    /// <summary>Adds NOT <c>column::time = value::time</c>.</summary>
    public TQuery WhereNotTime(string column, object? value) => WhereNotTime(column, "=", value);

    /// <summary>Adds <c>column::time = value::time</c> (joined with OR).</summary>
    public TQuery OrWhereTime(string column, object? value) => OrWhereTime(column, "=", value);

    /// <summary>Adds NOT <c>column::time = value::time</c> (joined with OR).</summary>
    public TQuery OrWhereNotTime(string column, object? value) => OrWhereNotTime(column, "=", value);

    /// <summary>Adds <c>(sub-query) = value</c> with a copy of <paramref name="query"/>, which must return one value.</summary>
    public TQuery WhereSub(Query query, object? value) => WhereSub(query, "=", value);

    /// <summary>Adds <c>(sub-query) op value</c> with a copy of <paramref name="query"/>, which must return one value.</summary>
    public TQuery WhereSub(Query query, string op, object? value) => AddSub(Connective.And, query, op, value);

    /// <summary>Adds <c>(sub-query) = value</c> (joined with OR).</summary>
    public TQuery OrWhereSub(Query query, object? value) => OrWhereSub(query, "=", value);

    /// <summary>Adds <c>(sub-query) op value</c> (joined with OR).</summary>
    public TQuery OrWhereSub(Query query, string op, object? value) => AddSub(Connective.Or, query, op, value);

    private TQuery AddDatePart(Connective connective, bool negated, DatePartKind part, string column, string op, object? value) =>
        AddWhere(new DatePartCondition(Joined(connective), Negating(negated), Names.Column(column), part, Operator(op), value));

    private TQuery AddSub(Connective connective, Query query, string op, object? value)
    {
        ArgumentNullException.ThrowIfNull(query);
        return AddWhere(new SubqueryCondition(Joined(connective), Negating(false), query.Clone(), Operator(op), WriteValue.Copy(value)));
    }
}
