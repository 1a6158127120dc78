using NpgsqlTypes;

namespace TenantDapper.BulkCopy;

/// <summary>
/// How one column's values are written in binary COPY: chosen once per column, because binary COPY
/// sends the bytes of exactly one PostgreSQL type and the server refuses any other.
/// </summary>
internal readonly record struct CopyValueType(NpgsqlDbType? DbType, string? DataTypeName)
{
    /// <summary>
    /// The type named by <c>[Column(TypeName = ...)]</c>, else the PostgreSQL type a C# type is normally
    /// stored as (<see cref="long"/> as <c>bigint</c>, <see cref="string"/> as <c>text</c>, ...), else
    /// none, letting Npgsql infer it from the value (a <see cref="DateTime"/> by its Kind).
    /// </summary>
    public static CopyValueType For(Type valueType, string? storeType) =>
        storeType is not null ? new CopyValueType(null, storeType) : new CopyValueType(DbTypeOf(valueType), null);

    private static NpgsqlDbType? DbTypeOf(Type type)
    {
        if (type == typeof(byte[]))
        {
            return NpgsqlDbType.Bytea;
        }

        if (type.IsArray)
        {
            return DbTypeOf(type.GetElementType()!) is { } element ? NpgsqlDbType.Array | element : null;
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => NpgsqlDbType.Boolean,
            TypeCode.Int16 => NpgsqlDbType.Smallint,
            TypeCode.Int32 => NpgsqlDbType.Integer,
            TypeCode.Int64 => NpgsqlDbType.Bigint,
            TypeCode.Single => NpgsqlDbType.Real,
            TypeCode.Double => NpgsqlDbType.Double,
            TypeCode.Decimal => NpgsqlDbType.Numeric,
            TypeCode.String => NpgsqlDbType.Text,
            _ when type == typeof(Guid) => NpgsqlDbType.Uuid,
            _ when type == typeof(DateTimeOffset) => NpgsqlDbType.TimestampTz,
            _ when type == typeof(DateOnly) => NpgsqlDbType.Date,
            _ when type == typeof(TimeOnly) => NpgsqlDbType.Time,
            _ when type == typeof(TimeSpan) => NpgsqlDbType.Interval,
            _ => null,
        };
    }
}
