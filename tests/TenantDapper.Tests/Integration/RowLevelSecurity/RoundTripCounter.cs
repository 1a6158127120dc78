using System.Net;
using System.Net.Sockets;

namespace TenantDapper.Tests.Integration.RowLevelSecurity;

/// <summary>
/// A loopback proxy in front of the test server that counts round trips: every ReadyForQuery message the server sends
/// ends one (one Sync, one simple query, or one COPY), so a statement that needs a second exchange shows up as 2.
/// Clients connect to <see cref="ConnectionString"/> without TLS, so the stream can be read.
/// </summary>
internal sealed class RoundTripCounter : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _readyForQuery;

    public RoundTripCounter(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        _server = new IPEndPoint(IPAddress.Loopback, builder.Port);
        _listener.Start();
        builder.Host = "127.0.0.1";
        builder.Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        builder.SslMode = Npgsql.SslMode.Disable;
        builder.GssEncryptionMode = Npgsql.GssEncryptionMode.Disable;
        builder.Pooling = false;
        ConnectionString = builder.ConnectionString;
        _accepting = AcceptAsync();
    }

    /// <summary>The connection string through the proxy (no pooling, so every connection is counted from its start).</summary>
    public string ConnectionString { get; }

    /// <summary>The ReadyForQuery messages seen so far on every connection.</summary>
    public int ReadyForQuery => Volatile.Read(ref _readyForQuery);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(_server, _stop.Token);
            var up = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
            var down = CountAsync(server.GetStream(), client.GetStream());
            await Task.WhenAny(up, down);
        }
    }

    /// <summary>Relays the server's messages (type byte, then a length that counts itself) and counts the 'Z's.</summary>
    private async Task CountAsync(NetworkStream from, NetworkStream to)
    {
        var header = new byte[5];
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                await from.ReadExactlyAsync(header, _stop.Token);
                if (header[0] == (byte)'Z')
                {
                    Interlocked.Increment(ref _readyForQuery);
                }

                await to.WriteAsync(header, _stop.Token);
                var remaining = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1)) - 4;
                while (remaining > 0)
                {
                    var read = await from.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, remaining)), _stop.Token);
                    if (read == 0)
                    {
                        return;
                    }

                    await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                    remaining -= read;
                }
            }
        }
        catch (Exception error) when (error is EndOfStreamException or IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }
}
