namespace TenantDapper.Mapping;

/// <summary>
/// SqlKata's <c>[Column("name")]</c>: the column a property is written to by <c>AsInsert</c>, <c>AsUpdate</c>, <c>Insert</c> and
/// <c>Update</c> (and read by <c>db.Entities&lt;T&gt;()</c>). <see cref="System.ComponentModel.DataAnnotations.Schema.ColumnAttribute"/> works the same.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public class ColumnAttribute : Attribute
{
    /// <summary>Names the column of the property.</summary>
    /// <param name="name">The column name; quoted, never split.</param>
    public ColumnAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>For <see cref="KeyAttribute"/>, whose name may be left to the property.</summary>
    private protected ColumnAttribute()
    {
    }

    /// <summary>The column name; <see langword="null"/> for a <c>[Key]</c> without one (the property's name is used).</summary>
    public string? Name { get; }
}
