using System.Text;
using CodeHollow.FeedReader;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Processing;

/// <summary>
/// The whole pipeline on real parts: loopback feed servers, a poll cycle into Azurite, the normalizer run per raw
/// blob as Event Grid would, the publisher, and a real feed reader (CodeHollow.FeedReader) reading the result.
/// </summary>
public sealed class EndToEndTests
{
    private static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "Processing", "testdata", name);

    [Fact]
    public async Task Poll_normalize_and_publish_give_one_merged_newest_first_feed()
    {
        await using var server = new LoopbackServer();
        server.MapFile("/a.xml", TestData("ministry-a.xml"));
        server.MapFile("/b.atom", TestData("agency-b.atom"), "application/atom+xml");
        var sources = new List<SourceDefinition>
        {
            new() { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml"), TimeZone = "Asia/Almaty" },
            new() { Id = "agency-b", Title = "Agency B", Url = new Uri(server.BaseUrl + "/b.atom") },
        };
        var store = await TestStores.AzuriteAsync();
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });

        var reports = await new PollCycle(store, fetcher).RunAsync(sources);
        Assert.All(reports, r => Assert.Equal("fetched", r.Status));
        Assert.Equal(5, reports.Sum(r => r.New));

        // Event Grid's part: each raw blob handed to the normalizer, then merged into the index.
        var index = TestIndex.Sqlite();
        var normalizer = new RawItemProcessor(store, id => sources.Find(s => s.Id == id));
        await foreach (var name in store.ListAsync(Containers.Raw))
        {
            var article = await normalizer.ProcessAsync(name);
            Assert.NotNull(article);
            await index.Indexer.AddAsync([article]);
        }

        var api = new FeedApi(store, index.Published(store), () => sources);
        var response = await api.HandleAsync(new ApiRequest { Route = "feed", Host = "127.0.0.1:7071" });
        Assert.Equal(200, response.Status);
        var feed = FeedReader.ReadFromByteArray(response.Body.ToArray());

        var titles = feed.Items.Select(i => i.Title).ToList();
        Assert.Equal(
        [
            "Agency B publishes the transport strategy",
            "Ministry A opens a new rail terminal in the north",
            "Joint statement on transit of coal",
            "Ministry A reports on the grain harvest",
        ], titles);
        var dates = feed.Items.Select(i => i.PublishingDate!.Value).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Equal(feed.Items.Count, feed.Items.Select(i => i.Id).Distinct().Count());
        var coal = feed.Items.Single(i => i.Title == "Joint statement on transit of coal");
        Assert.Equal("https://ministry-a.example.gov/news/coal-transit", coal.Link);
        Assert.DoesNotContain("<script", Encoding.UTF8.GetString(response.Body.Span), StringComparison.OrdinalIgnoreCase);

        // A second cycle on unchanged feeds writes nothing new.
        var again = await new PollCycle(store, fetcher).RunAsync(sources);
        Assert.Equal(0, again.Sum(r => r.New));
        var rawCount = 0;
        await foreach (var _ in store.ListAsync(Containers.Raw)) rawCount++;
        Assert.Equal(5, rawCount);
    }

    [Fact]
    public async Task One_broken_source_does_not_stop_the_others()
    {
        await using var server = new LoopbackServer();
        server.MapFile("/a.xml", TestData("ministry-a.xml"));
        server.Map("/down.xml", _ => new LoopbackServer.Response(500, "boom"u8.ToArray(), "text/plain"));
        server.MapBytes("/garbage.xml", "this is not a feed at all"u8.ToArray(), "text/plain");
        var sources = new List<SourceDefinition>
        {
            new() { Id = "down", Title = "Down", Url = new Uri(server.BaseUrl + "/down.xml") },
            new() { Id = "garbage", Title = "Garbage", Url = new Uri(server.BaseUrl + "/garbage.xml") },
            new() { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") },
        };
        var store = TestStores.Folder();
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var index = TestIndex.Sqlite();
        var pipeline = new Pipeline(store, fetcher, index.Indexer, id => sources.Find(s => s.Id == id));

        var result = await pipeline.RunCycleAsync(sources);

        Assert.Equal("failed", result.Sources.Single(r => r.SourceId == "down").Status);
        Assert.Equal("failed", result.Sources.Single(r => r.SourceId == "garbage").Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Sources.Single(r => r.SourceId == "garbage").Error));
        Assert.Equal(3, result.Normalized.Articles);
        var statuses = await new FeedApi(store, index.Published(store), () => sources).SourceStatusesAsync();
        Assert.Equal(1, statuses.Single(s => s.Id == "down").ConsecutiveFailures);
        Assert.NotNull(statuses.Single(s => s.Id == "down").LastError);
        Assert.Equal(3, statuses.Single(s => s.Id == "ministry-a").ItemsFetched);
    }

    [Fact]
    public async Task A_cycle_cut_short_by_its_budget_reports_the_slow_source_and_keeps_the_others()
    {
        await using var server = new LoopbackServer();
        server.MapFile("/a.xml", TestData("ministry-a.xml"));
        server.Map("/slow.xml", _ => { Thread.Sleep(TimeSpan.FromSeconds(30)); return new LoopbackServer.Response(200, File.ReadAllBytes(TestData("ministry-a.xml"))); });
        var sources = new List<SourceDefinition>
        {
            new() { Id = "slow", Title = "Slow", Url = new Uri(server.BaseUrl + "/slow.xml") },
            new() { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") },
        };
        var store = TestStores.Folder();
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true, CycleBudget = TimeSpan.FromSeconds(5) }); // room for the fast source on a loaded machine

        var reports = await new PollCycle(store, fetcher).RunAsync(sources);

        var slow = reports.Single(r => r.SourceId == "slow");
        Assert.Equal("failed", slow.Status);
        Assert.Contains("time budget", slow.Error);
        Assert.Equal(3, reports.Single(r => r.SourceId == "ministry-a").New);
        Assert.Null((await new SourceStateStore(store).ReadAsync("slow")).LastSuccess);
    }
}
