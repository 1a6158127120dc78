using System.Text.Json;
using Npgsql;
using TenantDapper.Mapping;

namespace TenantDapper.BulkCopy;

/// <summary>A class-typed property stored in a <c>json</c> or <c>jsonb</c> column: written as its System.Text.Json text, NULL when null.</summary>
internal sealed class JsonCopyColumn<TEntity> : CopyColumn<TEntity>
{
    private readonly ColumnMap _column;
    private readonly CopyValueType _type;

    public JsonCopyColumn(ColumnMap column)
    {
        _column = column;
        _type = CopyValueType.For(typeof(string), column.StoreType);
    }

    public override void Write(NpgsqlBinaryImporter importer, TEntity entity) => CopyValue.Write(importer, Json(entity), _type);

    public override Task WriteAsync(NpgsqlBinaryImporter importer, TEntity entity, CancellationToken cancellationToken) =>
        CopyValue.WriteAsync(importer, Json(entity), _type, cancellationToken);

    private string? Json(TEntity entity) =>
        _column.GetValue(entity!) is { } value ? JsonSerializer.Serialize(value, _column.Property.PropertyType) : null;
}
