using TenantDapper.Testing;

namespace TenantDapper.Tests.Unit.TestServer;

public sealed class NothingAvailableTests
{
    private static readonly ServerDiscovery NothingAvailable = new()
    {
        ReadConnectionString = () => null,
        DockerEngineAnswersAsync = _ => Task.FromResult(false),
        FindBinaries = () => null,
    };

    [Test]
    public void Start_without_any_source_throws_the_specific_exception()
    {
        Assert.That(() => PostgresTestServer.StartAsync(NothingAvailable, CancellationToken.None), Throws.TypeOf<PostgresTestServerUnavailableException>());
    }

    [TestCase("set TENANTDAPPER_TEST_CONNECTION")]
    [TestCase("start a Docker engine")]
    [TestCase("apt-get install postgresql")]
    public void Message_names_each_way_to_provide_a_server(string fix)
    {
        var exception = Assert.ThrowsAsync<PostgresTestServerUnavailableException>(() => PostgresTestServer.StartAsync(NothingAvailable, CancellationToken.None));

        Assert.That(exception.Message, Does.Contain(fix));
    }

    [Test]
    public void Blank_connection_string_variable_counts_as_unset()
    {
        var dockerAsked = false;
        var discovery = new ServerDiscovery
        {
            ReadConnectionString = () => "  ",
            DockerEngineAnswersAsync = _ =>
            {
                dockerAsked = true;
                return Task.FromResult(false);
            },
            FindBinaries = () => null,
        };

        Assert.That(() => PostgresTestServer.StartAsync(discovery, CancellationToken.None), Throws.TypeOf<PostgresTestServerUnavailableException>());
        Assert.That(dockerAsked, Is.True);
    }

    [Test]
    public void Binaries_are_looked_for_only_after_docker_stays_silent()
    {
        var order = new List<string>();
        var discovery = new ServerDiscovery
        {
            ReadConnectionString = () =>
            {
                order.Add("connection string");
                return null;
            },
            DockerEngineAnswersAsync = _ =>
            {
                order.Add("docker");
                return Task.FromResult(false);
            },
            FindBinaries = () =>
            {
                order.Add("binaries");
                return null;
            },
        };

        Assert.That(() => PostgresTestServer.StartAsync(discovery, CancellationToken.None), Throws.TypeOf<PostgresTestServerUnavailableException>());
        Assert.That(order, Is.EqualTo(new[] { "connection string", "docker", "binaries" }));
    }
}
