using System.Diagnostics;
using System.Text;
using System.Text.Json;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Reliability.Support;

namespace FeedProcessor.Tests.Reliability;

/// <summary>
/// Storage goes away in the middle of a poll cycle (a real Azurite, stopped at an exact write) and comes back:
/// the cycle fails fast instead of hanging, the feed keeps serving its last good index, health says what is
/// degraded, and the next cycle finishes the work with no article lost or doubled.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class StorageOutageTests
{
    private const int ItemsBefore = 20, ItemsAfter = 70;
    private static readonly string[] SourceIds = ["ministry-a", "agency-b", "office-c"];

    [Theory]
    [InlineData(Containers.Raw, 25)]        // while new items are being written
    [InlineData(Containers.State, 2)]       // after a source's items are written, before its state moves on
    [InlineData(Containers.Articles, 30)]   // articles stored, not yet added to the index
    public async Task Storage_stopped_mid_cycle_loses_nothing_doubles_nothing_and_the_feed_keeps_serving(string container, int nthWrite)
    {
        var location = Directory.CreateTempSubdirectory("feedproc-azurite-").FullName;
        await using var azurite = await Azurite.StartAsync(location: location);
        var store = new FaultInjectingStore(AzureBlobStore.Create(azurite.ConnectionString, containerPrefix: TestStores.UniquePrefix()));
        await using var server = new LoopbackServer();
        var sources = Serve(server, ItemsBefore);
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var index = TestIndex.Table(azurite.ConnectionString);
        var pipeline = new Pipeline(store, fetcher, index.Indexer, id => sources.Find(s => s.Id == id));
        var api = new FeedApi(store, index.Published(store), () => sources);

        var first = await pipeline.RunCycleAsync(sources);
        Assert.Equal(ItemsBefore * SourceIds.Length, first.Normalized.Articles);
        Assert.Equal(ItemsBefore * SourceIds.Length, await FeedItemCountAsync(api));

        // The sources publish more; storage dies at the chosen write of the next cycle.
        sources = Serve(server, ItemsAfter);
        var writes = 0;
        store.BeforeWrite = (target, _, _) =>
        {
            if (target == container && Interlocked.Increment(ref writes) == nthWrite) azurite.StopGracefully();
        };
        var clock = Stopwatch.StartNew();
        var broken = await pipeline.RunCycleAsync(sources);
        clock.Stop();
        store.BeforeWrite = null;
        Assert.True(writes >= nthWrite, $"the cycle made only {writes} writes to {container}");
        Assert.True(broken.Normalized.StorageError is not null || broken.Sources.Any(r => r.Status == "failed"), "the outage went unnoticed");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the cycle took {clock.Elapsed} with storage down; it must fail fast");

        // While storage is down the feed serves the last good index, and health says what is degraded.
        Assert.Equal(ItemsBefore * SourceIds.Length, await FeedItemCountAsync(api));
        using (var health = JsonDocument.Parse((await api.HandleAsync(new ApiRequest { Route = "health" })).Body))
        {
            Assert.Equal("degraded", health.RootElement.GetProperty("status").GetString());
            Assert.Contains("storage", health.RootElement.GetProperty("degraded").EnumerateArray().Select(e => e.GetString()));
            Assert.Contains("last good index", health.RootElement.GetProperty("storage").GetString());
        }

        await azurite.StartProcessAsync();

        // Nothing acknowledged in a source's state is missing from raw: unacknowledged items are fetched again.
        foreach (var source in sources)
        {
            var state = await new SourceStateStore(store).ReadAsync(source.Id);
            foreach (var key in state.SeenItemKeys)
                Assert.NotNull(await store.ReadAsync(Containers.Raw, $"{source.Id}/{key}.json"));
        }

        // A poll lease the outage kept from being released holds its source until it expires (at most 15 s).
        var next = await pipeline.RunCycleAsync(sources);
        for (var wait = Stopwatch.StartNew(); next.Sources.Any(r => r.Status == "busy") && wait.Elapsed < PollCycle.LeaseDuration * 3;)
        {
            await Task.Delay(1000);
            next = await pipeline.RunCycleAsync(sources);
        }
        Assert.Null(next.Normalized.StorageError);
        Assert.All(next.Sources, r => Assert.True(r.Status is "fetched" or "not-modified", $"{r.SourceId}: {r.Status} {r.Error}"));

        var expected = await UndisturbedArticleIdsAsync(sources, fetcher);
        Assert.Equal(ItemsAfter * SourceIds.Length, expected.Count);
        var stored = await StoredArticles.ArticleIdsAsync(store);
        if (!stored.SetEquals(expected))
        {
            // Say exactly what went wrong: which articles are missing or extra, and whether their raw items exist.
            var rawNames = await StoredArticles.NamesAsync(store, Containers.Raw);
            var missing = expected.Except(stored).Select(id => $"{id} (raw: {rawNames.FirstOrDefault(n => n.Contains("/" + id + ".")) ?? "none"})");
            var extra = stored.Except(expected);
            Assert.Fail($"articles differ from an undisturbed run. Missing: {string.Join(", ", missing)}. Extra: {string.Join(", ", extra)}. "
                + $"Broken cycle: {string.Join("; ", broken.Sources.Select(r => $"{r.SourceId} {r.Status} new={r.New} raw={r.RawBlobs.Count} {r.Error}"))}; "
                + $"normalized {broken.Normalized.Articles}, deferred {broken.Normalized.Deferred}. "
                + $"Next: {string.Join("; ", next.Sources.Select(r => $"{r.SourceId} {r.Status} new={r.New} unchanged={r.Unchanged} raw={r.RawBlobs.Count}"))}; normalized {next.Normalized.Articles}.");
        }
        var indexIds = await index.IdsAsync();
        Assert.Equal(indexIds.Count, indexIds.Distinct().Count());
        Assert.Equal(expected, new SortedSet<string>(indexIds, StringComparer.Ordinal));
        Assert.Equal(expected.Count, (await StoredArticles.NamesAsync(store, Containers.Raw)).Count);
        Assert.Empty(await StoredArticles.NamesAsync(store, Containers.State, PendingMerges.Prefix));
        Assert.Equal(expected.Count, await FeedItemCountAsync(api));
        using (var health = JsonDocument.Parse((await api.HandleAsync(new ApiRequest { Route = "health" })).Body))
            Assert.Equal("ok", health.RootElement.GetProperty("status").GetString());
        azurite.Stop();
        Directory.Delete(location, recursive: true);
    }

    [Fact]
    public async Task An_unreachable_account_fails_an_operation_within_seconds()
    {
        var store = AzureBlobStore.Create(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:{Azurite.FreePort()}/devstoreaccount1;");
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<Exception>(() => store.ReadAsync(Containers.Index, "feed.json"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"a refused connection took {clock.Elapsed} to fail");
    }

    [Fact]
    public async Task With_storage_down_from_the_start_the_api_answers_503_and_health_says_degraded()
    {
        var unreachable = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:{Azurite.FreePort()}/devstoreaccount1;"
            + $"TableEndpoint=http://127.0.0.1:{Azurite.FreePort()}/devstoreaccount1;";
        var store = AzureBlobStore.Create(unreachable);
        var api = new FeedApi(store, TestIndex.Table(unreachable).Published(store), () => []);
        var feed = await api.HandleAsync(new ApiRequest { Route = "feed" });
        Assert.Equal(503, feed.Status);
        Assert.Equal("30", feed.Headers["Retry-After"]);
        var health = await api.HandleAsync(new ApiRequest { Route = "health" });
        Assert.Equal(200, health.Status);
        using var json = JsonDocument.Parse(health.Body);
        Assert.Equal("degraded", json.RootElement.GetProperty("status").GetString());
    }

    private static List<SourceDefinition> Serve(LoopbackServer server, int items)
    {
        foreach (var id in SourceIds) server.MapBytes($"/{id}.xml", GeneratedFeed.Rss(id, items));
        return SourceIds.Select(id => new SourceDefinition { Id = id, Title = id, Url = new Uri($"{server.BaseUrl}/{id}.xml") }).ToList();
    }

    /// <summary>Items the feed serves, asked per source (a source asked alone is not capped per response).</summary>
    private static async Task<int> FeedItemCountAsync(FeedApi api)
    {
        var count = 0;
        foreach (var id in SourceIds)
        {
            var response = await api.HandleAsync(new ApiRequest
            {
                Route = "feed",
                Query = [KeyValuePair.Create("limit", "500"), KeyValuePair.Create("format", "json"), KeyValuePair.Create("source", id)],
            });
            Assert.True(response.Status == 200, Encoding.UTF8.GetString(response.Body.Span));
            using var json = JsonDocument.Parse(response.Body);
            count += json.RootElement.GetProperty("items").GetArrayLength();
        }
        return count;
    }

    private static async Task<SortedSet<string>> UndisturbedArticleIdsAsync(List<SourceDefinition> sources, FeedFetcher fetcher)
    {
        var store = TestStores.Folder();
        await new Pipeline(store, fetcher, TestIndex.Sqlite().Indexer, id => sources.Find(s => s.Id == id)).RunCycleAsync(sources);
        return await StoredArticles.ArticleIdsAsync(store);
    }
}
