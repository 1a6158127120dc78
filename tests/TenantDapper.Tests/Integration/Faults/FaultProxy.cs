using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TenantDapper.Tests.Integration.Faults;

/// <summary>
/// A loopback TCP proxy between Npgsql and the test server that can inject network faults, as Citus's
/// mitmproxy-based failure tests do: forward bytes (optionally late), cut every open connection, or black-hole them
/// (bytes are read and dropped, nothing answers, nothing is closed).
/// </summary>
internal sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _server;
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private volatile bool _blackHole;
    private int _delayMilliseconds;

    private FaultProxy(IPEndPoint server)
    {
        _server = server;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's own port on 127.0.0.1.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private int _cuts;

    /// <summary>How many connections were cut by <see cref="CutAll"/> so far.</summary>
    public int Cuts => _cuts;

    /// <summary>Starts a proxy in front of the server a connection string names.</summary>
    public static FaultProxy InFrontOf(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var address = Dns.GetHostAddresses(builder.Host!).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        return new FaultProxy(new IPEndPoint(address, builder.Port));
    }

    /// <summary>The same connection string, through this proxy.</summary>
    public string Route(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    /// <summary>Each chunk of bytes, either way, waits this long before it is passed on (0: none).</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromMilliseconds(_delayMilliseconds);
        set => _delayMilliseconds = (int)value.TotalMilliseconds;
    }

    /// <summary>While set, bytes either way are read and dropped: the peer sees a network that stalls, not one that fails.</summary>
    public bool BlackHole
    {
        get => _blackHole;
        set => _blackHole = value;
    }

    /// <summary>Closes every open connection, both ends, at once (new connections are still accepted).</summary>
    public void CutAll()
    {
        foreach (var link in _links.Keys)
        {
            link.Close();
            Interlocked.Increment(ref _cuts);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        CutAll();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // The listener was stopped.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stopping.Token);
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            client.NoDelay = true;
            var link = new Link(client, server);
            _links.TryAdd(link, 0);
            _ = RunAsync(link);
        }
    }

    private async Task RunAsync(Link link)
    {
        try
        {
            if (_blackHole)
            {
                // A connection attempt into a black hole: accepted by the proxy, never answered.
                await PumpAsync(link.Client, server: null);
                return;
            }

            await link.Server.ConnectAsync(_server, _stopping.Token);
            await Task.WhenAny(PumpAsync(link.Client, link.Server), PumpAsync(link.Server, link.Client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // A cut, a peer that closed, or the proxy stopping: the link ends below.
        }
        finally
        {
            link.Close();
            _links.TryRemove(link, out _);
        }
    }

    private async Task PumpAsync(Socket from, Socket? server)
    {
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
            if (read == 0)
            {
                return;
            }

            if (_blackHole || server is null)
            {
                continue;
            }

            var delay = _delayMilliseconds;
            if (delay > 0)
            {
                await Task.Delay(delay, _stopping.Token);
            }

            await server.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
        }
    }

    /// <summary>One proxied connection: the socket Npgsql talks to and the one to the server.</summary>
    private sealed class Link(Socket client, Socket server)
    {
        private int _closed;

        public Socket Client { get; } = client;

        public Socket Server { get; } = server;

        public void Close()
        {
            if (Interlocked.Exchange(ref _closed, 1) == 0)
            {
                Client.Close();
                Server.Close();
            }
        }
    }
}
