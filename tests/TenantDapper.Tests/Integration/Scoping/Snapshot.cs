using System.Data.Common;

namespace TenantDapper.Tests.Integration.Scoping;

/// <summary>The contents of every oracle table, each row as text with its tenant (as text, or null for shared tables).</summary>
internal sealed class Snapshot
{
    private static readonly string Query = Union(OracleSchema.Tables);

    /// <summary>
    /// Under row-level security, the tables in two reads, each behind the setting of every tenant of its key type (a
    /// policy casts the setting to its column's type): a role the policies apply to then sees every row it could have
    /// written, since their WITH CHECK lets it write no other.
    /// </summary>
    private static readonly (string? Tenants, string Query)[] CarryingEveryTenant =
    [
        ("{" + string.Join(",", OracleSchema.Tenants) + "}", Union(OracleSchema.Tables.Where(t => !IsUuidKeyed(t.Table)))),
        ("{" + string.Join(",", OracleSchema.Orgs) + "}", Union(OracleSchema.Tables.Where(t => IsUuidKeyed(t.Table)))),
    ];

    private readonly List<(string Table, string? Tenant, string Row)> _rows;

    private Snapshot(List<(string Table, string? Tenant, string Row)> rows) => _rows = rows;

    /// <summary>Reads every table; <paramref name="carryingEveryTenant"/> when row-level security applies to the connection's role.</summary>
    public static async Task<Snapshot> TakeAsync(DbConnection connection, DbTransaction? transaction, bool carryingEveryTenant = false)
    {
        var rows = new List<(string, string?, string)>();
        foreach (var (tenants, query) in carryingEveryTenant ? CarryingEveryTenant : [(null, Query)])
        {
            await using var command = connection.CreateCommand();
            command.CommandText = tenants is null ? query : $"CALL tenantdapper.set_tenants('{tenants}'); {query}";
            command.Transaction = transaction;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2)));
            }
        }

        return new Snapshot(rows);
    }

    /// <summary>The tenant column values, as text, of the tenants at <paramref name="positions"/> in both models.</summary>
    public static HashSet<string> TenantTexts(IEnumerable<int> positions) =>
        [.. positions.SelectMany(p => new[] { OracleSchema.Tenants[p].ToString(System.Globalization.CultureInfo.InvariantCulture), OracleSchema.Orgs[p].ToString() })];

    public List<string> Rows(string table, Func<string?, bool> tenant) =>
        [.. _rows.Where(r => r.Table == table && tenant(r.Tenant)).Select(r => r.Row).Order(StringComparer.Ordinal)];

    /// <summary>Whether every row of every table is the same as in <paramref name="other"/>.</summary>
    public bool SameAs(Snapshot other) =>
        _rows.Select(r => r.Table + r.Row).Order(StringComparer.Ordinal).SequenceEqual(other._rows.Select(r => r.Table + r.Row).Order(StringComparer.Ordinal));

    private static bool IsUuidKeyed(string table) => OracleSchema.UuidModel.TryGetTenantTable(new TableName(null, table), out _);

    private static string Union(IEnumerable<(string Table, string? TenantColumn)> tables) => string.Join(
        " UNION ALL ",
        tables.Select(t => $"SELECT '{t.Table}', {(t.TenantColumn is null ? "NULL::text" : $"r.\"{t.TenantColumn}\"::text")}, r::text FROM \"{t.Table}\" AS r"));
}
