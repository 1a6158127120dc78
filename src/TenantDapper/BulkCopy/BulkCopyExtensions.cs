using System.Data;
using Npgsql;
using TenantDapper.BulkCopy;

namespace TenantDapper;

/// <summary>
/// Tenant-aware bulk insert of entities through PostgreSQL's binary COPY:
/// <code>
/// using (CurrentTenant.Use(42L))
/// {
///     connection.BulkInsert(model, projects);
/// }
/// </code>
/// One call writes one tenant's rows (on Citus a single-tenant COPY goes to one shard) as one statement,
/// so either every row is written or none.
/// </summary>
public static partial class BulkCopyExtensions
{
    /// <summary>
    /// Inserts <paramref name="rows"/> into <typeparamref name="TEntity"/>'s table with binary COPY.
    /// For a tenant table, the tenant column of a row that leaves it empty (0, <see cref="Guid.Empty"/>,
    /// null) is filled with the current tenant, and a row naming another tenant is refused with a
    /// <see cref="TenantMismatchException"/> whose message gives its index; the whole COPY is then rolled back.
    /// Under <see cref="CurrentTenant.Bypass"/> every row must name its tenant, the same for all rows.
    /// Generated columns (identities) are left to the database and not read back; the rows are not changed.
    /// Inside an open transaction the COPY is part of it (and a refusal aborts it).
    /// </summary>
    /// <typeparam name="TEntity">The entity class, mapped by attributes or the model's naming convention.</typeparam>
    /// <param name="connection">The connection; opened and closed again if it is closed.</param>
    /// <param name="model">The tenant model that says whether and by which column the table is scoped.</param>
    /// <param name="rows">The entities to insert, read once.</param>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="TenantNotSetException">The table is a tenant table and no tenant is set; nothing was sent.</exception>
    /// <exception cref="TenantWriteRequiresSingleTenantException">Several tenants are set; nothing was sent.</exception>
    /// <exception cref="TenantKeyTypeException">The current tenant is not of the tenant column's type; nothing was sent.</exception>
    /// <exception cref="TenantMismatchException">A row names another tenant than the current one (the message gives its index); nothing was written.</exception>
    /// <exception cref="BulkInsertTenantException">Under a bypass: the entity has no tenant property, or a row names no tenant or another than the first row; nothing was written.</exception>
    /// <exception cref="EntityMappingException">The entity class cannot be mapped; nothing was sent.</exception>
    /// <exception cref="BulkInsertRowException">The database refused a row (the message and <see cref="BulkInsertRowException.RowIndex"/> name it); nothing was written.</exception>
    public static long BulkInsert<TEntity>(this NpgsqlConnection connection, TenantModel model, IEnumerable<TEntity> rows)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        var plan = CopyPlan<TEntity>.For(model);
        var tenant = plan.BeginTenant(CurrentTenant.Current);
        var opened = connection.State == ConnectionState.Closed;
        if (opened)
        {
            connection.Open();
        }

        try
        {
            using var importer = connection.BeginBinaryImport(plan.Command);
            var index = 0;
            try
            {
                foreach (var row in rows)
                {
                    RequireRow(row, index);
                    importer.StartRow();
                    tenant?.Write(importer, row, index);
                    plan.WriteColumns(importer, row);
                    index++;
                }

                return (long)importer.Complete();
            }
            catch (PostgresException error) when (RowOf(error) is { } refused)
            {
                throw new BulkInsertRowException(plan.Map.Table, refused, error);
            }
        }
        finally
        {
            if (opened)
            {
                connection.Close();
            }
        }
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> into <typeparamref name="TEntity"/>'s table with binary COPY;
    /// the asynchronous twin of <see cref="BulkInsert{TEntity}(NpgsqlConnection, TenantModel, IEnumerable{TEntity})"/>.
    /// </summary>
    /// <typeparam name="TEntity">The entity class, mapped by attributes or the model's naming convention.</typeparam>
    /// <param name="connection">The connection; opened and closed again if it is closed.</param>
    /// <param name="model">The tenant model that says whether and by which column the table is scoped.</param>
    /// <param name="rows">The entities to insert, read once.</param>
    /// <param name="cancellationToken">Cancels the insert; nothing is written then.</param>
    /// <returns>The number of rows inserted.</returns>
    /// <exception cref="TenantNotSetException">The table is a tenant table and no tenant is set; nothing was sent.</exception>
    /// <exception cref="TenantWriteRequiresSingleTenantException">Several tenants are set; nothing was sent.</exception>
    /// <exception cref="TenantKeyTypeException">The current tenant is not of the tenant column's type; nothing was sent.</exception>
    /// <exception cref="TenantMismatchException">A row names another tenant than the current one (the message gives its index); nothing was written.</exception>
    /// <exception cref="BulkInsertTenantException">Under a bypass: the entity has no tenant property, or a row names no tenant or another than the first row; nothing was written.</exception>
    /// <exception cref="EntityMappingException">The entity class cannot be mapped; nothing was sent.</exception>
    /// <exception cref="BulkInsertRowException">The database refused a row (the message and <see cref="BulkInsertRowException.RowIndex"/> name it); nothing was written.</exception>
    public static async Task<long> BulkInsertAsync<TEntity>(
        this NpgsqlConnection connection, TenantModel model, IEnumerable<TEntity> rows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        var plan = CopyPlan<TEntity>.For(model);
        var tenant = plan.BeginTenant(CurrentTenant.Current);
        var opened = connection.State == ConnectionState.Closed;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var importer = await connection.BeginBinaryImportAsync(plan.Command, cancellationToken).ConfigureAwait(false);
            await using (importer.ConfigureAwait(false))
            {
                var index = 0;
                try
                {
                    foreach (var row in rows)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        RequireRow(row, index);
                        await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                        if (tenant is not null)
                        {
                            await tenant.WriteAsync(importer, row, index, cancellationToken).ConfigureAwait(false);
                        }

                        await plan.WriteColumnsAsync(importer, row, cancellationToken).ConfigureAwait(false);
                        index++;
                    }

                    return (long)await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException error) when (RowOf(error) is { } refused)
                {
                    throw new BulkInsertRowException(plan.Map.Table, refused, error);
                }
            }
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The zero-based row a COPY error is about: the server names it in the error's context as
    /// <c>COPY table, line N</c> (1-based, one line per row in binary COPY too).
    /// </summary>
    private static int? RowOf(PostgresException error)
    {
        var match = CopyLine().Match(error.Where ?? "");
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture, out var line) && line > 0 ? line - 1 : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^COPY [^\n]*?, line (\d+)")]
    private static partial System.Text.RegularExpressions.Regex CopyLine();

    private static void RequireRow<TEntity>(TEntity row, int index)
    {
        if (row is null)
        {
            throw new ArgumentException($"Row {index} of the bulk insert is null; nothing was written. Remove null rows before inserting.", "rows");
        }
    }
}
