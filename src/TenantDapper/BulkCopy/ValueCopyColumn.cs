using System.Reflection;
using Npgsql;
using TenantDapper.Mapping;

namespace TenantDapper.BulkCopy;

/// <summary>A column whose property is a reference type (NULL when null) or a non-nullable value type.</summary>
internal sealed class ValueCopyColumn<TEntity, TValue> : CopyColumn<TEntity>
{
    private readonly Func<TEntity, TValue> _read;
    private readonly CopyValueType _type;

    public ValueCopyColumn(PropertyInfo property, CopyValueType type)
    {
        _read = PropertyAccess.Getter<TEntity, TValue>(property);
        _type = type;
    }

    public override void Write(NpgsqlBinaryImporter importer, TEntity entity) => CopyValue.Write(importer, _read(entity), _type);

    public override Task WriteAsync(NpgsqlBinaryImporter importer, TEntity entity, CancellationToken cancellationToken) =>
        CopyValue.WriteAsync(importer, _read(entity), _type, cancellationToken);
}
