using TenantDapper.Syntax;

namespace TenantDapper.Building;

/// <summary>
/// The part of a date a <c>WhereDatePart</c> condition compares: <c>date</c> and <c>time</c> are casts, the others
/// PostgreSQL's <c>date_part</c> fields. Only these names reach the SQL text.
/// </summary>
internal sealed class DatePartKind
{
    private static readonly Dictionary<string, DatePartKind> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["date"] = new(null, "date"),
        ["time"] = new(null, "time"),
        ["century"] = new("century", null),
        ["day"] = new("day", null),
        ["decade"] = new("decade", null),
        ["dow"] = new("dow", null),
        ["doy"] = new("doy", null),
        ["epoch"] = new("epoch", null),
        ["hour"] = new("hour", null),
        ["isodow"] = new("isodow", null),
        ["isoyear"] = new("isoyear", null),
        ["julian"] = new("julian", null),
        ["microseconds"] = new("microseconds", null),
        ["millennium"] = new("millennium", null),
        ["milliseconds"] = new("milliseconds", null),
        ["minute"] = new("minute", null),
        ["month"] = new("month", null),
        ["quarter"] = new("quarter", null),
        ["second"] = new("second", null),
        ["timezone"] = new("timezone", null),
        ["timezone_hour"] = new("timezone_hour", null),
        ["timezone_minute"] = new("timezone_minute", null),
        ["week"] = new("week", null),
        ["year"] = new("year", null),
    };

    private DatePartKind(string? field, string? castType)
    {
        Field = field;
        CastType = castType is null ? null : new TypeName(null, castType, isKeyword: true, [], 0);
    }

    public static DatePartKind Date => Known["date"];

    public static DatePartKind Time => Known["time"];

    /// <summary>The <c>date_part</c> field; <see langword="null"/> for a cast.</summary>
    public string? Field { get; }

    /// <summary><c>date</c> or <c>time</c> for a cast, else <see langword="null"/>.</summary>
    public TypeName? CastType { get; }

    public static DatePartKind Parse(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return Known.TryGetValue(part.Trim(), out var kind)
            ? kind
            : throw new InvalidQueryException($"'{part}' is not a date part. Use one of: {string.Join(", ", Known.Keys)}.");
    }
}
