using System.Diagnostics;
using System.Net.Http.Headers;
using System.Xml.Linq;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Cli;

/// <summary>
/// `feedproc run --demo` from a folder that is not the repository, as the published program is run: it finds its
/// samples beside itself, keeps its data apart from the real store, answers browsers with a page and readers
/// with the feed, and newsboat (which ignores &lt;source&gt;) names the publisher of every item.
/// </summary>
public sealed class DemoTests : IDisposable
{
    private const string NewsboatHint = "newsboat and sqlite3 are required for this test: apt-get install -y newsboat sqlite3.";
    private readonly string _work = Directory.CreateTempSubdirectory("feedproc-demo-").FullName;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task The_demo_runs_anywhere_keeps_its_store_apart_and_every_reader_names_the_publisher()
    {
        var port = Azurite.FreePort();
        using var run = Feedproc.Start(_work, "run", "--demo", "--port", port.ToString());
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!run.Stderr.Contains("Cycle done"))
        {
            if (run.HasExited) Assert.Fail($"feedproc exited with {run.ExitCode}:\n{run.Stderr}");
            if (DateTime.UtcNow > deadline) Assert.Fail("the demo's first cycle did not finish in 90 s:\n" + run.Stderr);
            await Task.Delay(200);
        }
        var feedUrl = $"http://127.0.0.1:{port}/api/feed?limit=100";

        // Every sample source was read, the html one (whose pages link each other at port 7071) included.
        Assert.Contains("primeminister-kz: fetched, 4 new, 0 unchanged, 0 failed", run.Stderr);
        Assert.True(Directory.Exists(Path.Combine(_work, ".feedproc", "demo", "raw")));
        Assert.False(Directory.Exists(Path.Combine(_work, ".feedproc", "raw")), "the demo wrote into the real store");

        var rss = XDocument.Parse(await Http.GetStringAsync(feedUrl));
        var items = rss.Root!.Element("channel")!.Elements("item").ToList();
        Assert.True(items.Count >= 40, $"only {items.Count} items");

        var authors = NewsboatAuthors(feedUrl);
        Assert.Equal(items.Count, authors.Count);
        Assert.All(authors, author =>
        {
            Assert.False(string.IsNullOrWhiteSpace(author));
            Assert.NotEqual("FeedProcessor", author);
        });
        Assert.Contains("Президент России: Новости", authors); // an item with no byline is credited to its source
        Assert.Contains("Office of the Spokesperson", authors); // a byline stays the byline

        using var browser = new HttpRequestMessage(HttpMethod.Get, feedUrl);
        browser.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8");
        using var page = await Http.SendAsync(browser);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept", page.Headers.Vary);
        Assert.Contains($"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"FeedProcessor (RSS)\" href=\"{feedUrl}\">",
            await page.Content.ReadAsStringAsync());

        run.Interrupt();
        Assert.True(await run.WaitForExitAsync(TimeSpan.FromSeconds(20)), "feedproc run did not stop on SIGINT\n" + run.Stderr);
    }

    /// <summary>The author newsboat stores for each item after reading the feed, from its cache database.</summary>
    private List<string> NewsboatAuthors(string feedUrl)
    {
        var home = Directory.CreateDirectory(Path.Combine(_work, "newsboat")).FullName;
        File.WriteAllText(Path.Combine(home, "urls"), feedUrl + "\n");
        File.WriteAllText(Path.Combine(home, "config"), "");
        var cache = Path.Combine(home, "cache.db");
        Run("newsboat", home, "-u", Path.Combine(home, "urls"), "-c", cache, "-C", Path.Combine(home, "config"), "-x", "reload");
        return Run("sqlite3", home, cache, "SELECT author FROM rss_item ORDER BY pubDate DESC")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static string Run(string program, string home, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["HOME"] = home;
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { Assert.Fail(NewsboatHint); throw; }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} did not finish within 60 s");
            }
            Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { /* a process may still be closing a file */ }
    }
}
