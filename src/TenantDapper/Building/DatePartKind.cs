namespace TenantDapper.Building;

/// <summary>
/// The part of a date a <c>WhereDatePart</c> condition compares: <c>date</c> and <c>time</c> are casts, the others
/// PostgreSQL's <c>DATE_PART</c> fields. Only these names reach the SQL text.
/// </summary>
internal sealed class DatePartKind
{
    private static readonly Dictionary<string, DatePartKind> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["date"] = new(null, "date"),
        ["time"] = new(null, "time"),
        ["century"] = new("CENTURY", null),
        ["day"] = new("DAY", null),
        ["decade"] = new("DECADE", null),
        ["dow"] = new("DOW", null),
        ["doy"] = new("DOY", null),
        ["epoch"] = new("EPOCH", null),
        ["hour"] = new("HOUR", null),
        ["isodow"] = new("ISODOW", null),
        ["isoyear"] = new("ISOYEAR", null),
        ["julian"] = new("JULIAN", null),
        ["microseconds"] = new("MICROSECONDS", null),
        ["millennium"] = new("MILLENNIUM", null),
        ["milliseconds"] = new("MILLISECONDS", null),
        ["minute"] = new("MINUTE", null),
        ["month"] = new("MONTH", null),
        ["quarter"] = new("QUARTER", null),
        ["second"] = new("SECOND", null),
        ["timezone"] = new("TIMEZONE", null),
        ["timezone_hour"] = new("TIMEZONE_HOUR", null),
        ["timezone_minute"] = new("TIMEZONE_MINUTE", null),
        ["week"] = new("WEEK", null),
        ["year"] = new("YEAR", null),
    };

    private DatePartKind(string? field, string? castType)
    {
        Field = field;
        CastType = castType;
    }

    public static DatePartKind Date => Known["date"];

    public static DatePartKind Time => Known["time"];

    /// <summary>The <c>DATE_PART</c> field in upper case; unused for a cast.</summary>
    public string? Field { get; }

    /// <summary><c>date</c> or <c>time</c> for a cast, else <see langword="null"/>.</summary>
    public string? CastType { get; }

    public static DatePartKind Parse(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return Known.TryGetValue(part.Trim(), out var kind)
            ? kind
            : throw new InvalidQueryException($"'{part}' is not a date part. Use one of: {string.Join(", ", Known.Keys)}.");
    }
}
