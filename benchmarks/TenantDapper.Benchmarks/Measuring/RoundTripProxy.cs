using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Npgsql;

namespace TenantDapper.Benchmarks.Measuring;

/// <summary>
/// A loopback TCP relay in front of the benchmark server that counts what crosses it, so round trips are measured
/// rather than assumed. It counts two things on every connection: <em>turns</em>, each time the client sends after the
/// server has answered (a round trip the client waits for, however many messages it pipelines into it), and the
/// server's ReadyForQuery messages (one per Sync, simple query or COPY). Clients connect to
/// <see cref="ConnectionString"/> without TLS, so the server's messages can be read.
/// </summary>
internal sealed class RoundTripProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private long _turns;
    private long _readyForQuery;

    /// <summary>Starts relaying to the server of <paramref name="connectionString"/>.</summary>
    public RoundTripProxy(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        _server = new DnsEndPoint(builder.Host ?? "127.0.0.1", builder.Port);
        _listener.Start();
        builder.Host = "127.0.0.1";
        builder.Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        builder.SslMode = SslMode.Disable;
        builder.GssEncryptionMode = GssEncryptionMode.Disable;
        ConnectionString = builder.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The same connection string, through the relay.</summary>
    public string ConnectionString { get; }

    /// <summary>The counts so far, over every connection.</summary>
    public RoundTripCount Count => new(Interlocked.Read(ref _turns), Interlocked.Read(ref _readyForQuery));

    /// <summary>Stops accepting and relaying.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient { NoDelay = true })
        {
            client.NoDelay = true;
            try
            {
                await server.ConnectAsync(_server.Host, _server.Port, _stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return;
            }

            // Set by the server's side whenever it has sent something; the client's next send is then a new turn.
            var answered = new StrongBox<bool>(true);
            var up = ClientToServerAsync(client.GetStream(), server.GetStream(), answered);
            var down = ServerToClientAsync(server.GetStream(), client.GetStream(), answered);
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
    }

    private async Task ClientToServerAsync(NetworkStream from, NetworkStream to, StrongBox<bool> answered)
    {
        var buffer = new byte[16384];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token).ConfigureAwait(false)) > 0)
            {
                if (Volatile.Read(ref answered.Value))
                {
                    Volatile.Write(ref answered.Value, false);
                    Interlocked.Increment(ref _turns);
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    // The server's messages are a type byte and a length that counts itself; only their types are looked at.
    private async Task ServerToClientAsync(NetworkStream from, NetworkStream to, StrongBox<bool> answered)
    {
        var header = new byte[5];
        var body = new byte[16384];
        try
        {
            await from.ReadExactlyAsync(header.AsMemory(0, 1), _stop.Token).ConfigureAwait(false);
            while (true)
            {
                await from.ReadExactlyAsync(header.AsMemory(1, 4), _stop.Token).ConfigureAwait(false);
                if (header[0] == (byte)'Z')
                {
                    Interlocked.Increment(ref _readyForQuery);
                }

                // Marked before the client can see the message, so its reply always counts as a new turn.
                Volatile.Write(ref answered.Value, true);
                var remaining = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4;
                await to.WriteAsync(header, _stop.Token).ConfigureAwait(false);
                while (remaining > 0)
                {
                    var read = await from.ReadAsync(body.AsMemory(0, Math.Min(body.Length, remaining)), _stop.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return;
                    }

                    await to.WriteAsync(body.AsMemory(0, read), _stop.Token).ConfigureAwait(false);
                    remaining -= read;
                }

                await from.ReadExactlyAsync(header.AsMemory(0, 1), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
