namespace TenantDapper;

/// <summary>
/// A bulk insert under a bypass cannot tell the one tenant its rows belong to: the entity has no
/// property for the tenant column, a row names no tenant, or the rows name two tenants (one call writes
/// one tenant's rows; on Citus, one shard). Nothing was written: the COPY is rolled back as a whole.
/// </summary>
public sealed class BulkInsertTenantException : TenantDapperException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">The tenant table written to.</param>
    /// <param name="rowIndex">The zero-based index of the refused row in the caller's sequence, or <see langword="null"/> when no row was read.</param>
    /// <param name="message">What was refused and what to do instead.</param>
    public BulkInsertTenantException(TableName table, int? rowIndex, string message)
        : base(message)
    {
        Table = table;
        RowIndex = rowIndex;
    }

    /// <summary>The tenant table written to.</summary>
    public TableName Table { get; }

    /// <summary>The zero-based index of the refused row in the caller's sequence, or <see langword="null"/> when no row was read.</summary>
    public int? RowIndex { get; }
}
