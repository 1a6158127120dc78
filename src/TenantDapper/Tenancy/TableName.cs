namespace TenantDapper;

/// <summary>
/// A table's name as PostgreSQL stores it, with an optional schema. Names are compared exactly
/// (ordinal): register and query names the way the catalog spells them, normally in lower case.
/// </summary>
/// <param name="Schema">The schema, or <see langword="null"/> for the default schema (the search path).</param>
/// <param name="Name">The table's name without schema.</param>
public readonly record struct TableName(string? Schema, string Name)
{
    /// <summary>Parses <c>"table"</c> or <c>"schema.table"</c>.</summary>
    /// <param name="qualifiedName">A table name, optionally qualified by its schema.</param>
    /// <exception cref="ArgumentException">The name is empty or has more than two parts.</exception>
    public static TableName Parse(string qualifiedName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(qualifiedName);
        var trimmed = qualifiedName.Trim();
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return new TableName(null, trimmed);
        }

        if (dot == 0 || dot == trimmed.Length - 1 || trimmed.IndexOf('.', dot + 1) >= 0)
        {
            throw new ArgumentException(
                $"'{qualifiedName}' is not a table name: write 'table' or 'schema.table'.", nameof(qualifiedName));
        }

        return new TableName(trimmed[..dot], trimmed[(dot + 1)..]);
    }

    /// <summary>The name as <c>schema.table</c>, or <c>table</c> when no schema is given.</summary>
    public override string ToString() => Schema is null ? Name : Schema + "." + Name;
}
