namespace TenantDapper.Mapping;

/// <summary>
/// Quotes table and column names for PostgreSQL. A name is used exactly as the catalog spells it, so
/// it is always double-quoted; names that could end a quoted identifier or start a comment are refused
/// rather than escaped.
/// </summary>
internal static class SqlIdentifier
{
    /// <summary>Why <paramref name="name"/> cannot be an identifier, or <see langword="null"/> when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "an identifier cannot be empty";
        }

        if (name.Contains('"', StringComparison.Ordinal) || name.Contains(';', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            return $"identifier '{name}' contains a double quote, a semicolon or a NUL character";
        }

        if (name.Contains("--", StringComparison.Ordinal) || name.Contains("/*", StringComparison.Ordinal) || name.Contains("*/", StringComparison.Ordinal))
        {
            return $"identifier '{name}' contains a comment marker";
        }

        return null;
    }

    /// <summary>The double-quoted identifier.</summary>
    /// <exception cref="ArgumentException">The name is empty or contains a quote, semicolon, NUL or comment marker.</exception>
    public static string Quote(string name)
    {
        var problem = Problem(name);
        if (problem is not null)
        {
            throw new ArgumentException($"Cannot use this name in SQL: {problem}. Rename the table or column.", nameof(name));
        }

        return "\"" + name + "\"";
    }

    /// <summary>The double-quoted table name, qualified by its schema when it has one.</summary>
    /// <exception cref="ArgumentException">A part of the name cannot be an identifier.</exception>
    public static string Quote(TableName table) =>
        table.Schema is null ? Quote(table.Name) : Quote(table.Schema) + "." + Quote(table.Name);
}
