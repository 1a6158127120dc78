using TenantDapper.Syntax;

namespace TenantDapper.Building;

/// <summary>Parses the names SqlKata users write (<c>"schema.table as t"</c>, <c>"t.column"</c>, <c>"t.*"</c>) into tree nodes, validating every part.</summary>
internal static class Names
{
    /// <summary><c>[schema.]table [as alias]</c>.</summary>
    public static TableReference Table(string table)
    {
        var (name, alias) = SplitAlias(table);
        var dot = name.LastIndexOf('.');
        if (dot > 0 && name.LastIndexOf('.', dot - 1) >= 0)
        {
            throw new InvalidIdentifierException(name, "a table name has at most two parts, schema.table");
        }

        return dot < 0
            ? new TableReference(null, SqlIdentifier.Validate(name), alias)
            : new TableReference(Part(name.AsSpan(0, dot)), Part(name.AsSpan(dot + 1)), alias);
    }

    /// <summary><c>[qualifier.]column</c>, where the qualifier may be <c>table</c>, an alias or <c>schema.table</c>.</summary>
    public static ColumnExpression Column(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var name = Trimmed(column);
        var dot = name.LastIndexOf('.');
        return dot < 0
            ? new ColumnExpression(null, SqlIdentifier.Validate(name))
            : new ColumnExpression(Qualifier(NameCache.Get(name.AsSpan(0, dot))), Part(name.AsSpan(dot + 1)));
    }

    /// <summary>A select-list entry: <c>column [as alias]</c>, <c>*</c> or <c>qualifier.*</c>.</summary>
    public static SelectItem SelectColumn(string column)
    {
        var (name, alias) = SplitAlias(column);
        if (name == "*")
        {
            return new SelectItem(AllColumnsExpression.Unqualified, alias);
        }

        if (name.EndsWith(".*", StringComparison.Ordinal))
        {
            return new SelectItem(new AllColumnsExpression(Qualifier(NameCache.Get(name.AsSpan(0, name.Length - 2)))), alias);
        }

        return new SelectItem(Column(name), alias);
    }

    /// <summary>A plain (unqualified) column name, as in an insert's column list or an UPDATE's SET.</summary>
    public static string Plain(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var name = Trimmed(column);
        var dot = name.LastIndexOf('.');
        return SqlIdentifier.Validate(dot < 0 ? name : NameCache.Get(name.AsSpan(dot + 1)));
    }

    /// <summary>An alias or CTE name.</summary>
    public static string Alias(string alias) => SqlIdentifier.Validate(alias is null ? null : Trimmed(alias));

    /// <summary>
    /// A column's qualifier as written in the builder: <c>alias</c>, <c>table</c> or <c>schema.table</c>, each part
    /// validated. It names a table occurrence; an alias given with <c>as</c> is one identifier and must not contain a dot.
    /// </summary>
    public static TableQualifier Qualifier(string qualifier)
    {
        var dot = qualifier.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return TableQualifier.Of(SqlIdentifier.Validate(qualifier));
        }

        if (qualifier.IndexOf('.', dot + 1) >= 0)
        {
            throw new InvalidIdentifierException(qualifier, "a column is qualified by at most schema.table");
        }

        return new TableQualifier(Part(qualifier.AsSpan(0, dot)), Part(qualifier.AsSpan(dot + 1)));
    }

    /// <summary>A dotted name inside a raw fragment's <c>[x]</c> / <c>{x}</c> brackets, each part validated.</summary>
    public static string DottedName(string qualifier)
    {
        var start = 0;
        while (true)
        {
            var dot = qualifier.IndexOf('.', start);
            if (dot < 0)
            {
                // A single part is validated as it is; only dotted qualifiers need slicing.
                SqlIdentifier.Validate(start == 0 ? qualifier : NameCache.Get(qualifier.AsSpan(start)));
                return qualifier;
            }

            Part(qualifier.AsSpan(start, dot - start));
            start = dot + 1;
        }
    }

    private static (string Name, string? Alias) SplitAlias(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = Trimmed(text);
        var at = trimmed.IndexOf(" as ", StringComparison.OrdinalIgnoreCase);
        return at < 0
            ? (trimmed, null)
            : (NameCache.Get(trimmed.AsSpan(0, at).Trim()), Part(trimmed.AsSpan(at + 4).Trim()));
    }

    /// <summary>A name part sliced from a builder call, validated; repeated parts come from <see cref="NameCache"/>.</summary>
    private static string Part(ReadOnlySpan<char> text) => SqlIdentifier.Validate(NameCache.Get(text));

    /// <summary>The text without surrounding white space: the caller's own string when it has none.</summary>
    private static string Trimmed(string text)
    {
        var trimmed = text.AsSpan().Trim();
        return trimmed.Length == text.Length ? text : NameCache.Get(trimmed);
    }
}
