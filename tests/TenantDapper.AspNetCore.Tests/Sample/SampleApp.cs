using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TenantDapper.Testing;

namespace TenantDapper.AspNetCore.Tests.Sample;

/// <summary>
/// The sample app hosted in memory on a database of its own (created empty; the app runs the schema and seed
/// itself, as it does for any connection string), with every statement recorded. On a Citus coordinator the app
/// gets a new schema of the coordinator's database instead (a new database would have neither the extension nor the
/// workers), first on its search path, and distributes its tables there as it does on any coordinator.
/// </summary>
public sealed class SampleApp : WebApplicationFactory<Program>
{
    /// <summary>The password of every seeded and test user.</summary>
    public const string Password = "password";

    /// <summary>The hash of <see cref="Password"/>, as in sql/sample-app/seed.sql.</summary>
    private const string PasswordHash = "AQAAAAIAAYagAAAAEF0cmg57P0KmjA0R4vSpt8O1GL0wAQiik6nOoNrC4+Ng2FVT/LThnsDSUO2JJUX5Pg==";

    private SampleApp(string connectionString) => ConnectionString = connectionString;

    /// <summary>The app's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The statements and log entries of the app.</summary>
    public StatementRecorder Recorder { get; } = new();

    /// <summary>Creates a database and starts the app on it.</summary>
    /// <param name="name">The start of the database's name.</param>
    /// <param name="onKestrel">Serve on a loopback port (for a browser) instead of in memory; see <see cref="BaseAddress"/>.</param>
    public static async Task<SampleApp> StartAsync(string name, bool onKestrel = false)
    {
        var server = PostgresSetUp.Server;
        string connectionString;
        if (await PostgresSetUp.ScalarAsync<bool>(server.ConnectionString, "SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')"))
        {
            // The names the fixtures pass are [a-z_] only, so quoting the schema's name is enough.
            var schema = $"{name}_{Guid.NewGuid():N}"[..Math.Min(name.Length + 33, 63)];
            await PostgresSetUp.ExecuteAsync(server.ConnectionString, $"CREATE SCHEMA \"{schema}\"");
            connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { SearchPath = schema }.ConnectionString;
        }
        else
        {
            connectionString = await server.CreateDatabaseAsync(name);
        }

        // A thousand concurrent requests queue for the pool's connections; on a loaded machine (or a Citus coordinator,
        // where each statement also waits for a worker) a request may wait longer than Npgsql's 15 s default.
        var app = new SampleApp(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 120, CommandTimeout = 120 }.ConnectionString);
        if (onKestrel)
        {
            app.UseKestrel(0);
        }

        app.StartServer();
        return app;
    }

    /// <summary>Where the app answers when started on Kestrel.</summary>
    public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>A client signed in as <paramref name="userName"/> (cookies kept, redirects not followed).</summary>
    public async Task<HttpClient> SignInAsync(string userName)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var form = new FormUrlEncodedContent([new("userName", userName), new("password", Password)]);
        using var response = await client.PostAsync("/signin", form);
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo("/"), $"{userName} could not sign in");
        return client;
    }

    /// <summary>A client that is not signed in.</summary>
    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Adds a user who owns a new account with one manager, project and task; returns the account id.</summary>
    public async Task<long> AddUserWithAccountAsync(string userName, string country = "DE")
    {
        var userId = await AddUserAsync(userName);
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH account AS (
                INSERT INTO accounts (user_id, name, domain, subdomain, country_code)
                VALUES (@user, @name, @name || '.example', @name, @country) RETURNING id),
            manager AS (INSERT INTO managers (account_id, name, email) SELECT id, 'Manager of ' || @name, @name || '@example.com' FROM account RETURNING account_id, id),
            project AS (INSERT INTO projects (account_id, name) SELECT id, 'Project of ' || @name FROM account RETURNING account_id, id),
            link AS (INSERT INTO project_managers (account_id, project_id, manager_id) SELECT p.account_id, p.id, m.id FROM project p, manager m),
            task AS (INSERT INTO tasks (account_id, project_id, name) SELECT account_id, id, 'Task of ' || @name FROM project)
            SELECT id FROM account
            """, connection);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("name", userName);
        command.Parameters.AddWithValue("country", country);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Adds a user who can sign in; returns its id.</summary>
    public Task<long> AddUserAsync(string userName, bool isAdmin = false) =>
        PostgresSetUp.ScalarAsync<long>(ConnectionString, "INSERT INTO users (user_name, password_hash, is_admin) VALUES (@name, @hash, @admin) RETURNING id",
            ("name", userName), ("hash", PasswordHash), ("admin", isAdmin));

    /// <summary>A text fingerprint of every row of the tenant tables, to prove that nothing changed.</summary>
    public Task<string> SnapshotAsync() => PostgresSetUp.ScalarAsync<string>(ConnectionString,
        """
        SELECT concat_ws(' | ',
            (SELECT string_agg(a::text, ',' ORDER BY a.id) FROM accounts a),
            (SELECT string_agg(m::text, ',' ORDER BY m.account_id, m.id) FROM managers m),
            (SELECT string_agg(p::text, ',' ORDER BY p.account_id, p.id) FROM projects p),
            (SELECT string_agg(l::text, ',' ORDER BY l.account_id, l.project_id, l.manager_id) FROM project_managers l),
            (SELECT string_agg(t::text, ',' ORDER BY t.account_id, t.id) FROM tasks t),
            (SELECT string_agg(c::text, ',' ORDER BY c.code) FROM countries c))
        """);

    /// <summary>The parsed JSON body of a response that must have the given status.</summary>
    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.That(response.StatusCode, Is.EqualTo(status), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Sample", ConnectionString);
        builder.UseSetting("Sample:OpenTaskReportMinutes", "0");
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Recorder));
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var schema = new NpgsqlConnectionStringBuilder(ConnectionString).SearchPath;
        if (schema is not null)
        {
            await SharedDatabaseSchemas.DropSchemaAsync(PostgresSetUp.Server.ConnectionString, schema);
            return;
        }

        await PostgresSetUp.Server.DropDatabaseAsync(ConnectionString);
    }
}
