using System.Data.Common;
using Npgsql;

namespace TenantDapper;

/// <summary>
/// The database refused a row of a bulk insert (a NULL in a NOT NULL column, a duplicate key, a value out of
/// range, ...): the message and <see cref="RowIndex"/> name the row in the caller's sequence, the
/// <see cref="Exception.InnerException"/> is the server's <see cref="PostgresException"/> (column, constraint).
/// Nothing was written: the COPY is rolled back as a whole. A <see cref="DbException"/> with the server's
/// <see cref="SqlState"/>, so handlers for database errors still catch it.
/// </summary>
public sealed class BulkInsertRowException : DbException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="table">The table written to.</param>
    /// <param name="rowIndex">The zero-based index of the refused row in the caller's sequence.</param>
    /// <param name="error">The server's error.</param>
    public BulkInsertRowException(TableName table, int rowIndex, PostgresException error)
        : base(
            $"Row {rowIndex} of the bulk insert into '{table}' was refused by the database{(error?.ColumnName is { } column ? $" (column '{column}')" : "")}: {error?.SqlState}: {error?.MessageText}. Nothing was written; fix or remove that row and insert again.",
            error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Table = table;
        RowIndex = rowIndex;
    }

    /// <summary>The table written to.</summary>
    public TableName Table { get; }

    /// <summary>The zero-based index of the refused row in the caller's sequence.</summary>
    public int RowIndex { get; }

    /// <summary>The server's SQLSTATE, e.g. <c>23502</c> for a NULL in a NOT NULL column.</summary>
    public override string? SqlState => ((PostgresException)InnerException!).SqlState;
}
