using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Performance;
using FeedProcessor.Tests.Reliability.Support;

namespace FeedProcessor.Tests.Processing;

/// <summary>
/// The reconciliation sweep's cost follows what is new, not the store's history; a store written before the journal
/// is caught up once by a full listing; and `feedproc`'s own cycles leave the sweep nothing to redo.
/// </summary>
public sealed class ReconcilerTests
{
    private static readonly string[] SourceIds = ["ministry-a", "agency-b"];

    [Fact]
    public async Task A_sweep_reads_one_article_per_new_item_and_lists_neither_raw_nor_articles()
    {
        await using var server = new LoopbackServer();
        var sources = Serve(server, 40);
        var counting = new CountingBlobStore(TestStores.Folder());
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var index = TestIndex.Sqlite();
        var pipeline = new Pipeline(counting, fetcher, index.Indexer, id => sources.Find(s => s.Id == id));
        await pipeline.CatchUpAsync();
        Assert.Equal(40 * SourceIds.Length, (await pipeline.RunCycleAsync(sources)).Normalized.Articles);

        // The history is 80 articles; 3 more items per source are polled and never normalized (a process died, or
        // in Azure their events never came).
        sources = Serve(server, 43);
        Assert.Equal(6, (await new PollCycle(counting, fetcher).RunAsync(sources)).Sum(r => r.New));
        counting.Reset();
        var recovered = await pipeline.CatchUpAsync();

        Assert.Equal(6, recovered.Articles);
        Assert.Equal(2 * 6, counting.Count("read", Containers.Articles)); // the sweep's look per new item, then the normalizer's own
        Assert.Equal(0, counting.Count("list", Containers.Raw));
        Assert.Equal(0, counting.Count("list", Containers.Articles));
        Assert.Equal(43 * SourceIds.Length, (await index.IdsAsync()).Count);

        // Reconciled entries leave the journal: the next sweep reads no article at all.
        counting.Reset();
        Assert.Equal(0, (await pipeline.CatchUpAsync()).Articles);
        Assert.Equal(0, counting.Count("read", Containers.Articles));
        Assert.Empty(await StoredArticles.NamesAsync(counting, Containers.State, RawJournal.Prefix));
    }

    [Fact]
    public async Task A_store_from_before_the_journal_is_caught_up_once_by_a_full_listing()
    {
        await using var server = new LoopbackServer();
        var sources = Serve(server, 5);
        var counting = new CountingBlobStore(TestStores.Folder());
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        // Polled by an older version: raw items, no journal, no reconciliation status.
        await new PollCycle(counting, fetcher).RunAsync(sources);
        foreach (var entry in await StoredArticles.NamesAsync(counting, Containers.State, RawJournal.Prefix))
            await counting.DeleteAsync(Containers.State, entry);

        var index = TestIndex.Sqlite();
        var pipeline = new Pipeline(counting, fetcher, index.Indexer, id => sources.Find(s => s.Id == id));
        Assert.Equal(10, (await pipeline.CatchUpAsync()).Articles);
        Assert.Equal(10, (await index.IdsAsync()).Count);
        Assert.NotNull(await ReconcileStatus.ReadAsync(counting));

        counting.Reset();
        await pipeline.CatchUpAsync();
        Assert.Equal(0, counting.Count("list", Containers.Raw));
    }

    [Fact]
    public async Task A_cycle_that_normalized_its_own_items_leaves_nothing_in_the_journal()
    {
        await using var server = new LoopbackServer();
        var sources = Serve(server, 7);
        var store = TestStores.Folder();
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var pipeline = new Pipeline(store, fetcher, TestIndex.Sqlite().Indexer, id => sources.Find(s => s.Id == id));
        Assert.Equal(14, (await pipeline.RunCycleAsync(sources)).Normalized.Articles);
        Assert.Empty(await StoredArticles.NamesAsync(store, Containers.State, RawJournal.Prefix));
    }

    private static List<SourceDefinition> Serve(LoopbackServer server, int items)
    {
        foreach (var id in SourceIds) server.MapBytes($"/{id}.xml", GeneratedFeed.Rss(id, items));
        return [.. SourceIds.Select(id => new SourceDefinition { Id = id, Title = id, Url = new Uri($"{server.BaseUrl}/{id}.xml") })];
    }
}
