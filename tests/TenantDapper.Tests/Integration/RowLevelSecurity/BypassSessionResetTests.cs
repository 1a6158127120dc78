using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// What a bypassed statement leaves in the session (a temporary table shadowing a registered one, a setting, an
/// advisory lock) never reaches the next tenant statement on the same open connection, with and without row-level
/// security, with the pool's reset or without it (<c>No Reset On Close</c>): the session is reset first.
/// </summary>
public class BypassSessionResetTests : RowLevelSecurityFixture
{
    [Test]
    public async Task A_temporary_table_of_a_bypass_does_not_shadow_the_reference_table_for_the_next_tenant([Values] bool rowLevelSecurity, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        using (CurrentTenant.Bypass("rls test: a bypass leaves a temporary table"))
        {
            await connection.ExecuteAsync("CREATE TEMPORARY TABLE countries AS SELECT 'xx'::text AS code, name FROM (SELECT 'three-secret'::text AS name) AS secret");
        }

        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.QueryAsync<string>("SELECT name FROM countries ORDER BY code"), Is.EqualTo(new[] { "Germany", "France" }));
        }
    }

    [Test]
    public async Task A_setting_and_an_advisory_lock_of_a_bypass_are_gone_for_the_next_tenant([Values] bool rowLevelSecurity, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        using (CurrentTenant.Bypass("rls test: a bypass leaves session state"))
        {
            await connection.ExecuteAsync("SELECT set_config('application_name', 'bypass-was-here', false), pg_advisory_lock(4242)");
        }

        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.ExecuteScalarAsync<string>("SELECT current_setting('application_name')"), Is.Not.EqualTo("bypass-was-here"));
        }

        await using var other = new NpgsqlConnection(ConnectionString);
        await other.OpenAsync();
        Assert.That(await other.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(4242) AND pg_advisory_unlock(4242)"), Is.True);
    }

    [Test]
    public async Task A_temporary_table_of_a_bypass_inside_a_transaction_is_gone_for_the_next_tenant([Values] bool rowLevelSecurity, [Values] bool noResetOnClose)
    {
        await using var source = SourceOf(rowLevelSecurity, noResetOnClose);
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        using (CurrentTenant.Bypass("rls test: a bypass inside a transaction"))
        {
            await connection.ExecuteAsync("CREATE TEMPORARY TABLE countries AS SELECT 'xx'::text AS code, 'three-secret'::text AS name", transaction: transaction);
        }

        using (CurrentTenant.Use(1L))
        {
            Assert.That(await connection.QueryAsync<string>("SELECT name FROM countries ORDER BY code", transaction: transaction), Is.EqualTo(new[] { "Germany", "France" }));
        }
    }

    private TenantDataSource SourceOf(bool rowLevelSecurity, bool noResetOnClose) =>
        new(NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(ApplicationConnectionString) { NoResetOnClose = noResetOnClose }.ConnectionString), Model, new TenantDataSourceOptions { RowLevelSecurity = rowLevelSecurity });
}
