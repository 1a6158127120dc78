namespace TenantDapper.Mapping;

/// <summary>
/// SqlKata's <c>[Ignore]</c>: the property is not written by <c>AsInsert</c>, <c>AsUpdate</c>, <c>Insert</c> and <c>Update</c>
/// (nor mapped by <c>db.Entities&lt;T&gt;()</c>). <see cref="System.ComponentModel.DataAnnotations.Schema.NotMappedAttribute"/> works the same.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true, AllowMultiple = false)]
public sealed class IgnoreAttribute : Attribute
{
}
