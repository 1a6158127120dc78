namespace TenantDapper;

/// <summary>
/// A value named here and given by <see cref="Query.Define(string, object?)"/>, as SqlKata's <c>Variable</c>:
/// create it with <see cref="Expressions.Variable(string)"/> and use it wherever a value is accepted
/// (<c>Where</c>, <c>WhereIn</c> items, <c>WhereBetween</c>, <c>WhereLike</c>, <c>Having</c>, insert and update values).
/// When the query is compiled, the name is looked up in the query that uses it and then in every query that
/// contains it; the value is sent as an ordinary parameter.
/// </summary>
public sealed class Variable
{
    /// <summary>Creates a reference to the variable <paramref name="name"/>.</summary>
    /// <param name="name">The name given to <see cref="Query.Define(string, object?)"/>, e.g. <c>"@minPriority"</c>.</param>
    public Variable(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The variable's name.</summary>
    public string Name { get; }

    /// <summary>The variable's name.</summary>
    public override string ToString() => Name;
}
