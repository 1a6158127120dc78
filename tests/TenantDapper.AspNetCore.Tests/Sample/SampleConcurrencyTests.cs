using System.Net;

namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>Many users at once: the tenant of one request never leaks into another's.</summary>
[TestFixture]
public sealed class SampleConcurrencyTests
{
    private static readonly string[] Lists = ["/api/accounts", "/api/managers", "/api/projects", "/api/tasks"];

    [Test]
    public async Task A_thousand_concurrent_requests_from_ten_users_return_no_row_of_another_account()
    {
        await using var app = await SampleApp.StartAsync("sample_concurrency");
        var users = new List<(string Name, long Account)> { ("turkiye_user", 1), ("usa_user", 2) };
        for (var i = 3; i <= 10; i++)
        {
            users.Add(($"user_{i}", await app.AddUserWithAccountAsync($"user_{i}")));
        }

        var clients = new List<(HttpClient Client, long Account)>();
        foreach (var (name, account) in users)
        {
            clients.Add((await app.SignInAsync(name), account));
        }

        var projectIds = await PostgresSetUp.ScalarAsync<long[]>(app.ConnectionString, "SELECT array_agg(id ORDER BY id) FROM projects");
        var random = new Random(20261201);
        var requests = Enumerable.Range(0, 1000).Select(i =>
        {
            var (client, account) = clients[i % clients.Count];
            var path = random.Next(5) switch
            {
                4 => $"/api/projects/{projectIds[random.Next(projectIds.Length)]}",
                var list => Lists[list],
            };
            return SendAsync(client, account, path);
        }).ToList();

        var results = await Task.WhenAll(requests);

        try
        {
            Assert.That(results.Sum(r => r.ForeignRows), Is.Zero, "rows of another account in a response");
            Assert.That(results.Where(r => r.Status == HttpStatusCode.OK).Select(r => r.OwnRows), Is.All.Positive, "every answer holds rows of the caller's own account");
            Assert.That(
                results.Where(r => r.Status is not (HttpStatusCode.OK or HttpStatusCode.NotFound)),
                Is.Empty,
                string.Join("\n", app.Recorder.Entries.Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => e.Message).Distinct().Take(3)));
            Assert.That(results.Count(r => r.Status == HttpStatusCode.NotFound), Is.LessThan(results.Length / 4), "only other accounts' projects are not found");
        }
        finally
        {
            clients.ForEach(c => c.Client.Dispose());
        }
    }

    private static async Task<(HttpStatusCode Status, int OwnRows, int ForeignRows)> SendAsync(HttpClient client, long account, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, 0, 0);
        }

        var isList = Lists.Contains(path);
        var rows = isList ? await SampleApp.ReadAsync<Row[]>(response) : [await SampleApp.ReadAsync<Row>(response)];
        var own = rows.Count(r => r.Account(path) == account);
        return (response.StatusCode, own, rows.Length - own);
    }
}
