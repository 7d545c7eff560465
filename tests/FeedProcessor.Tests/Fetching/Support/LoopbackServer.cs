using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FeedProcessor.Tests.Fetching.Support;

/// <summary>A request as the loopback server received it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A deliberately minimal HTTP/1.1 server on 127.0.0.1 (port 0) whose handlers write raw responses,
/// so tests can misbehave the way real servers do: stall, lie, redirect in circles, send huge bodies.
/// Every response closes the connection.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<RecordedRequest, ResponseWriter, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _acceptLoop;
    private int _inFlight;
    private int _maxInFlight;

    public LoopbackServer(Func<RecordedRequest, ResponseWriter, Task> handler)
    {
        _handler = handler;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;
    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);
    public CancellationToken Stopping => _stop.Token;

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                if (request is null) return;
                _requests.Enqueue(request);
                var now = Interlocked.Increment(ref _inFlight);
                int seen;
                while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
                try { await _handler(request, new ResponseWriter(stream, _stop.Token)); }
                finally { Interlocked.Decrement(ref _inFlight); }
            }
            catch (Exception) { /* the client hung up: that is what several tests provoke */ }
        }
    }

    private static async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one) == 0) return null;
            buffer.Add(one[0]);
            var n = buffer.Count;
            if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n') break;
        }
        var lines = Encoding.Latin1.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new RecordedRequest(parts[0], parts[1], headers);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}

public sealed class ResponseWriter(Stream stream, CancellationToken stopping)
{
    public Stream Stream => stream;
    public CancellationToken Stopping => stopping;

    public Task SendAsync(int status, string body, params (string Name, string Value)[] headers) =>
        SendAsync(status, Encoding.UTF8.GetBytes(body), headers);

    public async Task SendAsync(int status, byte[] body, params (string Name, string Value)[] headers)
    {
        var all = headers.Append(("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture))).ToArray();
        await SendHeadAsync(status, all);
        await stream.WriteAsync(body, stopping);
    }

    /// <summary>Status line and headers only; the test writes (or withholds) the body itself.</summary>
    public async Task SendHeadAsync(int status, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {Reason(status)}\r\n");
        if (!headers.Any(h => h.Name.Equals("Date", StringComparison.OrdinalIgnoreCase)))
            head.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("R")).Append("\r\n");
        head.Append("Connection: close\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), stopping);
    }

    public Task RedirectAsync(int status, string location) => SendAsync(status, "", ("Location", location));

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
