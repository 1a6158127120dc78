using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;

namespace TenantDapper.Mapping;

/// <summary>One mapped property of an entity class and the column it is stored in.</summary>
internal sealed class ColumnMap
{
    private readonly Lazy<Func<object, object?>> _getter;
    private readonly Lazy<Action<object, object?>> _setter;

    public ColumnMap(PropertyInfo property, string name, string? storeType, bool isKey, bool isTenantColumn, DatabaseGeneratedOption generation)
    {
        Property = property;
        Name = name;
        StoreType = storeType;
        IsKey = isKey;
        IsTenantColumn = isTenantColumn;
        Generation = generation;
        ValueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        IsJson = JsonColumns.IsJson(property.PropertyType, storeType);
        if (IsJson)
        {
            JsonColumns.EnsureReadable(property.PropertyType);
        }

        _getter = new Lazy<Func<object, object?>>(() => PropertyAccess.BoxedGetter(property));
        _setter = new Lazy<Action<object, object?>>(() => PropertyAccess.BoxedSetter(property));
    }

    /// <summary>The C# property.</summary>
    public PropertyInfo Property { get; }

    /// <summary>The column's name as the catalog spells it (not quoted).</summary>
    public string Name { get; }

    /// <summary>The column's PostgreSQL type from <c>[Column(TypeName = ...)]</c>, or <see langword="null"/> to infer it from the property type.</summary>
    public string? StoreType { get; }

    /// <summary>Whether the column is part of the entity's own key (for a tenant table, the key without the tenant column).</summary>
    public bool IsKey { get; }

    /// <summary>Whether the column is the table's tenant column.</summary>
    public bool IsTenantColumn { get; }

    /// <summary>Whether and when the database generates the value.</summary>
    public DatabaseGeneratedOption Generation { get; }

    /// <summary>Whether the database generates the value, so that inserts and updates never write it.</summary>
    public bool IsGenerated => Generation != DatabaseGeneratedOption.None;

    /// <summary>Whether the property is a class stored as a <c>json</c> or <c>jsonb</c> document (System.Text.Json).</summary>
    public bool IsJson { get; }

    /// <summary>The property type without <see cref="Nullable{T}"/>.</summary>
    public Type ValueType { get; }

    /// <summary>Reads the property of an entity (compiled once).</summary>
    public object? GetValue(object entity) => _getter.Value(entity);

    /// <summary>Reads the property of an entity as a statement parameter (see <see cref="ParameterValue"/>).</summary>
    public object? GetParameterValue(object entity) => ParameterValue(GetValue(entity));

    /// <summary>A value of this column as a statement parameter: a JSON document as its text, typed <c>json</c> or <c>jsonb</c>; anything else as it is.</summary>
    public object? ParameterValue(object? value) =>
        IsJson && value is not null ? new JsonParameter(value, Property.PropertyType, StoreType!) : value;

    /// <summary>Writes the property of an entity (compiled once), e.g. a generated key after an insert.</summary>
    public void SetValue(object entity, object? value) => _setter.Value(entity, value);

    /// <inheritdoc />
    public override string ToString() => $"{Property.Name} -> {Name}";
}
