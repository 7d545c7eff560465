using System.Diagnostics;
using System.Text;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Parsing;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Security.Support;

namespace FeedProcessor.Tests.Security;

/// <summary>
/// What a hostile or broken source can send, through parsing, normalizing and every writer. Covered elsewhere:
/// billion laughs (Parsing/Xml/LiberalRepairTests), script and URL vectors (Normalizing/Html/HtmlSafetyTests), any
/// text in the writers (Publishing/Writers/HostileTextPropertyTests), body caps and gzip bombs (Fetching/LimitsTests),
/// SSRF (Fetching/NetworkGuardTests), unsafe blob names (Storage/BlobStoreContract).
/// </summary>
public sealed class HostileDocumentTests
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    private static byte[] Rss(string items, string prolog = "") =>
        Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"utf-8\"?>{prolog}<rss version=\"2.0\"><channel><title>T</title><link>https://hostile.example.gov/</link>{items}</channel></rss>");

    /// <summary>
    /// Runs the work and bounds what it allocates, which is deterministic; a blowup shows there first. The clock only
    /// guards against a hang: it is far above any honest run, even on a loaded machine, and is no speed test.
    /// </summary>
    private static T Bounded<T>(Func<T> work, long maxAllocatedBytes)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var result = work();
        Assert.True(clock.Elapsed < HangGuard, $"took {clock.Elapsed}");
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < maxAllocatedBytes, $"allocated {allocated:N0} bytes");
        return result;
    }

    [Fact]
    public void A_quadratic_blowup_is_refused_fast_in_bounded_memory()
    {
        var entity = new string('a', 50_000);
        var references = string.Concat(Enumerable.Repeat("&big;", 20_000)); // 1 GB if expanded
        var document = Rss($"<item><title>Q</title><description>{references}</description></item>", $"<!DOCTYPE rss [<!ENTITY big \"{entity}\">]>");
        Bounded(() =>
        {
            try { return ThroughThePipeline.ParseAndRender(document); }
            catch (FeedParseException) { return null; }
        }, 300_000_000);
    }

    [Fact]
    public async Task External_entities_and_dtds_are_never_fetched()
    {
        await using var server = new LoopbackServer();
        server.MapBytes("/evil.dtd", "<!ENTITY leak SYSTEM \"file:///etc/passwd\">"u8.ToArray(), "application/xml-dtd");
        server.MapBytes("/secret", "TOP-SECRET"u8.ToArray(), "text/plain");
        var document = Rss("<item><title>&xxe;&leak;</title><description>&xxe;</description></item>",
            $"<!DOCTYPE rss SYSTEM \"{server.BaseUrl}/evil.dtd\" [<!ENTITY xxe SYSTEM \"{server.BaseUrl}/secret\"><!ENTITY % p SYSTEM \"{server.BaseUrl}/evil.dtd\"> %p;]>");
        ParsedFeed? feed = null;
        try { feed = ThroughThePipeline.ParseAndRender(document); } catch (FeedParseException) { }
        await Task.Delay(200);
        Assert.Empty(server.Requests);
        Assert.DoesNotContain(feed?.Entries ?? [], e => (e.Title + e.SummaryHtml).Contains("TOP-SECRET") || (e.Title + e.SummaryHtml).Contains("root:"));
    }

    [Fact]
    public void A_10_MiB_single_line_text_node_is_handled_in_bounded_time()
    {
        var huge = new string('x', 10 * 1024 * 1024);
        var feed = Bounded(() => ThroughThePipeline.ParseAndRender(Rss($"<item><title>Big</title><description>{huge}</description></item>")), 1_500_000_000);
        Assert.Single(feed.Entries);
    }

    [Fact]
    public void Deeply_nested_html_does_not_overflow_the_stack()
    {
        // Far past the default stack's recursion depth for a naive walk. (100,000 levels also pass, but spend minutes:
        // the cost grows faster than linearly in the sanitizer; see SECURITY.md, known limits.)
        const int depth = 5_000;
        var html = string.Concat(Enumerable.Repeat("<div><b>", depth)) + "deep" + string.Concat(Enumerable.Repeat("</b></div>", depth));
        var feed = Bounded(() => ThroughThePipeline.ParseAndRender(Rss($"<item><title>Nested</title><description><![CDATA[{html}]]></description></item>")), 2_000_000_000);
        Assert.Single(feed.Entries);
    }

    [Fact]
    public void Invalid_utf8_lone_surrogates_nul_and_control_characters_never_reach_the_output()
    {
        var bytes = new List<byte>(Rss("<item><title>Bad: \u0001\u0007 end</title><description>x</description><guid>g1</guid></item>"));
        var at = Encoding.UTF8.GetString(bytes.ToArray()).IndexOf("Bad: ", StringComparison.Ordinal) + 5;
        bytes.InsertRange(at, new byte[] { 0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80, 0x00 }); // invalid, truncated, an encoded surrogate, NUL
        ThroughThePipeline.ParseAndRender(bytes.ToArray());

        var json = """{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "title": "\ud800 lone \udc00 \u0000 nul \u001b esc", "content_html": "<p>\ud83d</p>\u0000"}]}""";
        var feed = ThroughThePipeline.ParseAndRender(Encoding.UTF8.GetBytes(json));
        Assert.Single(feed.Entries);
    }

    [Fact]
    public async Task A_guid_like_a_path_never_becomes_one()
    {
        var root = Directory.CreateTempSubdirectory("feedproc-traversal-").FullName;
        var store = new FileBlobStore(Path.Combine(root, "store"));
        await using var server = new LoopbackServer();
        server.MapBytes("/a.xml", Rss("""
            <item><title>One</title><guid>../../../escaped</guid><link>https://hostile.example.gov/1</link></item>
            <item><title>Two</title><guid>..\..\escaped2</guid><link>file:///etc/passwd</link></item>
            <item><title>Three</title><guid>/etc/passwd</guid></item>
            """));
        var sources = new List<SourceDefinition> { new() { Id = "ministry-a", Title = "A", Url = new Uri(server.BaseUrl + "/a.xml") } };
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var result = await new Pipeline(store, fetcher, TestIndex.Sqlite().Indexer, id => sources.Find(s => s.Id == id)).RunCycleAsync(sources);
        Assert.Equal(3, result.Normalized.Articles);
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).ToList();
        Assert.All(files, f => Assert.StartsWith("store" + Path.DirectorySeparatorChar, f));
        Assert.DoesNotContain(files, f => f.Contains("escaped") || f.Contains("passwd"));
        Directory.Delete(root, recursive: true);
    }
}
