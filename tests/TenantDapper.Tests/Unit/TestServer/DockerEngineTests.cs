using System.Net.Sockets;
using System.Text;
using TenantDapper.Testing;

namespace TenantDapper.Tests.Unit.TestServer;

public sealed class DockerEngineTests
{
    private string directory = string.Empty;

    [SetUp]
    public void CreateDirectory() => directory = Directory.CreateTempSubdirectory("tenantdapper-docker-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(directory, recursive: true);

    [Test]
    public async Task Missing_socket_is_no_engine()
    {
        Assert.That(await DockerEngine.AnswersAsync(SocketUri("absent.sock"), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Socket_nobody_listens_on_is_no_engine()
    {
        // Bound but not listening, like the socket file a stopped engine leaves behind: connecting is refused.
        var path = Path.Combine(directory, "stale.sock");
        using var bound = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        bound.Bind(new UnixDomainSocketEndPoint(path));

        Assert.That(await DockerEngine.AnswersAsync(new Uri("unix://" + path), CancellationToken.None), Is.False);
    }

    [Test]
    public async Task Socket_that_answers_http_is_an_engine()
    {
        var path = Path.Combine(directory, "docker.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var engine = AnswerOnceAsync(listener, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK");

        var answers = await DockerEngine.AnswersAsync(new Uri("unix://" + path), CancellationToken.None);

        Assert.That(answers, Is.True);
        Assert.That(await engine, Does.StartWith("GET /_ping HTTP/1.0"));
    }

    [Test]
    public async Task Socket_that_answers_something_else_is_no_engine()
    {
        var path = Path.Combine(directory, "other.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var other = AnswerOnceAsync(listener, "SSH-2.0-OpenSSH\r\n");

        Assert.That(await DockerEngine.AnswersAsync(new Uri("unix://" + path), CancellationToken.None), Is.False);
        await other;
    }

    private Uri SocketUri(string name) => new("unix://" + Path.Combine(directory, name));

    private static async Task<string> AnswerOnceAsync(Socket listener, string response)
    {
        using var connection = await listener.AcceptAsync();
        var buffer = new byte[256];
        var read = await connection.ReceiveAsync(buffer);
        await connection.SendAsync(Encoding.ASCII.GetBytes(response));
        connection.Shutdown(SocketShutdown.Both);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
