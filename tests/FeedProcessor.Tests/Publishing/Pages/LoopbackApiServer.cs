using System.Net;
using System.Net.Sockets;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Publishing.Opml;
using FeedProcessor.Core.Publishing.Pages;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Pages;

/// <summary>Serves the publishing routes over real HTTP on 127.0.0.1, turning requests into ApiRequest as the hosts do.</summary>
internal sealed class LoopbackApiServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly FeedEndpoint _feed = new();
    private readonly TestArchive _index = SampleIndex();
    private readonly Task _loop;

    public LoopbackApiServer()
    {
        // HttpListener cannot bind port 0; borrow a free port from the OS first.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/api";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }

            try
            {
                var response = Handle(ToApiRequest(context.Request));
                context.Response.StatusCode = response.Status;
                if (response.ContentType is not null) context.Response.ContentType = response.ContentType;
                foreach (var (name, value) in response.Headers) context.Response.Headers[name] = value;
                context.Response.ContentLength64 = response.Body.Length;
                await context.Response.OutputStream.WriteAsync(response.Body);
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
                // The browser went away mid-response; nothing to report.
            }
        }
    }

    private ApiResponse Handle(ApiRequest request) => request.Route switch
    {
        FeedEndpoint.Route => _feed.HandleAsync(request, _index.Publish(), Sources()).GetAwaiter().GetResult(),
        OpmlEndpoint.Route => OpmlEndpoint.Handle(request, Sources(), Epoch),
        HomePage.Route => HomePage.Handle(request, HomePageTests.Statuses(), Epoch),
        _ => ApiResponse.Text(404, "text/plain; charset=utf-8", "not found"),
    };

    private static ApiRequest ToApiRequest(HttpListenerRequest request)
    {
        var path = request.Url!.AbsolutePath;
        var route = path.StartsWith("/api/", StringComparison.Ordinal) ? path["/api/".Length..] : path.TrimStart('/');
        return new ApiRequest
        {
            Route = route,
            Query = ParseQuery(request.Url.Query),
            Headers = request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase),
            Scheme = request.Url.Scheme,
            Host = request.Url.Authority,
        };
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
