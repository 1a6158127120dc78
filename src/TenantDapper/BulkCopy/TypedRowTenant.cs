using Npgsql;
using TenantDapper.Mapping;

namespace TenantDapper.BulkCopy;

/// <summary>
/// The tenant column held as <typeparamref name="TKey"/>: a row that leaves it empty (0, <see cref="Guid.Empty"/>,
/// null or empty string) gets the call's tenant; a row that names another tenant is refused by its index.
/// </summary>
internal sealed class TypedRowTenant<TEntity, TKey> : RowTenant<TEntity>
    where TKey : notnull
{
    private readonly EntityMap _map;
    private readonly Func<TEntity, TKey>? _read;
    private readonly CopyValueType _type;
    private readonly bool _underBypass;
    private TKey? _tenant;
    private int _tenantRow;
    private bool _known;

    /// <summary>Rows are written for <paramref name="tenant"/>, the current tenant.</summary>
    public TypedRowTenant(EntityMap map, Func<TEntity, TKey>? read, CopyValueType type, TKey tenant)
        : this(map, read, type, underBypass: false)
    {
        _tenant = tenant;
        _known = true;
    }

    /// <summary>Under a bypass: every row must name its tenant, the same as the first row's.</summary>
    public TypedRowTenant(EntityMap map, Func<TEntity, TKey> read, CopyValueType type)
        : this(map, read, type, underBypass: true)
    {
    }

    private TypedRowTenant(EntityMap map, Func<TEntity, TKey>? read, CopyValueType type, bool underBypass)
    {
        _map = map;
        _read = read;
        _type = type;
        _underBypass = underBypass;
    }

    public override void Write(NpgsqlBinaryImporter importer, TEntity row, int index) =>
        CopyValue.Write(importer, Resolve(row, index), _type);

    public override Task WriteAsync(NpgsqlBinaryImporter importer, TEntity row, int index, CancellationToken cancellationToken) =>
        CopyValue.WriteAsync(importer, Resolve(row, index), _type, cancellationToken);

    private static bool IsEmpty(TKey value) =>
        EqualityComparer<TKey>.Default.Equals(value, default) || (value is string text && string.IsNullOrWhiteSpace(text));

    private TKey Resolve(TEntity row, int index)
    {
        if (_read is null)
        {
            return _tenant!;
        }

        var named = _read(row);
        if (IsEmpty(named))
        {
            return _underBypass ? throw NamesNoTenant(index) : _tenant!;
        }

        if (!_known)
        {
            _tenant = named;
            _tenantRow = index;
            _known = true;
            return named;
        }

        return EqualityComparer<TKey>.Default.Equals(named, _tenant) ? named : throw NamesAnotherTenant(index, named);
    }

    private BulkInsertTenantException NamesNoTenant(int index)
    {
        var property = _map.TenantProperty!.Property.Name;
        return new BulkInsertTenantException(
            _map.Table,
            index,
            $"Row {index} of the bulk insert into '{_map.Table}' names no tenant in {property} ({_map.TenantColumn}), and a bypass is in force, so no tenant is current. Nothing was written. Set {property} on every row, or run the insert under CurrentTenant.Use(tenant).");
    }

    private TenantDapperException NamesAnotherTenant(int index, TKey named)
    {
        if (!_underBypass)
        {
            return new TenantMismatchException(_map.Table, _map.TenantColumn!, $"tenant {named} (row {index} of the bulk insert; the current tenant is {_tenant}; nothing was written)");
        }

        var property = _map.TenantProperty!.Property.Name;
        return new BulkInsertTenantException(
            _map.Table,
            index,
            $"Row {index} of the bulk insert into '{_map.Table}' names tenant {named} in {property} ({_map.TenantColumn}), but row {_tenantRow} names tenant {_tenant}: one bulk insert writes one tenant's rows (on Citus, one shard). Nothing was written. Split the rows by tenant and insert each group on its own.");
    }
}
