using System.Text;
using TenantDapper.Syntax;

namespace TenantDapper.Citus.Scripting;

/// <summary>
/// Identifiers and literals of generated scripts. Every identifier goes through the core's one
/// checking and quoting function (<see cref="SqlIdentifier"/>): a name it refuses (quotes,
/// backslashes, comment markers, NUL) stops the script instead of being escaped.
/// </summary>
internal static class SqlText
{
    /// <summary>A quoted identifier: <c>"name"</c>.</summary>
    /// <exception cref="InvalidIdentifierException">The name cannot be quoted safely.</exception>
    public static string Identifier(string name)
    {
        var sql = new StringBuilder(name.Length + 2);
        SqlIdentifier.Write(sql, SqlIdentifier.Validate(name));
        return sql.ToString();
    }

    /// <summary>A schema-qualified table: <c>"schema"."table"</c>.</summary>
    public static string Table(TableName table) =>
        table.Schema is null ? Identifier(table.Name) : Identifier(table.Schema) + "." + Identifier(table.Name);

    /// <summary>A list of quoted column names: <c>"a", "b"</c>.</summary>
    public static string Columns(IEnumerable<string> columns) => string.Join(", ", columns.Select(Identifier));

    /// <summary>A column name as the text argument of a Citus function: <c>'account_id'</c> (Citus looks the name up as written).</summary>
    public static string ColumnLiteral(string column) => Literal(SqlIdentifier.Validate(column));

    /// <summary>A table as the <c>regclass</c> (or <c>colocate_with</c>) argument of a Citus function: <c>'"schema"."table"'</c>.</summary>
    public static string RegClass(TableName table) => Literal(Table(table));

    /// <summary>A qualified table name as text for messages: <c>'schema.table'</c>.</summary>
    public static string TableLiteral(TableName table) => Literal(Table(table).Replace("\"", string.Empty, StringComparison.Ordinal));

    /// <summary>A dollar-quoted body: <c>$tag$body$tag$</c>; refuses a body that contains the tag.</summary>
    public static string DollarQuoted(string tag, string body)
    {
        var delimiter = "$" + tag + "$";
        if (body.Contains(delimiter, StringComparison.Ordinal))
        {
            throw new ArgumentException($"A generated body contains its own delimiter {delimiter}; rename the table or column that contains it.", nameof(body));
        }

        return delimiter + "\n" + body + "\n" + delimiter;
    }

    /// <summary>
    /// A text literal: <c>'text'</c>, quotes doubled. A backslash or NUL is refused: a backslash would change
    /// meaning on a server with <c>standard_conforming_strings = off</c>, and text cannot hold NUL.
    /// </summary>
    /// <exception cref="ArgumentException">The text holds a backslash or a NUL character.</exception>
    public static string Literal(string text) => text.AsSpan().IndexOfAny('\\', '\0') >= 0
        ? throw new ArgumentException($"The value '{text.Replace("\0", "\\0", StringComparison.Ordinal)}' holds a backslash or NUL, which a script cannot carry safely; use a value without them.", nameof(text))
        : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
