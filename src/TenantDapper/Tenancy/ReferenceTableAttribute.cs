namespace TenantDapper;

/// <summary>Marks an entity class as a reference table: rows shared by every tenant (on Citus, copied to every node).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class ReferenceTableAttribute : Attribute
{
}
