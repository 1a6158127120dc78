using System.Data.Common;
using TenantDapper.DataSource;
using ScopingConnection = TenantDapper.DataSource.NpgsqlConnection;

namespace TenantDapper;

/// <summary>
/// The tenant-checked bulk insert on a connection of a <see cref="TenantDataSource"/>, by the data source's model: the
/// only way to COPY through such a connection (the driver's COPY is not reachable, and COPY text is refused).
/// <code>
/// await using var connection = await tenantDataSource.OpenConnectionAsync();
/// await connection.BulkInsertAsync(tasks);
/// </code>
/// </summary>
public static class TenantConnectionBulkExtensions
{
    /// <summary>Inserts <paramref name="rows"/> with binary COPY, checked as <see cref="BulkCopyExtensions.BulkInsert{TEntity}"/> checks them.</summary>
    /// <typeparam name="TEntity">The entity class, mapped by attributes or the model's naming convention.</typeparam>
    /// <param name="connection">A connection of a <see cref="TenantDataSource"/>.</param>
    /// <param name="rows">The entities to insert, read once.</param>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="ArgumentException">The connection is not a <see cref="TenantDataSource"/>'s.</exception>
    /// <exception cref="NotSupportedException">The data source has row-level security on and its server is a Citus coordinator, where COPY into a table with policies fails; nothing was written.</exception>
    public static long BulkInsert<TEntity>(this DbConnection connection, IEnumerable<TEntity> rows)
    {
        var scoping = Require(connection);
        var state = CurrentTenant.Current;
        TenantSession.Enter(scoping, state);
        return BulkCopyExtensions.Insert(scoping.Inner, scoping.Model, rows, Setting(scoping, state), scoping.InTransaction);
    }

    /// <summary>Inserts <paramref name="rows"/> with binary COPY, checked as <see cref="BulkCopyExtensions.BulkInsert{TEntity}"/> checks them.</summary>
    /// <typeparam name="TEntity">The entity class, mapped by attributes or the model's naming convention.</typeparam>
    /// <param name="connection">A connection of a <see cref="TenantDataSource"/>.</param>
    /// <param name="rows">The entities to insert, read once.</param>
    /// <param name="cancellationToken">Cancels the insert; nothing is written then.</param>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="ArgumentException">The connection is not a <see cref="TenantDataSource"/>'s.</exception>
    /// <exception cref="NotSupportedException">The data source has row-level security on and its server is a Citus coordinator, where COPY into a table with policies fails; nothing was written.</exception>
    public static Task<long> BulkInsertAsync<TEntity>(this DbConnection connection, IEnumerable<TEntity> rows, CancellationToken cancellationToken = default)
    {
        var scoping = Require(connection);
        var state = CurrentTenant.Current;
        TenantSession.Enter(scoping, state);
        return BulkCopyExtensions.InsertAsync(scoping.Inner, scoping.Model, rows, Setting(scoping, state), scoping.InTransaction, cancellationToken);
    }

    /// <summary>
    /// The row-level security setting the insert carries, or <see langword="null"/>. Refused on Citus, measured on
    /// Citus 13.2: a COPY into a distributed table with policies fails on the worker ("COPY FROM not supported with
    /// row-level security"), and so does the staged INSERT … SELECT, which Citus sends to the shards as COPY.
    /// </summary>
    private static string? Setting(ScopingConnection scoping, Tenancy.TenantState? state)
    {
        var prelude = TenantSession.PreludeFor(scoping.RowLevelSecurity, state, scoping);
        if (prelude is not null && scoping.RowLevelSecurity!.OnCitus(scoping.Inner))
        {
            throw new NotSupportedException(
                "BulkInsert is refused on a Citus coordinator with row-level security: Citus writes COPY (and the INSERT ... SELECT from staged rows) to the shards as COPY, which PostgreSQL refuses on a table with policies. Insert the rows with INSERT statements (Dapper's Execute with a list of rows, or the entity set's InsertMany), or bulk insert through a second TenantDataSource without RowLevelSecurity whose role has BYPASSRLS (the rows are still checked against the current tenant).");
        }

        return prelude?.Setting;
    }

    private static ScopingConnection Require(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection as ScopingConnection ?? throw new ArgumentException(
            $"BulkInsert without a model runs on connections of a TenantDataSource, which carry the model; this is a {connection.GetType().FullName}. On an NpgsqlConnection call BulkInsert(model, rows).",
            nameof(connection));
    }
}
