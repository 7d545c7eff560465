using System.Net;
using System.Text.Json;
using CodeHollow.FeedReader;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Cli;

/// <summary>`feedproc run` as a user runs it: a real process, real HTTP, Ctrl+C, and a restart on the same store.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("feedproc-run-").FullName;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "Processing", "testdata", name);

    [Fact]
    public async Task Run_serves_the_merged_feed_stops_on_ctrl_c_and_restarts_without_doubling()
    {
        await using var server = new LoopbackServer();
        server.MapFile("/a.xml", TestData("ministry-a.xml"));
        server.MapFile("/b.atom", TestData("agency-b.atom"), "application/atom+xml");
        var sourcesFile = Path.Combine(_work, "sources.json");
        await File.WriteAllTextAsync(sourcesFile, $$"""
            {"sources": [
              {"id": "ministry-a", "title": "Ministry A", "url": "{{server.BaseUrl}}/a.xml", "timeZone": "Asia/Almaty"},
              {"id": "agency-b", "title": "Agency B", "url": "{{server.BaseUrl}}/b.atom"}
            ]}
            """);
        var port = Azurite.FreePort();
        string[] args = ["run", "--sources", sourcesFile, "--store", Path.Combine(_work, "store"), "--port", port.ToString(), "--interval", "00:00:01", "--allow-private-network", "--retention", "36500"];

        using (var run = Feedproc.Start(_work, args))
        {
            var feed = await WaitForFeedAsync(port, items: 4, run);
            Assert.Equal(4, feed.Items.Count);
            Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync($"http://127.0.0.1:{port}/api/health")).StatusCode);
            using var head = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"http://127.0.0.1:{port}/api/feed"));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.True(head.Content.Headers.ContentLength > 0);
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync($"http://127.0.0.1:{port}/api/..%2f..%2fetc/passwd")).StatusCode);
            // Hostile queries over real HTTP: 100 KB of parameters, unknown ones ignored, a repeated one refused.
            var huge = await Http.GetAsync($"http://127.0.0.1:{port}/api/feed?junk={new string('x', 100_000)}&limit=2");
            Assert.Equal(HttpStatusCode.OK, huge.StatusCode);
            Assert.Equal(2, FeedReader.ReadFromByteArray(await huge.Content.ReadAsByteArrayAsync()).Items.Count);
            var repeated = await Http.GetAsync($"http://127.0.0.1:{port}/api/feed?limit=2&limit=3");
            Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
            Assert.Equal("application/problem+json", repeated.Content.Headers.ContentType?.MediaType);
            Assert.Contains("limit", await repeated.Content.ReadAsStringAsync());
            using var sources = JsonDocument.Parse(await Http.GetStringAsync($"http://127.0.0.1:{port}/api/sources"));
            Assert.Equal(2, sources.RootElement.GetProperty("sources").GetArrayLength());
            await WaitUntilAsync(() => server.CountRequests("/a.xml") >= 2, run); // it keeps polling every interval

            run.Interrupt();
            Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(20)), "feedproc run did not stop on SIGINT\n" + run.Stderr);
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("ministry-a: fetched, 3 new", run.Stderr);
        }

        using (var again = Feedproc.Start(_work, args))
        {
            var requestsBefore = server.CountRequests("/a.xml");
            await WaitUntilAsync(() => server.CountRequests("/a.xml") > requestsBefore + 1, again);
            var feed = await WaitForFeedAsync(port, items: 4, again);
            Assert.Equal(4, feed.Items.Count);
            Assert.Equal(5, Directory.EnumerateFiles(Path.Combine(_work, "store", "raw"), "*.json", SearchOption.AllDirectories).Count());
            again.Interrupt();
            Assert.True(await again.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        }
    }

    [Fact]
    public async Task The_second_poll_is_conditional_and_a_304_writes_nothing()
    {
        await using var server = new LoopbackServer();
        var feed = await File.ReadAllBytesAsync(TestData("ministry-a.xml"));
        server.Map("/a.xml", request => request.Headers["If-None-Match"] == "\"v1\""
            ? new LoopbackServer.Response(304, [], Headers: new Dictionary<string, string> { ["ETag"] = "\"v1\"" })
            : new LoopbackServer.Response(200, feed, Headers: new Dictionary<string, string> { ["ETag"] = "\"v1\"" }));
        var sourcesFile = Path.Combine(_work, "sources.json");
        await File.WriteAllTextAsync(sourcesFile, $$"""{"sources": [{"id": "ministry-a", "title": "Ministry A", "url": "{{server.BaseUrl}}/a.xml"}]}""");
        string[] args = ["poll", "--once", "--sources", sourcesFile, "--store", Path.Combine(_work, "store"), "--allow-private-network"];

        var first = await Feedproc.RunAsync(_work, args);
        var second = await Feedproc.RunAsync(_work, args);

        Assert.Equal(0, second.ExitCode);
        var requests = server.Requests.Where(r => r.Path == "/a.xml").ToList();
        Assert.Equal(2, requests.Count);
        Assert.False(requests[0].Headers.ContainsKey("If-None-Match"));
        Assert.Equal("\"v1\"", requests[1].Headers["If-None-Match"]);
        Assert.Contains("FeedProcessor/", requests[1].Headers["User-Agent"]);
        Assert.Matches(@"ministry-a\s+fetched\s+3\s", first.Stdout);
        Assert.Matches(@"ministry-a\s+not-modified\s+0\s+0\s+0\s.*\s304\s", second.Stdout);
        Assert.Equal(3, Directory.EnumerateFiles(Path.Combine(_work, "store", "raw"), "*.json", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public async Task A_port_in_use_is_a_clear_error()
    {
        var sourcesFile = Path.Combine(_work, "sources.json");
        await File.WriteAllTextAsync(sourcesFile, """{"sources": []}""");
        var blocker = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        try
        {
            var port = ((IPEndPoint)blocker.LocalEndpoint).Port;
            var run = await Feedproc.RunAsync(_work, "run", "--sources", sourcesFile, "--store", Path.Combine(_work, "store"), "--port", port.ToString());
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"port {port} is in use", run.Stderr);
        }
        finally
        {
            blocker.Stop();
        }
    }

    [Fact]
    public async Task An_invalid_sources_file_names_the_source_and_field()
    {
        var sourcesFile = Path.Combine(_work, "bad.json");
        await File.WriteAllTextAsync(sourcesFile, """{"sources": [{"id": "x", "title": "X", "url": "gopher://x"}]}""");
        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sourcesFile, "--store", Path.Combine(_work, "store"));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("source #1 (\"x\"): field \"url\"", run.Stderr);
    }

    [Fact]
    public async Task Poll_once_prints_a_table_per_source()
    {
        await using var server = new LoopbackServer();
        server.MapFile("/a.xml", TestData("ministry-a.xml"));
        server.Map("/down.xml", _ => new LoopbackServer.Response(503, "down"u8.ToArray(), "text/plain"));
        var sourcesFile = Path.Combine(_work, "sources.json");
        await File.WriteAllTextAsync(sourcesFile, $$"""
            {"sources": [
              {"id": "ministry-a", "title": "Ministry A", "url": "{{server.BaseUrl}}/a.xml"},
              {"id": "down", "title": "Down", "url": "{{server.BaseUrl}}/down.xml"}
            ]}
            """);
        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--sources", sourcesFile, "--store", Path.Combine(_work, "store"), "--allow-private-network");
        Assert.Equal(0, run.ExitCode);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("SOURCE", lines[0]);
        Assert.Contains("STATUS", lines[0]);
        Assert.Contains("UNCHANGED", lines[0]);
        Assert.Matches(@"^ministry-a\s+fetched\s+3\s+0\s+0\s+\d+\.\d\ds", lines.Single(l => l.StartsWith("ministry-a")));
        Assert.Matches(@"^down\s+failed\s+0\s+0", lines.Single(l => l.StartsWith("down")));
    }

    [Fact]
    public async Task Poll_without_once_is_a_usage_error()
    {
        var run = await Feedproc.RunAsync(_work, "poll");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--once", run.Stderr);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("257")]
    public async Task A_concurrency_out_of_range_is_a_usage_error(string concurrency)
    {
        var run = await Feedproc.RunAsync(_work, "poll", "--once", "--concurrency", concurrency);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--concurrency must be a whole number from 1 to 256", run.Stderr);
    }

    private static async Task<Feed> WaitForFeedAsync(int port, int items, Feedproc process)
    {
        Feed? feed = null;
        await WaitUntilAsync(async () =>
        {
            try
            {
                var bytes = await Http.GetByteArrayAsync($"http://127.0.0.1:{port}/api/feed");
                feed = FeedReader.ReadFromByteArray(bytes);
                return feed.Items.Count >= items;
            }
            catch (HttpRequestException) { return false; }
        }, process);
        return feed!;
    }

    private static Task WaitUntilAsync(Func<bool> condition, Feedproc process) => WaitUntilAsync(() => Task.FromResult(condition()), process);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, Feedproc process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (process.HasExited) throw new Xunit.Sdk.XunitException($"feedproc exited with {process.ExitCode}:\n{process.Stderr}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met within 60 s. feedproc said:\n" + process.Stderr);
            await Task.Delay(200);
        }
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);
}
