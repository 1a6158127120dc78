namespace TenantDapper.Mapping;

/// <summary>
/// SqlKata's <c>[Key]</c>: the property is (part of) the row's key. <c>AsUpdate(entity)</c> and <c>Update(entity)</c> add
/// <c>WHERE key = value</c> for it (and still set it); <c>db.Entities&lt;T&gt;()</c> uses it as the key.
/// Without a name the column is the property's name as written for the builder (SqlKata's rule) and by the model's naming
/// convention for <c>db.Entities&lt;T&gt;()</c>, as for any property without <c>[Column]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class KeyAttribute : ColumnAttribute
{
    /// <summary>Marks the property as a key column named as the property.</summary>
    public KeyAttribute()
    {
    }

    /// <summary>Marks the property as a key column named <paramref name="name"/>.</summary>
    /// <param name="name">The column name.</param>
    public KeyAttribute(string name)
        : base(name)
    {
    }
}
