using System.Runtime.CompilerServices;

namespace TenantDapper;

/// <summary>
/// SqlKata's <c>[Key]</c>: the property is (part of) the row's key. <c>AsUpdate(entity)</c> and <c>Update(entity)</c> add
/// <c>WHERE key = value</c> for it (and still set it); <c>db.Entities&lt;T&gt;()</c> uses it as the key.
/// Without a name the column is named as the property is.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class KeyAttribute : ColumnAttribute
{
    /// <summary>Marks the property as a key column.</summary>
    /// <param name="name">The column name; the property's name when omitted.</param>
    public KeyAttribute([CallerMemberName] string name = "")
        : base(name)
    {
    }
}
