using System.Net;
using System.Text.RegularExpressions;

namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>
/// What a signed-in request sends: every statement, the tenant lookup included, filters by the tenant column, so
/// on Citus each one is a router query (one shard) instead of the lookup by user that read every shard on every request.
/// </summary>
[TestFixture]
public sealed partial class SampleRoutingTests
{
    private static readonly string[] Paths = ["/", "/api/accounts", "/api/accounts/1", "/api/managers", "/api/projects", "/api/projects/1", "/api/projects/1/managers", "/api/tasks", "/api/tasks/1"];

    private SampleApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _app = await SampleApp.StartAsync("sample_routing");

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task Every_statement_a_signed_in_request_sends_filters_by_the_tenant_column()
    {
        using var client = await _app.SignInAsync("turkiye_user");
        foreach (var path in Paths)
        {
            _app.Recorder.Clear();
            using var response = await client.GetAsync(path);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            var statements = _app.Recorder.Statements;
            Assert.That(statements, Is.Not.Empty, path);
            Assert.That(statements, Has.Some.Match("FROM \"accounts\" WHERE \"id\" = \\$1 AND \"user_id\" = \\$2"), $"{path}: the lookup checks the account of the cookie by its id");
            foreach (var statement in statements)
            {
                var tenantEquality = statement.Contains("\"account_id\"", StringComparison.Ordinal) ? TenantColumnEquality() : AccountIdEquality();
                Assert.That(tenantEquality.IsMatch(statement), Is.True, $"{path}: a statement without the tenant equality: {statement}");
            }
        }
    }

    [Test]
    public async Task A_user_who_no_longer_owns_the_account_has_no_tenant_from_the_next_request_on()
    {
        var account = await _app.AddUserWithAccountAsync("leaver");
        var successor = await _app.AddUserAsync("successor");
        using var client = await _app.SignInAsync("leaver");
        using (var before = await client.GetAsync("/api/projects"))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await PostgresSetUp.ExecuteAsync(_app.ConnectionString, $"UPDATE accounts SET user_id = {successor} WHERE id = {account}");
        using var after = await client.GetAsync("/api/projects");

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Signing_in_reads_the_users_account_once_and_requests_after_it_do_not_read_by_user()
    {
        _app.Recorder.Clear();
        using var client = await _app.SignInAsync("usa_user");
        var atSignIn = _app.Recorder.Statements;
        _app.Recorder.Clear();
        using var response = await client.GetAsync("/api/projects");

        Assert.That(atSignIn, Has.One.Match("FROM \"accounts\" WHERE \"user_id\" = \\$1"));
        Assert.That(_app.Recorder.Statements, Has.None.Match("WHERE \"user_id\" = \\$1"));
    }

    [Test]
    public async Task On_citus_every_statement_of_a_signed_in_request_runs_as_one_task()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("TENANTDAPPER_CITUS_CONNECTION")))
        {
            Assert.Ignore("Needs a Citus cluster: set TENANTDAPPER_CITUS_CONNECTION (and TENANTDAPPER_TEST_CONNECTION to the same coordinator).");
        }

        if (!await PostgresSetUp.ScalarAsync<bool>(_app.ConnectionString, "SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')"))
        {
            Assert.Ignore("TENANTDAPPER_CITUS_CONNECTION is set, but the sample runs on TENANTDAPPER_TEST_CONNECTION, which is no Citus coordinator: point it at the same coordinator.");
        }

        const long account = 1;
        using var client = await _app.SignInAsync("turkiye_user");
        var explained = 0;
        foreach (var path in Paths)
        {
            _app.Recorder.Clear();
            using var response = await client.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            foreach (var statement in _app.Recorder.Statements)
            {
                // The recorded text is the one sent; $1 is the tenant in every statement (the lookup's $1 is the account id),
                // and the others (ids, LIMIT) are bound to 1: Citus routes by the distribution column alone.
                var sql = statement[(statement.IndexOf("): ", StringComparison.Ordinal) + 3)..];
                await using var connection = new Npgsql.NpgsqlConnection(_app.ConnectionString);
                await connection.OpenAsync();
                await using var explain = new Npgsql.NpgsqlCommand("EXPLAIN " + sql, connection);
                var parameters = Parameter().Matches(sql).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
                for (var i = 1; i <= parameters; i++)
                {
                    explain.Parameters.Add(new Npgsql.NpgsqlParameter { Value = i == 1 ? account : 1L });
                }

                var plan = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        plan.Add(reader.GetString(0));
                    }
                }

                Assert.That(plan, Has.Some.Contains("Task Count: 1").And.None.Match("Task Count: ([02-9]|[1-9][0-9])"), $"{path}: {sql}\n{string.Join("\n", plan)}");
                explained++;
            }
        }

        TestContext.Out.WriteLine($"{explained} statements of {Paths.Length} requests explained, each 1 task.");
    }

    [GeneratedRegex("\\$([0-9]+)")]
    private static partial Regex Parameter();

    // The rewriter's tenant predicate, or the co-location equality of a joined tenant table, on the tenant column.
    [GeneratedRegex("\"account_id\" = (ANY\\()?\\$[0-9]+")]
    private static partial Regex TenantColumnEquality();

    // accounts is the tenant root: its tenant column is its id.
    [GeneratedRegex("\"id\" = \\$[0-9]+")]
    private static partial Regex AccountIdEquality();
}
