using System.Diagnostics;
using AngleSharp.Html.Parser;
using Xunit.Abstractions;

namespace FeedProcessor.Tests.Publishing.Pages;

/// <summary>
/// Opens the feed and the home page in headless Chromium over real HTTP: the feed URL must arrive as a page
/// rendered on the server (no XSLT, which Chromium marks with a removal banner), not as raw XML, with times in
/// the reader's own time zone. Screenshots are kept as test artifacts.
/// </summary>
public sealed class BrowserRenderingTests(ITestOutputHelper output)
{
    private const string InstallHint = "Chromium is required for this test: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH).";

    [Fact]
    public async Task The_feed_url_renders_as_a_page_in_the_readers_time_zone_without_xslt()
    {
        using var server = new LoopbackApiServer();

        var dom = await RunChromiumAsync("--dump-dom", $"{server.BaseUrl}/feed");

        var page = new HtmlParser().ParseDocument(dom);
        Assert.DoesNotContain("&lt;rss", dom);
        Assert.DoesNotContain("XSLT", dom, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<?xml-stylesheet", dom);
        Assert.Contains(page.QuerySelectorAll("head link[rel=alternate]"), l => l.GetAttribute("type") == "application/rss+xml");
        // 09:30 UTC in Tokyo (UTC+9, the zone Chromium runs in here), written by the page's script in the reader's locale.
        var time = page.QuerySelector("main article time")!;
        Assert.Equal("2024-02-04T09:30:00Z", time.GetAttribute("datetime"));
        Assert.Contains("6:30", time.TextContent);
        Assert.DoesNotContain("UTC", time.TextContent);
        Assert.Equal("FeedProcessor", page.QuerySelector("h1")?.TextContent);
        var titles = page.QuerySelectorAll("main article h2 a").Select(a => a.TextContent).ToList();
        Assert.Equal(["Правительство обсудило развитие угольной отрасли", "Глава МИД провел встречу с послом Японии", "Көмір өндіру жоспары орындалды"], titles);
        Assert.Equal($"{server.BaseUrl}/feed", page.QuerySelector(".subscribe code")?.TextContent);

        var screenshot = ArtifactPath("feed-page.png");
        await RunChromiumAsync($"--screenshot={screenshot}", "--window-size=1200,900", $"{server.BaseUrl}/feed");
        AssertNonTrivialPng(screenshot);
    }

    [Fact]
    public async Task The_home_page_renders_with_the_sources_and_feed_links()
    {
        using var server = new LoopbackApiServer();

        var dom = await RunChromiumAsync("--dump-dom", $"{server.BaseUrl}/");

        var page = new HtmlParser().ParseDocument(dom);
        Assert.Equal(2, page.QuerySelectorAll("tbody tr").Length);
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"{server.BaseUrl}/feed?format=atom");
        Assert.Empty(page.QuerySelectorAll("script"));

        var screenshot = ArtifactPath("home-page.png");
        await RunChromiumAsync($"--screenshot={screenshot}", "--window-size=1200,900", $"{server.BaseUrl}/");
        AssertNonTrivialPng(screenshot);
    }

    private string ArtifactPath(string name)
    {
        var folder = Environment.GetEnvironmentVariable("FEEDPROCESSOR_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "artifacts", "publishing");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.Delete(path);
        output.WriteLine($"screenshot: {path}");
        return path;
    }

    private static void AssertNonTrivialPng(string path)
    {
        Assert.True(File.Exists(path), $"Chromium wrote no screenshot at {path}");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.Equal((1200, 900), (width, height));
        // A blank page compresses to a few hundred bytes; text and colours take far more.
        Assert.True(bytes.Length > 10_000, $"screenshot is only {bytes.Length} bytes");
    }

    private static string FindChromium()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "chromium", "chromium-browser", "google-chrome" };
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        foreach (var candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (Path.IsPathRooted(candidate!) && File.Exists(candidate)) return candidate!;
            var found = path.Select(dir => Path.Combine(dir, candidate!)).FirstOrDefault(File.Exists);
            if (found is not null) return found;
        }
        Assert.Fail(InstallHint);
        return "";
    }

    private static async Task<string> RunChromiumAsync(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("feedprocessor-chromium-");
        try
        {
            var start = new ProcessStartInfo(FindChromium())
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["TZ"] = "Asia/Tokyo";
            foreach (var argument in (string[])["--headless", "--lang=en-US", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync", $"--user-data-dir={profile.FullName}"])
                start.ArgumentList.Add(argument);
            foreach (var argument in arguments) start.ArgumentList.Add(argument);

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"Chromium did not finish within 90 s: {await stderr}");
            }
            Assert.True(process.ExitCode == 0, $"Chromium exited with {process.ExitCode}: {await stderr}");
            return await stdout;
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { /* Chromium may still hold a lock file briefly. */ }
        }
    }
}
