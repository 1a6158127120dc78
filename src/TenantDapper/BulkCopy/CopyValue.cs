using Npgsql;

namespace TenantDapper.BulkCopy;

/// <summary>Writes one value in binary COPY as the column's PostgreSQL type.</summary>
internal static class CopyValue
{
    public static void Write<TValue>(NpgsqlBinaryImporter importer, TValue value, CopyValueType type)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else if (type.DbType is { } dbType)
        {
            importer.Write(value, dbType);
        }
        else if (type.DataTypeName is { } dataTypeName)
        {
            importer.Write(value, dataTypeName);
        }
        else
        {
            importer.Write(value);
        }
    }

    public static Task WriteAsync<TValue>(NpgsqlBinaryImporter importer, TValue value, CopyValueType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            return importer.WriteNullAsync(cancellationToken);
        }

        if (type.DbType is { } dbType)
        {
            return importer.WriteAsync(value, dbType, cancellationToken);
        }

        return type.DataTypeName is { } dataTypeName
            ? importer.WriteAsync(value, dataTypeName, cancellationToken)
            : importer.WriteAsync(value, cancellationToken);
    }
}
