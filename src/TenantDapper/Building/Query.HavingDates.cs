namespace TenantDapper;

/// <content>HAVING on a part of a date or time column.</content>
public sealed partial class Query
{
    /// <summary>Adds to HAVING <c>DATE_PART('PART', column) op value</c>.</summary>
    public Query HavingDatePart(string part, string column, string op, object? value) => AddHavings(q => q.WhereDatePart(part, column, op, value));

    /// <summary>Adds to HAVING NOT <c>DATE_PART('PART', column) op value</c>.</summary>
    public Query HavingNotDatePart(string part, string column, string op, object? value) => AddHavings(q => q.WhereNotDatePart(part, column, op, value));

    /// <summary>Adds to HAVING <c>DATE_PART('PART', column) op value</c> (joined with OR).</summary>
    public Query OrHavingDatePart(string part, string column, string op, object? value) => AddHavings(q => q.OrWhereDatePart(part, column, op, value));

    /// <summary>Adds to HAVING NOT <c>DATE_PART('PART', column) op value</c> (joined with OR).</summary>
    public Query OrHavingNotDatePart(string part, string column, string op, object? value) => AddHavings(q => q.OrWhereNotDatePart(part, column, op, value));

    /// <summary>Adds to HAVING <c>DATE_PART('PART', column) = value</c>.</summary>
    public Query HavingDatePart(string part, string column, object? value) => HavingDatePart(part, column, "=", value);

    /// <summary>Adds to HAVING NOT <c>DATE_PART('PART', column) = value</c>.</summary>
    public Query HavingNotDatePart(string part, string column, object? value) => HavingNotDatePart(part, column, "=", value);

    /// <summary>Adds to HAVING <c>DATE_PART('PART', column) = value</c> (joined with OR).</summary>
    public Query OrHavingDatePart(string part, string column, object? value) => OrHavingDatePart(part, column, "=", value);

    /// <summary>Adds to HAVING NOT <c>DATE_PART('PART', column) = value</c> (joined with OR).</summary>
    public Query OrHavingNotDatePart(string part, string column, object? value) => OrHavingNotDatePart(part, column, "=", value);

    /// <summary>Adds to HAVING <c>column::date op value::date</c>.</summary>
    public Query HavingDate(string column, string op, object? value) => AddHavings(q => q.WhereDate(column, op, value));

    /// <summary>Adds to HAVING NOT <c>column::date op value::date</c>.</summary>
    public Query HavingNotDate(string column, string op, object? value) => AddHavings(q => q.WhereNotDate(column, op, value));

    /// <summary>Adds to HAVING <c>column::date op value::date</c> (joined with OR).</summary>
    public Query OrHavingDate(string column, string op, object? value) => AddHavings(q => q.OrWhereDate(column, op, value));

    /// <summary>Adds to HAVING NOT <c>column::date op value::date</c> (joined with OR).</summary>
    public Query OrHavingNotDate(string column, string op, object? value) => AddHavings(q => q.OrWhereNotDate(column, op, value));

    /// <summary>Adds to HAVING <c>column::date = value::date</c>.</summary>
    public Query HavingDate(string column, object? value) => HavingDate(column, "=", value);

    /// <summary>Adds to HAVING NOT <c>column::date = value::date</c>.</summary>
    public Query HavingNotDate(string column, object? value) => HavingNotDate(column, "=", value);

    /// <summary>Adds to HAVING <c>column::date = value::date</c> (joined with OR).</summary>
    public Query OrHavingDate(string column, object? value) => OrHavingDate(column, "=", value);

    /// <summary>Adds to HAVING NOT <c>column::date = value::date</c> (joined with OR).</summary>
    public Query OrHavingNotDate(string column, object? value) => OrHavingNotDate(column, "=", value);

    /// <summary>Adds to HAVING <c>column::time op value::time</c>.</summary>
    public Query HavingTime(string column, string op, object? value) => AddHavings(q => q.WhereTime(column, op, value));

    /// <summary>Adds to HAVING NOT <c>column::time op value::time</c>.</summary>
    public Query HavingNotTime(string column, string op, object? value) => AddHavings(q => q.WhereNotTime(column, op, value));

    /// <summary>Adds to HAVING <c>column::time op value::time</c> (joined with OR).</summary>
    public Query OrHavingTime(string column, string op, object? value) => AddHavings(q => q.OrWhereTime(column, op, value));

    /// <summary>Adds to HAVING NOT <c>column::time op value::time</c> (joined with OR).</summary>
    public Query OrHavingNotTime(string column, string op, object? value) => AddHavings(q => q.OrWhereNotTime(column, op, value));

    /// <summary>Adds to HAVING <c>column::time = value::time</c>.</summary>
    public Query HavingTime(string column, object? value) => HavingTime(column, "=", value);

    /// <summary>Adds to HAVING NOT <c>column::time = value::time</c>.</summary>
    public Query HavingNotTime(string column, object? value) => HavingNotTime(column, "=", value);

    /// <summary>Adds to HAVING <c>column::time = value::time</c> (joined with OR).</summary>
    public Query OrHavingTime(string column, object? value) => OrHavingTime(column, "=", value);

    /// <summary>Adds to HAVING NOT <c>column::time = value::time</c> (joined with OR).</summary>
    public Query OrHavingNotTime(string column, object? value) => OrHavingNotTime(column, "=", value);
}
