using System.Collections;
using System.Data.Common;

namespace TenantDapper.DataSource;

/// <summary>
/// The reader of a statement whose prelude opened a transaction block (on Citus, <see cref="TenantPrelude.Block"/>):
/// the block's <c>COMMIT</c> comes after the rows, so it runs when the reader is consumed; an error while reading
/// (a row, the commit) leaves the block aborted, so the reader is closed and the block rolled back
/// (<see cref="TenantSession.Abandon"/>) before the error reaches the caller.
/// </summary>
internal sealed class BlockReader(DbDataReader inner, NpgsqlConnection? connection) : DbDataReader
{
    public override int Depth => inner.Depth;

    public override int FieldCount => inner.FieldCount;

    public override bool HasRows => inner.HasRows;

    public override bool IsClosed => inner.IsClosed;

    public override int RecordsAffected => inner.RecordsAffected;

    public override int VisibleFieldCount => inner.VisibleFieldCount;

    public override object this[int ordinal] => inner[ordinal];

    public override object this[string name] => inner[name];

    public override bool Read()
    {
        try
        {
            return inner.Read();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    public override async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await inner.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override bool NextResult()
    {
        try
        {
            return inner.NextResult();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    public override async Task<bool> NextResultAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await inner.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override void Close()
    {
        try
        {
            inner.Close();
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    public override async Task CloseAsync()
    {
        try
        {
            await inner.CloseAsync().ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);

    public override byte GetByte(int ordinal) => inner.GetByte(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

    public override char GetChar(int ordinal) => inner.GetChar(ordinal);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

    public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);

    public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);

    public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);

    public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);

    public override T GetFieldValue<T>(int ordinal) => inner.GetFieldValue<T>(ordinal);

    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => inner.GetFieldValueAsync<T>(ordinal, cancellationToken);

    public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);

    public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);

    public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);

    public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);

    public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);

    public override string GetName(int ordinal) => inner.GetName(ordinal);

    public override int GetOrdinal(string name) => inner.GetOrdinal(name);

    public override System.Data.DataTable? GetSchemaTable() => inner.GetSchemaTable();

    public override Stream GetStream(int ordinal) => inner.GetStream(ordinal);

    public override string GetString(int ordinal) => inner.GetString(ordinal);

    public override TextReader GetTextReader(int ordinal) => inner.GetTextReader(ordinal);

    public override object GetValue(int ordinal) => inner.GetValue(ordinal);

    public override int GetValues(object[] values) => inner.GetValues(values);

    public override bool IsDBNull(int ordinal) => inner.IsDBNull(ordinal);

    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => inner.IsDBNullAsync(ordinal, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                inner.Dispose();
            }
            catch
            {
                Abandon();
                throw;
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        catch
        {
            await AbandonAsync().ConfigureAwait(false);
            throw;
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the driver's reader (the connection runs one statement at a time) and rolls the block back.</summary>
    private void Abandon()
    {
        try
        {
            inner.Dispose();
        }
        catch (Npgsql.NpgsqlException)
        {
            // The error being thrown is the one that counts; closing only consumes what the server still sends.
        }

        TenantSession.Abandon(connection);
    }

    private async Task AbandonAsync()
    {
        try
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }
        catch (Npgsql.NpgsqlException)
        {
            // As in Abandon.
        }

        await TenantSession.AbandonAsync(connection).ConfigureAwait(false);
    }
}
