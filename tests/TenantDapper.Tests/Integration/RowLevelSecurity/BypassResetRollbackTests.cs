using System.Data.Common;
using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// The reset after a bypass runs inside the caller's transaction when the next tenant statement does, and PostgreSQL
/// undoes most of it when that transaction (or a savepoint) rolls back: <c>RESET ALL</c>, <c>SET SESSION
/// AUTHORIZATION DEFAULT</c>, <c>DISCARD TEMP</c> and <c>UNLISTEN *</c> are transactional. Whatever ends the
/// transaction, the next tenant statement still sees none of the bypass's setting, role, temporary table or listener,
/// with the pool's reset or without it (<c>No Reset On Close</c>).
/// </summary>
public class BypassResetRollbackTests : RowLevelSecurityFixture
{
    private const string Germany = "Germany";

    private string ShadowRole => ApplicationRoleName + "_shadow";

    [OneTimeSetUp]
    public async Task CreateShadowRoleAsync()
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"CREATE ROLE {ShadowRole} NOLOGIN BYPASSRLS; GRANT {ShadowRole} TO {ApplicationRoleName}", connection);
        await command.ExecuteNonQueryAsync();
    }

    [OneTimeTearDown]
    public async Task DropShadowRoleAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"DROP ROLE IF EXISTS {ShadowRole}", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task A_setting_of_a_bypass_does_not_come_back_when_the_transaction_that_reset_it_rolls_back([Values] bool rowLevelSecurity, [Values] bool async, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        await BypassAsync(() => ExecuteAsync(connection, "SELECT set_config('application_name', 'bypass-was-here', false)", null, async));

        var transaction = await BeginAsync(connection, async);
        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_setting('application_name')", transaction, async)), Is.Not.EqualTo("bypass-was-here"));
        await RollbackAsync(transaction, async);

        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_setting('application_name')", null, async)), Is.Not.EqualTo("bypass-was-here"));
    }

    [Test]
    public async Task A_role_a_bypass_set_does_not_come_back_when_the_transaction_that_reset_it_rolls_back([Values] bool rowLevelSecurity, [Values] bool async, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        await BypassAsync(() => ExecuteAsync(connection, $"SET ROLE {ShadowRole}", null, async));

        var transaction = await BeginAsync(connection, async);
        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_user", transaction, async)), Is.EqualTo(ApplicationRoleName));
        await RollbackAsync(transaction, async);

        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_user", null, async)), Is.EqualTo(ApplicationRoleName));
    }

    [Test]
    public async Task A_temporary_table_of_a_bypass_does_not_come_back_when_the_transaction_that_dropped_it_rolls_back([Values] bool rowLevelSecurity, [Values] bool async, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        await BypassAsync(() => ExecuteAsync(connection, "CREATE TEMPORARY TABLE countries AS SELECT 'xx'::text AS code, 'three-secret'::text AS name", null, async));

        var transaction = await BeginAsync(connection, async);
        Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { Germany, "France" }));
        await RollbackAsync(transaction, async);

        Assert.That(await TenantAsync(() => CountriesAsync(connection, null, async)), Is.EqualTo(new[] { Germany, "France" }));
    }

    [Test]
    public async Task A_listener_of_a_bypass_does_not_come_back_when_the_transaction_that_unlistened_rolls_back([Values] bool rowLevelSecurity, [Values] bool async, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        await BypassAsync(() => ExecuteAsync(connection, "LISTEN bypass_channel", null, async));

        var transaction = await BeginAsync(connection, async);
        Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { Germany, "France" }));
        await RollbackAsync(transaction, async);

        // The tenant statement resets what it must; the server's list of the session's channels is read after it.
        Assert.That(await TenantAsync(() => CountriesAsync(connection, null, async)), Is.EqualTo(new[] { Germany, "France" }));
        var channels = 0L;
        await BypassAsync(async () => channels = await ScalarAsync<long>(connection, "SELECT count(*) FROM pg_catalog.pg_listening_channels()", null, async));
        Assert.That(channels, Is.Zero);
    }

    [Test]
    public async Task What_a_bypass_left_before_a_savepoint_does_not_come_back_when_the_tenant_rolls_back_to_it([Values] bool rowLevelSecurity, [Values] bool async, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        var transaction = await BeginAsync(connection, async);
        await BypassAsync(() => ExecuteAsync(connection, "SELECT set_config('application_name', 'bypass-was-here', false); CREATE TEMPORARY TABLE countries AS SELECT 'xx'::text AS code, 'three-secret'::text AS name", transaction, async));
        await SaveAsync(transaction, "before_tenant", async);

        Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { Germany, "France" }));
        await RollbackAsync(transaction, "before_tenant", async);

        Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { Germany, "France" }));
        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_setting('application_name')", transaction, async)), Is.Not.EqualTo("bypass-was-here"));
        await CommitAsync(transaction, async);

        Assert.That(await TenantAsync(() => CountriesAsync(connection, null, async)), Is.EqualTo(new[] { Germany, "France" }));
    }

    [Test]
    public async Task A_transaction_disposed_without_commit_does_not_bring_back_a_bypass_temporary_table([Values] bool rowLevelSecurity, [Values] bool async, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        await BypassAsync(() => ExecuteAsync(connection, "CREATE TEMPORARY TABLE countries AS SELECT 'xx'::text AS code, 'three-secret'::text AS name", null, async));

        var transaction = await BeginAsync(connection, async);
        Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { Germany, "France" }));
        if (async)
        {
            await transaction.DisposeAsync();
        }
        else
        {
            transaction.Dispose();
        }

        Assert.That(await TenantAsync(() => CountriesAsync(connection, null, async)), Is.EqualTo(new[] { Germany, "France" }));
    }

    [Test]
    public async Task Bypasses_and_tenant_statements_interleaved_in_a_rolled_back_transaction_leave_the_next_tenant_nothing([Values] bool rowLevelSecurity, [Values] bool async, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        await BypassAsync(() => ExecuteAsync(connection, $"CREATE TEMPORARY TABLE countries AS SELECT 'xx'::text AS code, 'three-secret'::text AS name; SET ROLE {ShadowRole}", null, async));

        var transaction = await BeginAsync(connection, async);
        Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { Germany, "France" }));
        await BypassAsync(() => ExecuteAsync(connection, "SELECT set_config('application_name', 'bypass-was-here', false)", transaction, async));
        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_setting('application_name') || ' ' || current_user", transaction, async)), Does.Not.Contain("bypass-was-here").And.EndsWith(" " + ApplicationRoleName));
        await BypassAsync(() => ExecuteAsync(connection, "CREATE TEMPORARY TABLE countries AS SELECT 'yy'::text AS code, 'two-secret'::text AS name", transaction, async));
        Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { Germany, "France" }));
        await RollbackAsync(transaction, async);

        Assert.That(await TenantAsync(() => CountriesAsync(connection, null, async)), Is.EqualTo(new[] { Germany, "France" }));
        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_user", null, async)), Is.EqualTo(ApplicationRoleName));
    }

    [Test]
    public async Task A_bypass_inside_a_rolled_back_transaction_leaves_the_next_tenant_nothing([Values] bool rowLevelSecurity, [Values] bool async, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        var transaction = await BeginAsync(connection, async);
        await BypassAsync(() => ExecuteAsync(connection, $"SELECT set_config('application_name', 'bypass-was-here', false); SET ROLE {ShadowRole}", transaction, async));
        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_user", transaction, async)), Is.EqualTo(ApplicationRoleName));
        await RollbackAsync(transaction, async);

        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_setting('application_name') || ' ' || current_user", null, async)), Does.Not.Contain("bypass-was-here").And.EndsWith(" " + ApplicationRoleName));
    }

    [Test]
    public async Task A_committed_transaction_that_reset_a_bypass_keeps_the_session_clean([Values] bool rowLevelSecurity, [Values] bool async, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        await BypassAsync(() => ExecuteAsync(connection, $"CREATE TEMPORARY TABLE countries AS SELECT 'xx'::text AS code, 'three-secret'::text AS name; SET ROLE {ShadowRole}", null, async));

        var transaction = await BeginAsync(connection, async);
        Assert.That(await TenantAsync(() => CountriesAsync(connection, transaction, async)), Is.EqualTo(new[] { Germany, "France" }));
        await CommitAsync(transaction, async);

        Assert.That(await TenantAsync(() => CountriesAsync(connection, null, async)), Is.EqualTo(new[] { Germany, "France" }));
        Assert.That(await TenantAsync(() => ScalarAsync<string>(connection, "SELECT current_user", null, async)), Is.EqualTo(ApplicationRoleName));
    }

    private static async Task BypassAsync(Func<Task> statement)
    {
        using (CurrentTenant.Bypass("rls test: a bypass changes the session"))
        {
            await statement();
        }
    }

    private static async Task<T> TenantAsync<T>(Func<Task<T>> statement)
    {
        using (CurrentTenant.Use(1L))
        {
            return await statement();
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, DbTransaction? transaction, bool async)
    {
        if (async)
        {
            await connection.ExecuteAsync(sql, transaction: transaction);
        }
        else
        {
            connection.Execute(sql, transaction: transaction);
        }
    }

    private static async Task<T> ScalarAsync<T>(DbConnection connection, string sql, DbTransaction? transaction, bool async) =>
        async ? (await connection.ExecuteScalarAsync<T>(sql, transaction: transaction))! : connection.ExecuteScalar<T>(sql, transaction: transaction)!;

    private static async Task<string[]> CountriesAsync(DbConnection connection, DbTransaction? transaction, bool async) =>
        async
            ? (await connection.QueryAsync<string>("SELECT name FROM countries ORDER BY code", transaction: transaction)).ToArray()
            : connection.Query<string>("SELECT name FROM countries ORDER BY code", transaction: transaction).ToArray();

    private static async Task<DbTransaction> BeginAsync(DbConnection connection, bool async) =>
        async ? await connection.BeginTransactionAsync() : connection.BeginTransaction();

    private static async Task SaveAsync(DbTransaction transaction, string name, bool async)
    {
        if (async)
        {
            await transaction.SaveAsync(name);
        }
        else
        {
            transaction.Save(name);
        }
    }

    private static async Task RollbackAsync(DbTransaction transaction, bool async)
    {
        if (async)
        {
            await transaction.RollbackAsync();
        }
        else
        {
            transaction.Rollback();
        }
    }

    private static async Task RollbackAsync(DbTransaction transaction, string savepoint, bool async)
    {
        if (async)
        {
            await transaction.RollbackAsync(savepoint);
        }
        else
        {
            transaction.Rollback(savepoint);
        }
    }

    private static async Task CommitAsync(DbTransaction transaction, bool async)
    {
        if (async)
        {
            await transaction.CommitAsync();
        }
        else
        {
            transaction.Commit();
        }
    }

    private TenantDataSource SourceOf(bool rowLevelSecurity, bool noResetOnClose) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ApplicationConnectionString) { NoResetOnClose = noResetOnClose }.ConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = rowLevelSecurity });
}
