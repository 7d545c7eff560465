using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Reliability.Support;
using Microsoft.Extensions.Logging;

namespace FeedProcessor.Tests.Reliability;

/// <summary>A raw blob that cannot be normalized is retried a bounded number of times, then set aside; the rest flows.</summary>
public sealed class PoisonBlobTests
{
    [Fact]
    public async Task Unreadable_raw_blobs_go_to_poison_after_bounded_retries_with_the_reason_and_the_rest_flows()
    {
        var store = TestStores.Folder();
        await using var server = new LoopbackServer();
        server.MapBytes("/a.xml", GeneratedFeed.Rss("ministry-a", 4));
        var sources = new List<SourceDefinition> { new() { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") } };
        // Corrupt JSON, and a "scraped" drop in a format nobody reads.
        await store.WriteAsync(Containers.Raw, "ministry-a/corrupt.json", "{\"sourceId\": \"ministry-a\", \"entry\": {"u8.ToArray(), WriteCondition.None);
        await store.WriteAsync(Containers.Raw, "ministry-a/unknown.bin", "\u0001\u0002 not a feed, not an article"u8.ToArray(), WriteCondition.None);
        var logger = new RecordingLogger();
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var index = TestIndex.Sqlite();
        var pipeline = new Pipeline(store, fetcher, index.Indexer, id => sources.Find(s => s.Id == id), logger);

        var first = await pipeline.CatchUpAsync();
        Assert.Equal(2, first.Failed);
        var cycles = new List<Pipeline.CycleResult>();
        for (var i = 0; i < PoisonStore.MaxAttempts + 2; i++) cycles.Add(await pipeline.RunCycleAsync(sources));

        Assert.Equal(4, cycles[0].Normalized.Articles);
        // Retried until the bound, then never again.
        Assert.Equal(2, cycles[PoisonStore.MaxAttempts - 2].Normalized.Failed);
        Assert.All(cycles.Skip(PoisonStore.MaxAttempts - 1), c => Assert.Equal(0, c.Normalized.Failed));
        var poison = new PoisonStore(store);
        var records = await poison.ListAsync("ministry-a");
        Assert.Equal(["ministry-a/corrupt.json", "ministry-a/unknown.bin"], records.Select(r => r.RawName).Order());
        Assert.All(records, r => Assert.Equal(PoisonStore.MaxAttempts, r.Attempts));
        Assert.Contains("Json", records.Single(r => r.RawName.EndsWith("corrupt.json")).Reason);
        Assert.False(string.IsNullOrWhiteSpace(records.Single(r => r.RawName.EndsWith("unknown.bin")).Reason));
        Assert.Equal(2, logger.Entries.Count(e => e.Level == LogLevel.Error && e.Message.Contains("poison")));
        // The raw blobs stay for an operator to look at; the good items are all in the feed.
        Assert.NotNull(await store.ReadAsync(Containers.Raw, "ministry-a/corrupt.json"));
        Assert.Equal(4, (await index.IdsAsync()).Count);

        var response = await new FeedApi(store, index.Published(store), () => sources).HandleAsync(new ApiRequest { Route = "sources" });
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal(2, json.RootElement.GetProperty("sources")[0].GetProperty("poisonedItems").GetInt32());
    }

    [Fact]
    public async Task A_storage_outage_is_not_blamed_on_the_items()
    {
        var store = TestStores.Folder();
        await using var server = new LoopbackServer();
        server.MapBytes("/a.xml", GeneratedFeed.Rss("ministry-a", 3));
        var sources = new List<SourceDefinition> { new() { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") } };
        var broken = new FaultInjectingStore(store);
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var index = TestIndex.Sqlite();
        var pipeline = new Pipeline(broken, fetcher, index.Indexer, id => sources.Find(s => s.Id == id));
        broken.BeforeWrite = (container, _, _) =>
        {
            if (container == Containers.Articles) throw new IOException("disk unplugged");
        };
        for (var i = 0; i < PoisonStore.MaxAttempts + 1; i++)
        {
            var result = await pipeline.RunCycleAsync(sources);
            Assert.Equal(0, result.Normalized.Failed);
            Assert.Equal(3, result.Normalized.Deferred);
        }
        Assert.Empty(await StoredArticles.NamesAsync(store, Containers.Poison));
        broken.BeforeWrite = null;
        var healed = await pipeline.RunCycleAsync(sources);
        Assert.Equal(3, healed.Normalized.Articles);
        Assert.Equal(3, (await index.IdsAsync()).Count);
    }

    private sealed class RecordingLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Entries { get; } = new();
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception)));
    }
}
