using System.Reflection;
using Npgsql;
using TenantDapper.Mapping;

namespace TenantDapper.BulkCopy;

/// <summary>A column whose property is a <see cref="Nullable{T}"/>: its value, or NULL.</summary>
internal sealed class NullableCopyColumn<TEntity, TValue> : CopyColumn<TEntity>
    where TValue : struct
{
    private readonly Func<TEntity, TValue?> _read;
    private readonly CopyValueType _type;

    public NullableCopyColumn(PropertyInfo property, CopyValueType type)
    {
        _read = PropertyAccess.Getter<TEntity, TValue?>(property);
        _type = type;
    }

    public override void Write(NpgsqlBinaryImporter importer, TEntity entity)
    {
        var value = _read(entity);
        if (value.HasValue)
        {
            CopyValue.Write(importer, value.GetValueOrDefault(), _type);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public override Task WriteAsync(NpgsqlBinaryImporter importer, TEntity entity, CancellationToken cancellationToken)
    {
        var value = _read(entity);
        return value.HasValue
            ? CopyValue.WriteAsync(importer, value.GetValueOrDefault(), _type, cancellationToken)
            : importer.WriteNullAsync(cancellationToken);
    }
}
