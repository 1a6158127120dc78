using Dapper;
using Npgsql;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// With the rewriter out of the way (the application role's own driver connection, sending only the prelude a
/// row-level security data source sends), the server alone holds the line: a statement sees and changes only the rows
/// of the tenants it carries, and nothing when it carries none.
/// </summary>
public class ServerHoldsTheLineTests : RowLevelSecurityFixture
{
    [Test]
    public async Task Unscoped_text_carrying_one_tenant_reads_only_that_tenants_rows()
    {
        var names = await RewriterOffAsync(connection => connection.QueryAsync<string>(Carrying("{1}", "SELECT name FROM projects ORDER BY name")));

        Assert.That(names, Is.EqualTo(new[] { "one-a", "one-b" }));
    }

    [Test]
    public async Task Unscoped_text_carrying_no_tenant_reads_nothing()
    {
        var count = await RewriterOffAsync(connection => connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projects"));

        Assert.That(count, Is.Zero);
    }

    [Test]
    public async Task Unscoped_update_carrying_one_tenant_changes_only_that_tenants_rows()
    {
        var before = await AllProjectsAsync();
        await using var connection = new NpgsqlConnection(ApplicationConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var changed = await connection.ExecuteAsync("CALL tenantdapper.set_tenants('{2}'); UPDATE projects SET name = name", transaction: transaction);
        await transaction.RollbackAsync();

        Assert.That(changed, Is.EqualTo(1));
        Assert.That(await AllProjectsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Unscoped_insert_of_another_tenants_row_is_refused_by_the_policy()
    {
        var before = await AllProjectsAsync();

        var refused = Assert.ThrowsAsync<PostgresException>(() => RewriterOffAsync(connection =>
            connection.ExecuteAsync(Carrying("{1}", "INSERT INTO projects (account_id, id, name) VALUES (2, 9, 'foreign')"))));

        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege));
        Assert.That(await AllProjectsAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task An_app_defined_operator_reading_projects_counts_only_the_tenants_rows()
    {
        var count = await RewriterOffAsync(connection => connection.ExecuteScalarAsync<long>(Carrying("{1}", "SELECT 1 ### 2")));

        Assert.That(count, Is.EqualTo(2));
    }

    [Test]
    public async Task An_app_defined_function_updating_projects_changes_only_the_tenants_rows()
    {
        var before = await AllProjectsAsync();
        await using var connection = new NpgsqlConnection(ApplicationConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var renamed = await connection.ExecuteScalarAsync<long>("CALL tenantdapper.set_tenants('{2}'); SELECT rename_projects()", transaction: transaction);
        var seenByTheBypass = await SuperuserNamesAsync();
        await transaction.CommitAsync();

        Assert.That(renamed, Is.EqualTo(1));
        Assert.That(seenByTheBypass, Is.EqualTo(before.Select(p => p.Name)));
        Assert.That((await AllProjectsAsync()).Where(p => p.Account != 2), Is.EqualTo(before.Where(p => p.Account != 2)));
        await ExecuteAsync("UPDATE projects SET name = rtrim(name, '!')");
    }

    [Test]
    public async Task Reference_rows_are_read_by_every_tenant_and_written_by_none()
    {
        var names = await RewriterOffAsync(connection => connection.QueryAsync<string>(Carrying("{1}", "SELECT name FROM countries ORDER BY code")));
        var refused = Assert.ThrowsAsync<PostgresException>(() => RewriterOffAsync(connection =>
            connection.ExecuteAsync(Carrying("{1}", "UPDATE countries SET name = 'x'"))));

        Assert.That(names, Is.EqualTo(new[] { "Germany", "France" }));
        Assert.That(refused, Is.Not.Null);
    }

    [Test]
    public async Task The_verification_script_passes_after_enable_and_names_the_table_after_remove()
    {
        await using var connection = await OpenConnectionAsync();
        await TenantDapper.Citus.RowLevelSecurityScripts.VerifyAsync(connection, Model);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var drop = new NpgsqlCommand("ALTER TABLE projects NO FORCE ROW LEVEL SECURITY", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync();
        }

        var incomplete = Assert.ThrowsAsync<PostgresException>(() => TenantDapper.Citus.RowLevelSecurityScripts.VerifyAsync(connection, Model));
        await transaction.RollbackAsync();

        Assert.That(incomplete!.MessageText, Does.Contain("projects"));
    }

    private async Task<T> RewriterOffAsync<T>(Func<NpgsqlConnection, Task<T>> run)
    {
        await using var connection = new NpgsqlConnection(ApplicationConnectionString);
        await connection.OpenAsync();
        return await run(connection);
    }

    private async Task<List<string>> SuperuserNamesAsync()
    {
        await using var connection = await OpenConnectionAsync();
        return [.. await connection.QueryAsync<string>("SELECT name FROM projects ORDER BY account_id, id")];
    }
}
