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
    public static long BulkInsert<TEntity>(this DbConnection connection, IEnumerable<TEntity> rows)
    {
        var scoping = Require(connection);
        var state = CurrentTenant.Current;
        TenantSession.Enter(scoping, state);
        return BulkCopyExtensions.Insert(scoping.Inner, scoping.Model, rows, TenantSession.SettingFor(scoping.RowLevelSecurity, state), scoping.InTransaction);
    }

    /// <summary>Inserts <paramref name="rows"/> with binary COPY, checked as <see cref="BulkCopyExtensions.BulkInsert{TEntity}"/> checks them.</summary>
    /// <typeparam name="TEntity">The entity class, mapped by attributes or the model's naming convention.</typeparam>
    /// <param name="connection">A connection of a <see cref="TenantDataSource"/>.</param>
    /// <param name="rows">The entities to insert, read once.</param>
    /// <param name="cancellationToken">Cancels the insert; nothing is written then.</param>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="ArgumentException">The connection is not a <see cref="TenantDataSource"/>'s.</exception>
    public static Task<long> BulkInsertAsync<TEntity>(this DbConnection connection, IEnumerable<TEntity> rows, CancellationToken cancellationToken = default)
    {
        var scoping = Require(connection);
        var state = CurrentTenant.Current;
        TenantSession.Enter(scoping, state);
        return BulkCopyExtensions.InsertAsync(scoping.Inner, scoping.Model, rows, TenantSession.SettingFor(scoping.RowLevelSecurity, state), scoping.InTransaction, cancellationToken);
    }

    private static ScopingConnection Require(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection as ScopingConnection ?? throw new ArgumentException(
            $"BulkInsert without a model runs on connections of a TenantDataSource, which carry the model; this is a {connection.GetType().FullName}. On an NpgsqlConnection call BulkInsert(model, rows).",
            nameof(connection));
    }
}
