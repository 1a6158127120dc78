namespace TenantDapper.Syntax;

/// <summary>
/// What a column or <c>*</c> is qualified with: one table occurrence's exposed name, either its alias or
/// (unaliased) its table name, optionally with the schema. Each part is one identifier: an alias such as
/// <c>"public.tasks"</c> is the single name <c>public.tasks</c>, never the schema <c>public</c> and the table
/// <c>tasks</c>. Names are never split or joined on dots after they enter the tree.
/// </summary>
internal sealed class TableQualifier(string? schema, string name) : IEquatable<TableQualifier>
{
    /// <summary>The schema, only for an unaliased schema-qualified table.</summary>
    public string? Schema { get; } = schema;

    /// <summary>The alias, or the table's name.</summary>
    public string Name { get; } = name;

    /// <summary>A qualifier of one identifier (an alias, or a table or CTE name).</summary>
    public static TableQualifier Of(string name) => new(null, name);

    public bool Equals(TableQualifier? other) =>
        other is not null
        && string.Equals(Schema, other.Schema, StringComparison.Ordinal)
        && string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as TableQualifier);

    public override int GetHashCode() => HashCode.Combine(Schema, Name);

    /// <summary>For messages and explain accounts only (unquoted); never written into SQL.</summary>
    public override string ToString() => Schema is null ? Name : Schema + "." + Name;
}
