using System.Net;
using System.Net.Http.Json;

namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>The seeded users turkiye_user (account 1) and usa_user (account 2) against every endpoint of the sample app.</summary>
[TestFixture]
public sealed class SampleIsolationTests
{
    private const long Turkiye = 1;
    private const long Usa = 2;

    private static readonly (string Path, string Table, string TenantColumn)[] Resources =
    [
        ("/api/accounts", "accounts", "id"),
        ("/api/managers", "managers", "account_id"),
        ("/api/projects", "projects", "account_id"),
        ("/api/tasks", "tasks", "account_id"),
    ];

    private SampleApp _app = null!;
    private HttpClient _turkiye = null!;
    private HttpClient _usa = null!;

    private static IEnumerable<TestCaseData> Paths => Resources.Select(r => new TestCaseData(r.Path, r.Table, r.TenantColumn).SetArgDisplayNames(r.Path));

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await SampleApp.StartAsync("sample_isolation");
        _turkiye = await _app.SignInAsync("turkiye_user");
        _usa = await _app.SignInAsync("usa_user");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _turkiye.Dispose();
        _usa.Dispose();
        await _app.DisposeAsync();
    }

    [TestCaseSource(nameof(Paths))]
    public async Task Each_user_lists_exactly_the_rows_of_their_own_account(string path, string table, string tenantColumn)
    {
        foreach (var (client, account) in new[] { (_turkiye, Turkiye), (_usa, Usa) })
        {
            var rows = await SampleApp.ReadAsync<Row[]>(await client.GetAsync(path));
            var ids = await IdsInDatabaseAsync(table, tenantColumn, account);
            Assert.That(rows.Select(r => r.Account(path)), Is.All.EqualTo(account), $"{path} for account {account}");
            Assert.That(rows.Select(r => r.Id), Is.EquivalentTo(ids).And.Not.Empty, $"{path} for account {account}");
        }
    }

    [TestCaseSource(nameof(Paths))]
    public async Task Another_accounts_id_in_the_url_is_not_found_for_get_update_and_delete(string path, string table, string tenantColumn)
    {
        var before = await _app.SnapshotAsync();
        foreach (var id in await IdsInDatabaseAsync(table, tenantColumn, Turkiye))
        {
            using var get = await _usa.GetAsync($"{path}/{id}");
            using var put = await _usa.PutAsJsonAsync($"{path}/{id}", UpdateBody(path, Usa));
            using var delete = await _usa.DeleteAsync($"{path}/{id}");
            Assert.That(new[] { get.StatusCode, put.StatusCode }, Is.All.EqualTo(HttpStatusCode.NotFound), $"{path}/{id}");
            // Deleting an account is an admin endpoint: a user is refused whatever the id.
            Assert.That(delete.StatusCode, Is.EqualTo(path == "/api/accounts" ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound), $"DELETE {path}/{id}");
        }

        Assert.That(await _app.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_projects_managers_are_listed_for_its_account_only()
    {
        foreach (var (client, account, projects, foreign) in new[] { (_usa, Usa, new[] { 3L, 4L }, 1L), (_turkiye, Turkiye, new[] { 1L, 2L }, 3L) })
        {
            foreach (var project in projects)
            {
                var managers = await SampleApp.ReadAsync<Row[]>(await client.GetAsync($"/api/projects/{project}/managers"));
                var linked = await PostgresSetUp.ScalarAsync<long[]>(_app.ConnectionString,
                    "SELECT coalesce(array_agg(manager_id ORDER BY manager_id), '{}') FROM project_managers WHERE account_id = @a AND project_id = @p", ("a", account), ("p", project));
                Assert.That(managers.Select(m => m.AccountId), Is.All.EqualTo(account));
                Assert.That(managers.Select(m => m.Id), Is.EqualTo(linked).And.Not.Empty);
            }

            using var other = await client.GetAsync($"/api/projects/{foreign}/managers");
            Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }
    }

    [Test]
    public async Task Creating_a_project_assigns_the_callers_account()
    {
        var created = await SampleApp.ReadAsync<Row>(await _usa.PostAsJsonAsync("/api/projects", new { name = "Yellowstone Bookings" }), HttpStatusCode.Created);

        var stored = await PostgresSetUp.ScalarAsync<long>(_app.ConnectionString, "SELECT account_id FROM projects WHERE id = @id", ("id", created.Id));
        Assert.That((created.AccountId, stored), Is.EqualTo((Usa, Usa)));
    }

    [Test]
    public async Task Plain_dapper_sql_through_the_scoping_data_source_counts_only_the_own_accounts_open_tasks()
    {
        foreach (var (client, account) in new[] { (_turkiye, Turkiye), (_usa, Usa) })
        {
            var rows = await SampleApp.ReadAsync<OpenTasksRow[]>(await client.GetAsync("/api/projects/open-tasks"));
            var expected = await PostgresSetUp.ScalarAsync<string>(_app.ConnectionString,
                "SELECT string_agg(p.id || ':' || (SELECT count(*) FROM tasks t WHERE t.account_id = p.account_id AND t.project_id = p.id AND t.status = 'opened'), ',' ORDER BY p.id) FROM projects p WHERE p.account_id = @a",
                ("a", account));
            Assert.That(rows.Select(r => r.AccountId), Is.All.EqualTo(account), $"account {account}");
            Assert.That(string.Join(",", rows.Select(r => $"{r.Id}:{r.OpenTasks}")), Is.EqualTo(expected), $"account {account}");
        }
    }

    [Test]
    public async Task Creating_a_row_that_names_another_account_is_refused_and_writes_nothing()
    {
        var before = await _app.SnapshotAsync();

        using var response = await _usa.PostAsJsonAsync("/api/projects", new { accountId = Turkiye, name = "Planted project" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await _app.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task An_update_that_names_another_account_does_not_move_the_row()
    {
        var project = await SampleApp.ReadAsync<Row>(await _usa.PostAsJsonAsync("/api/projects", new { name = "Stays home" }), HttpStatusCode.Created);

        using var response = await _usa.PutAsJsonAsync($"/api/projects/{project.Id}", new { accountId = Turkiye, name = "Moved away" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var stored = await PostgresSetUp.ScalarAsync<string>(_app.ConnectionString, "SELECT string_agg(account_id || ':' || name, ',') FROM projects WHERE id = @id", ("id", project.Id));
        Assert.That(stored, Is.EqualTo($"{Usa}:Stays home"));
    }

    [Test]
    public async Task An_update_of_the_own_row_keeps_its_account()
    {
        var task = await SampleApp.ReadAsync<Row>(await _turkiye.PostAsJsonAsync("/api/tasks", new { projectId = 1, parentId = 1, name = "Alt görev" }), HttpStatusCode.Created);

        var updated = await SampleApp.ReadAsync<Row>(await _turkiye.PutAsJsonAsync($"/api/tasks/{task.Id}", new { projectId = 1, parentId = 1, name = "Alt görev", status = "closed" }));

        var stored = await PostgresSetUp.ScalarAsync<string>(_app.ConnectionString, "SELECT account_id || ':' || status FROM tasks WHERE id = @id", ("id", task.Id));
        Assert.That((updated.AccountId, stored), Is.EqualTo((Turkiye, $"{Turkiye}:closed")));
    }

    [Test]
    public async Task A_task_cannot_point_at_another_accounts_project_or_parent()
    {
        var before = await _app.SnapshotAsync();

        using var foreignProject = await _usa.PostAsJsonAsync("/api/tasks", new { projectId = 1, name = "Into Türkiye's project" });
        using var foreignParent = await _usa.PostAsJsonAsync("/api/tasks", new { projectId = 3, parentId = 1, name = "Under Türkiye's task" });

        Assert.That(new[] { foreignProject.StatusCode, foreignParent.StatusCode }, Is.All.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await _app.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Linking_another_accounts_manager_or_project_is_not_found_and_writes_nothing()
    {
        var before = await _app.SnapshotAsync();

        using var foreignManager = await _usa.PutAsync("/api/projects/3/managers/1", null);
        using var foreignProject = await _usa.PutAsync("/api/projects/1/managers/3", null);
        using var unlinkForeign = await _usa.DeleteAsync("/api/projects/1/managers/1");

        Assert.That(new[] { foreignManager.StatusCode, foreignProject.StatusCode, unlinkForeign.StatusCode }, Is.All.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await _app.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_manager_linked_to_a_project_is_listed_among_its_managers()
    {
        using var link = await _usa.PutAsync("/api/projects/3/managers/4", null);

        var managers = await SampleApp.ReadAsync<Row[]>(await _usa.GetAsync("/api/projects/3/managers"));
        Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(managers.Select(m => m.Id), Does.Contain(4L));
    }

    [Test]
    public async Task A_user_cannot_change_the_shared_country_list()
    {
        var before = await _app.SnapshotAsync();

        using var create = await _usa.PostAsJsonAsync("/api/countries", new { code = "XX", name = "Nowhere" });
        using var rename = await _usa.PutAsJsonAsync("/api/countries/TR", new { name = "Renamed" });
        using var delete = await _usa.DeleteAsync("/api/countries/JP");

        Assert.That(new[] { create.StatusCode, rename.StatusCode, delete.StatusCode }, Is.All.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await _app.SnapshotAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task The_projects_page_shows_only_the_signed_in_users_projects_and_tasks()
    {
        var turkiye = await _turkiye.GetStringAsync("/");
        var usa = await _usa.GetStringAsync("/");

        Assert.That(turkiye, Does.Contain("Kapadokya Rezervasyon").And.Contain("Rezervasyon formu").And.Not.Contain("Route 66").And.Not.Contain("Import timesheets"));
        Assert.That(usa, Does.Contain("Route 66 Tracker").And.Contain("Import timesheets").And.Not.Contain("Kapadokya").And.Not.Contain("Rezervasyon formu"));
    }

    private static object UpdateBody(string path, long account) => path == "/api/accounts"
        ? new { name = "Taken over", domain = "evil.example", subdomain = "evil", countryCode = "US" }
        : path == "/api/tasks" ? new { accountId = account, projectId = 3, name = "Taken over", status = "opened" }
        : new { accountId = account, name = "Taken over", email = "evil@example.com", description = "" };

    private async Task<long[]> IdsInDatabaseAsync(string table, string tenantColumn, long account) =>
        await PostgresSetUp.ScalarAsync<long[]>(_app.ConnectionString, $"SELECT coalesce(array_agg(id ORDER BY id), '{{}}') FROM {table} WHERE {tenantColumn} = @a", ("a", account));
}

/// <summary>A row of <c>/api/projects/open-tasks</c>.</summary>
internal sealed record OpenTasksRow(long Id, long AccountId, string Name, long OpenTasks);
