namespace TenantDapper.Syntax;

/// <summary>
/// A type in a cast or a column definition: a SQL-standard type keyword (<c>integer</c>, <c>double precision</c>,
/// <c>timestamp with time zone</c>, written bare) or a type name (<c>[schema.]name</c>, written quoted), with
/// integer modifiers (<c>numeric(10,2)</c>) and array dimensions (<c>int[]</c>).
/// </summary>
internal sealed class TypeName(string? schema, string name, bool isKeyword, IReadOnlyList<int> modifiers, int arrayDimensions)
{
    public string? Schema { get; } = schema;

    /// <summary>The type's name; for a keyword type its canonical lower-case spelling, e.g. <c>timestamp with time zone</c>.</summary>
    public string Name { get; } = name;

    public bool IsKeyword { get; } = isKeyword;

    public IReadOnlyList<int> Modifiers { get; } = modifiers;

    public int ArrayDimensions { get; } = arrayDimensions;
}

/// <summary>A column of a function's column definition list: <c>AS alias(name type, ...)</c>.</summary>
internal sealed class ColumnDefinition(string name, TypeName type)
{
    public string Name { get; } = name;

    public TypeName Type { get; } = type;
}
