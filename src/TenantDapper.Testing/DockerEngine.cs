using System.IO.Pipes;
using System.Net.Sockets;
using System.Text;

namespace TenantDapper.Testing;

/// <summary>
/// Asks a Docker engine for <c>/_ping</c> over its socket before Testcontainers is touched: with no engine the
/// answer comes in milliseconds, instead of Testcontainers' own discovery and retries.
/// </summary>
internal static class DockerEngine
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The endpoints probed: <c>DOCKER_HOST</c> when set, else the usual socket locations.</summary>
    public static IReadOnlyList<Uri> CandidateEndpoints()
    {
        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(dockerHost) && Uri.TryCreate(dockerHost, UriKind.Absolute, out var configured))
        {
            return [configured];
        }

        if (OperatingSystem.IsWindows())
        {
            return [new Uri("npipe://./pipe/docker_engine")];
        }

        var sockets = new List<string> { "/var/run/docker.sock" };
        var runtimeDirectory = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (!string.IsNullOrEmpty(runtimeDirectory))
        {
            sockets.Add(Path.Combine(runtimeDirectory, "docker.sock"));
        }

        sockets.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker", "run", "docker.sock"));
        return sockets.Select(socket => new Uri("unix://" + socket)).ToList();
    }

    public static async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in CandidateEndpoints())
        {
            if (await AnswersAsync(endpoint, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when something at <paramref name="endpoint"/> answers an HTTP request, as a Docker engine does.</summary>
    public static async Task<bool> AnswersAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PingTimeout);
        try
        {
            await using var stream = await ConnectAsync(endpoint, timeout.Token).ConfigureAwait(false);
            if (stream is null)
            {
                return false;
            }

            await stream.WriteAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), timeout.Token).ConfigureAwait(false);
            var buffer = new byte[5];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, timeout.Token).ConfigureAwait(false);
            return Encoding.ASCII.GetString(buffer, 0, read) == "HTTP/";
        }
        catch (Exception e) when (e is IOException or SocketException or UnauthorizedAccessException or TimeoutException
                                      || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private static async Task<Stream?> ConnectAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        switch (endpoint.Scheme)
        {
            case "unix":
                // A socket file that is not there means no engine, and costs no connection attempt.
                if (!File.Exists(endpoint.LocalPath))
                {
                    return null;
                }

                var unixSocket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                await ConnectOrDisposeAsync(unixSocket, new UnixDomainSocketEndPoint(endpoint.LocalPath), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(unixSocket, ownsSocket: true);
            case "tcp" or "http" or "https":
                var tcpSocket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await ConnectOrDisposeAsync(tcpSocket, new System.Net.DnsEndPoint(endpoint.Host, endpoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(tcpSocket, ownsSocket: true);
            case "npipe":
                var pipe = new NamedPipeClientStream(endpoint.Host, endpoint.AbsolutePath.Replace("/pipe/", string.Empty, StringComparison.Ordinal).TrimStart('/'),
                    PipeDirection.InOut, PipeOptions.Asynchronous);
                await pipe.ConnectAsync(cancellationToken).ConfigureAwait(false);
                return pipe;
            default:
                return null;
        }
    }

    private static async Task ConnectOrDisposeAsync(Socket socket, System.Net.EndPoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
