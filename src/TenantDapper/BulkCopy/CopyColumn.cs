using System.Reflection;
using Npgsql;
using TenantDapper.Mapping;

namespace TenantDapper.BulkCopy;

/// <summary>Writes one column of a row in binary COPY with a compiled, typed getter (no boxing, no reflection per row).</summary>
/// <typeparam name="TEntity">The entity class.</typeparam>
internal abstract class CopyColumn<TEntity>
{
    /// <summary>Writes the column's value of <paramref name="entity"/>.</summary>
    public abstract void Write(NpgsqlBinaryImporter importer, TEntity entity);

    /// <summary>Writes the column's value of <paramref name="entity"/>.</summary>
    public abstract Task WriteAsync(NpgsqlBinaryImporter importer, TEntity entity, CancellationToken cancellationToken);

    /// <summary>The writer for <paramref name="column"/>: an enum is written as its underlying integer, a nullable as its value or NULL, a JSON document as its text.</summary>
    public static CopyColumn<TEntity> For(ColumnMap column)
    {
        if (column.IsJson)
        {
            return new JsonCopyColumn<TEntity>(column);
        }

        var propertyType = column.Property.PropertyType;
        var valueType = column.ValueType.IsEnum ? Enum.GetUnderlyingType(column.ValueType) : column.ValueType;
        var writer = Nullable.GetUnderlyingType(propertyType) is not null
            ? typeof(NullableCopyColumn<,>).MakeGenericType(typeof(TEntity), valueType)
            : typeof(ValueCopyColumn<,>).MakeGenericType(typeof(TEntity), valueType);
        return (CopyColumn<TEntity>)Activator.CreateInstance(
            writer,
            BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic,
            binder: null,
            [column.Property, CopyValueType.For(valueType, column.StoreType)],
            culture: null)!;
    }
}
