using System.Data;
using System.Data.Common;

namespace TenantDapper.DataSource;

/// <summary>
/// How a reader or a scalar skips the row the row-level security prelude returns on plain PostgreSQL
/// (<see cref="TenantPrelude.ReturnsRow"/>), so the caller reads its own statement's results as if the prelude were not
/// there. A non-query needs nothing: the driver counts no rows of a <c>SELECT</c> among the rows affected.
/// </summary>
internal static class PreludeResults
{
    /// <summary>What the driver would otherwise drop after the first result, which is now the prelude's.</summary>
    private const CommandBehavior FirstResultOnly = CommandBehavior.SingleResult | CommandBehavior.SingleRow;

    /// <summary>The behavior to run the driver's command with: without single-result and single-row hints when the prelude returns a row.</summary>
    public static CommandBehavior Behavior(CommandBehavior behavior, bool preludeRow) =>
        preludeRow ? behavior & ~FirstResultOnly : behavior;

    /// <summary>Moves <paramref name="reader"/> past the prelude's result to the caller's first; disposes it when that fails.</summary>
    public static async ValueTask<DbDataReader> Skip(DbDataReader reader, bool async, CancellationToken cancellationToken)
    {
        try
        {
            _ = async ? await reader.NextResultAsync(cancellationToken).ConfigureAwait(false) : reader.NextResult();
            return reader;
        }
        catch
        {
            await Dispose(reader, async).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The first column of the first row of the caller's first result, or <see langword="null"/> when there is none, as
    /// the driver's <c>ExecuteScalar</c> returns it; the reader is disposed (which reads the rest, so a later
    /// statement's error is thrown here too).
    /// </summary>
    public static async ValueTask<object?> Scalar(DbDataReader reader, bool async, CancellationToken cancellationToken)
    {
        try
        {
            var next = async ? await reader.NextResultAsync(cancellationToken).ConfigureAwait(false) : reader.NextResult();
            var row = next && reader.FieldCount > 0 && (async ? await reader.ReadAsync(cancellationToken).ConfigureAwait(false) : reader.Read());
            return row ? reader.GetValue(0) : null;
        }
        finally
        {
            await Dispose(reader, async).ConfigureAwait(false);
        }
    }

    private static async ValueTask Dispose(DbDataReader reader, bool async)
    {
        if (async)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            reader.Dispose();
        }
    }
}
