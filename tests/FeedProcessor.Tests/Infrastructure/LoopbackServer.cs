using System.Collections.Concurrent;
using System.Net;

namespace FeedProcessor.Tests.Infrastructure;

/// <summary>
/// A real HTTP server on 127.0.0.1 for tests: serves canned responses per path and records every request,
/// so a test asserts both what was asked and what was stored.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<HttpListenerRequest, Response>> _routes = new();
    private readonly Task _loop;

    public sealed record Response(int Status, byte[] Body, string ContentType = "application/rss+xml; charset=utf-8", IReadOnlyDictionary<string, string>? Headers = null);

    public sealed record RecordedRequest(string Path, IReadOnlyDictionary<string, string> Headers, DateTimeOffset At);

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public LoopbackServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            Port = Azurite.FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try { _listener.Start(); break; }
            catch (HttpListenerException) when (attempt < 5) { }
        }
        _loop = Task.Run(LoopAsync);
    }

    public void Map(string path, Func<HttpListenerRequest, Response> handler) => _routes[path] = handler;

    public void MapFile(string path, string file, string contentType = "application/rss+xml; charset=utf-8") =>
        Map(path, _ => new Response(200, File.ReadAllBytes(file), contentType));

    public void MapBytes(string path, byte[] body, string contentType = "application/rss+xml; charset=utf-8") =>
        Map(path, _ => new Response(200, body, contentType));

    public int CountRequests(string path) => Requests.Count(r => r.Path == path);

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(context));
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var request = context.Request;
        var path = request.Url!.AbsolutePath;
        Requests.Enqueue(new RecordedRequest(path,
            request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase),
            DateTimeOffset.UtcNow));
        var response = _routes.TryGetValue(path, out var handler) ? handler(request) : new Response(404, "not found"u8.ToArray(), "text/plain");
        try
        {
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
            context.Response.ContentLength64 = response.Body.Length;
            context.Response.OutputStream.Write(response.Body);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away; nothing to answer.
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // Managed HttpListener on Linux looks its port up again when it closes, and throws "address already in use"
            // when another test has bound that port since. Its accept loop may then never hear of the stop: don't wait
            // for it forever.
            await Task.WhenAny(_loop, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
            return;
        }
        await _loop.ConfigureAwait(false);
    }
}
