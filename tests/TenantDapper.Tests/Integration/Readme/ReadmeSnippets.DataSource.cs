#region README
using Dapper;
using Npgsql;
using TenantDapper;
#endregion
using ReadmeSnippets.DataSource;

namespace TenantDapper.Tests.Integration.Readme.DataSource;

/// <summary>README, "Scoping plain Dapper".</summary>
public sealed class DataSourceSnippets : ReadmeFixture
{
    [Test]
    public async Task Plain_dapper_text_through_the_data_source_reads_and_writes_only_the_tenants_rows()
    {
        var connectionString = ConnectionString;
        var model = Model;
        #region README
        var id = 7L;                                          // a project of tenant 42
        NewTask[] newTasks = [new(7, "review"), new(8, "launch")];
        var tenants = new TenantDataSource(NpgsqlDataSource.Create(connectionString), model);   // owns the Npgsql data source

        IEnumerable<TaskRow> rows;
        using (CurrentTenant.Use(42L))
        {
            await using var conn = await tenants.OpenConnectionAsync();
            rows = await conn.QueryAsync<TaskRow>(
                "select t.id, t.title from projects p join tasks t on t.project_id = p.id where p.id = @id", new { id });
            // sent: SELECT t.id, t.title FROM projects AS p INNER JOIN tasks AS t ON t.account_id = p.account_id
            //   AND t.project_id = p.id WHERE p.account_id = @tenant AND t.account_id = @tenant AND p.id = @id
            await conn.ExecuteAsync("insert into tasks (project_id, title) values (@projectId, @title)", newTasks);  // account_id added
        }
        #endregion
        await tenants.DisposeAsync();

        Assert.That(rows.Select(r => r.Title).Order(), Is.EqualTo(new[] { "build", "design" }), "project 7 of tenant 42 only, not tenant 43's 'plan'");
        Assert.That(await RowsAsync("SELECT account_id || ':' || title FROM tasks WHERE title IN ('review', 'launch') ORDER BY title"), Is.EqualTo(new[] { "42:launch", "42:review" }));
    }
}
