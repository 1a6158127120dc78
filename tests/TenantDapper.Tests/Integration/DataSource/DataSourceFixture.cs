using System.Data.Common;
using Dapper;
using Npgsql;
using TenantDapper.Tests.Integration.Scoping;

namespace TenantDapper.Tests.Integration.DataSource;

/// <summary>
/// A scoping data source over the oracle's shared database (three tenants reusing the same row ids), and ways to see
/// what reached the server: the driver's own connection for counts, and the last statement a backend received.
/// </summary>
public abstract class DataSourceFixture : OracleFixture
{
    private TenantDataSource? _source;

    protected override bool ComparesWithCopies => false;

    /// <summary>The scoping data source, by the oracle's bigint model.</summary>
    protected TenantDataSource Source => _source ?? throw new InvalidOperationException("The data source is created in OneTimeSetUp.");

    [OneTimeSetUp]
    public void CreateDataSource() => _source = new TenantDataSource(NpgsqlDataSource.Create(Databases.Shared), OracleSchema.Model);

    [OneTimeTearDown]
    public async Task DisposeDataSource()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }
    }

    [SetUp]
    public void ClearTenant() => CurrentTenant.Clear();

    [TearDown]
    public void ClearTenantAfter() => CurrentTenant.Clear();

    /// <summary>Runs <paramref name="sql"/> unscoped on the driver's own connection and returns its first value.</summary>
    protected async Task<T> RawScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every row of every oracle table, read unscoped.</summary>
    internal async Task<Snapshot> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        return await Snapshot.TakeAsync(connection, null);
    }

    /// <summary>
    /// Opens a scoping connection and marks its backend with a statement of its own, so that <see cref="LastStatementAsync"/>
    /// tells whether anything was sent after it. Returns the connection and its backend's process id.
    /// </summary>
    protected async Task<(DbConnection Connection, int Pid)> OpenMarkedConnectionAsync()
    {
        var connection = await Source.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT pg_backend_pid()";
        var pid = (int)(await command.ExecuteScalarAsync())!;
        return (connection, pid);
    }

    /// <summary>The text of the last statement backend <paramref name="pid"/> received (<c>pg_stat_activity.query</c>).</summary>
    protected async Task<string> LastStatementAsync(int pid)
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT query FROM pg_stat_activity WHERE pid = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = pid });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Each tenant's projects, read on the driver's own connection with the predicate written by hand (tenants 1, 2 and 3: id, account and name).</summary>
    protected async Task<Dictionary<long, List<(long, long, string)>>> OwnProjectsAsync()
    {
        await using var connection = new NpgsqlConnection(Databases.Shared);
        await connection.OpenAsync();
        var rows = new Dictionary<long, List<(long, long, string)>>();
        foreach (var tenant in new[] { 1L, 2L, 3L })
        {
            rows[tenant] = (await connection.QueryAsync<(long, long, string)>("SELECT account_id, id, name FROM projects WHERE account_id = @tenant ORDER BY id", new { tenant })).ToList();
            Assert.That(rows[tenant], Is.Not.Empty, $"the oracle has projects of tenant {tenant}");
        }

        return rows;
    }
}
