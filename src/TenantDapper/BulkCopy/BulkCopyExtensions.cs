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
    public static long BulkInsert<TEntity>(this NpgsqlConnection connection, TenantModel model, IEnumerable<TEntity> rows) =>
        Insert(connection, model, rows, setting: null, inTransaction: false);

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
    public static Task<long> BulkInsertAsync<TEntity>(
        this NpgsqlConnection connection, TenantModel model, IEnumerable<TEntity> rows, CancellationToken cancellationToken = default) =>
        InsertAsync(connection, model, rows, setting: null, inTransaction: false, cancellationToken);

    /// <summary>
    /// The bulk insert of every path. With a row-level security <paramref name="setting"/> (PostgreSQL refuses COPY FROM
    /// into a table with policies), the rows are copied into a transaction-local temporary table and inserted from it
    /// under the setting, all in one transaction (the caller's when <paramref name="inTransaction"/>).
    /// </summary>
    internal static long Insert<TEntity>(NpgsqlConnection connection, TenantModel model, IEnumerable<TEntity> rows, string? setting, bool inTransaction)
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
            if (setting is null)
            {
                return Copy(connection, plan, tenant, rows, plan.Command);
            }

            var staged = plan.Staged(StageName());
            using var transaction = inTransaction ? null : connection.BeginTransaction();
            using (var create = Prelude(connection, setting, staged.Create))
            {
                create.ExecuteNonQuery();
            }

            Copy(connection, plan, tenant, rows, staged.Copy);
            using var insert = Prelude(connection, setting, staged.Insert);
            var inserted = insert.ExecuteNonQuery();
            transaction?.Commit();
            return inserted;
        }
        finally
        {
            if (opened)
            {
                connection.Close();
            }
        }
    }

    /// <summary>The asynchronous twin of <see cref="Insert{TEntity}"/>.</summary>
    internal static async Task<long> InsertAsync<TEntity>(
        NpgsqlConnection connection, TenantModel model, IEnumerable<TEntity> rows, string? setting, bool inTransaction, CancellationToken cancellationToken)
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
            if (setting is null)
            {
                return await CopyAsync(connection, plan, tenant, rows, plan.Command, cancellationToken).ConfigureAwait(false);
            }

            var staged = plan.Staged(StageName());
            var transaction = inTransaction ? null : await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await using (var create = Prelude(connection, setting, staged.Create))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await CopyAsync(connection, plan, tenant, rows, staged.Copy, cancellationToken).ConfigureAwait(false);
                await using var insert = Prelude(connection, setting, staged.Insert);
                var inserted = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (transaction is not null)
                {
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }

                return inserted;
            }
            finally
            {
                if (transaction is not null)
                {
                    await transaction.DisposeAsync().ConfigureAwait(false);
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

    private static long Copy<TEntity>(NpgsqlConnection connection, CopyPlan<TEntity> plan, RowTenant<TEntity>? tenant, IEnumerable<TEntity> rows, string command)
    {
        using var importer = connection.BeginBinaryImport(command);
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

    private static async Task<long> CopyAsync<TEntity>(
        NpgsqlConnection connection, CopyPlan<TEntity> plan, RowTenant<TEntity>? tenant, IEnumerable<TEntity> rows, string command, CancellationToken cancellationToken)
    {
        var importer = await connection.BeginBinaryImportAsync(command, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A staged statement behind the row-level security prelude, in one round trip.</summary>
    private static NpgsqlBatch Prelude(NpgsqlConnection connection, string setting, string statement) =>
        new(connection) { BatchCommands = { DataSource.TenantSession.PreludeCommand(setting, onCitus: false), new NpgsqlBatchCommand(statement) } };

    /// <summary>A name no other staged insert of the session uses (one transaction may hold several).</summary>
    private static string StageName() => "tenantdapper_copy_" + System.Security.Cryptography.RandomNumberGenerator.GetHexString(16, lowercase: true);

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
