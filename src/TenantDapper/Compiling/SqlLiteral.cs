using System.Collections;
using System.Globalization;
using System.Text;

namespace TenantDapper.Compiling;

/// <summary>
/// Writes a value as a PostgreSQL literal for display (<see cref="SqlResult.ToString"/>), never for execution:
/// text is single-quoted with quotes doubled (an <c>E''</c> string when it holds a backslash, so the text reads the
/// same whatever <c>standard_conforming_strings</c> says), numbers in the invariant culture, lists as <c>ARRAY[...]</c>.
/// </summary>
internal static class SqlLiteral
{
    public static void Write(StringBuilder sql, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                sql.Append("NULL");
                break;
            case bool flag:
                sql.Append(flag ? "true" : "false");
                break;
            case Enum enumeration:
                sql.Append(Convert.ToInt64(enumeration, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case byte or sbyte or short or ushort or int or uint or long or ulong or decimal:
                sql.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case float or double:
                Quoted(sql, Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case DateTime dateTime:
                Quoted(sql, dateTime.ToString(dateTime.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset offset:
                Quoted(sql, offset.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                Quoted(sql, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                Quoted(sql, time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                break;
            case byte[] bytes:
                sql.Append("'\\x").Append(Convert.ToHexString(bytes)).Append('\'');
                break;
            case string text:
                Quoted(sql, text);
                break;
            case IEnumerable list:
                sql.Append("ARRAY[");
                var first = true;
                foreach (var item in list)
                {
                    if (!first)
                    {
                        sql.Append(", ");
                    }

                    Write(sql, item);
                    first = false;
                }

                sql.Append(']');
                break;
            default:
                Quoted(sql, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                break;
        }
    }

    private static void Quoted(StringBuilder sql, string text)
    {
        if (text.Contains('\\', StringComparison.Ordinal))
        {
            sql.Append('E').Append('\'').Append(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal)).Append('\'');
            return;
        }

        sql.Append('\'').Append(text.Replace("'", "''", StringComparison.Ordinal)).Append('\'');
    }
}
