using Npgsql;

namespace TenantDapper.BulkCopy;

/// <summary>
/// Fills and checks the tenant column of each row of one bulk insert. Created per call, so that the
/// tenant of the call (the current one, or under a bypass the first row's) is held typed.
/// </summary>
/// <typeparam name="TEntity">The entity class.</typeparam>
internal abstract class RowTenant<TEntity>
{
    /// <summary>Writes the tenant column of the row at <paramref name="index"/>, or refuses the row.</summary>
    /// <exception cref="TenantMismatchException">The row names another tenant than the current one.</exception>
    /// <exception cref="BulkInsertTenantException">Under a bypass, the row names no tenant or another than the first row.</exception>
    public abstract void Write(NpgsqlBinaryImporter importer, TEntity row, int index);

    /// <summary>Writes the tenant column of the row at <paramref name="index"/>, or refuses the row.</summary>
    /// <exception cref="TenantMismatchException">The row names another tenant than the current one.</exception>
    /// <exception cref="BulkInsertTenantException">Under a bypass, the row names no tenant or another than the first row.</exception>
    public abstract Task WriteAsync(NpgsqlBinaryImporter importer, TEntity row, int index, CancellationToken cancellationToken);
}
