using System.Text;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Processing;

/// <summary>A source edits an item after it was first seen: same id, marked updated, earlier version kept.</summary>
public sealed class ArticleUpdateTests
{
    private static byte[] Feed(string text) => Encoding.UTF8.GetBytes($$"""
        <rss version="2.0"><channel><title>Ministry</title><link>https://m.example.gov/</link><description>d</description>
          <item><title>Budget approved</title><link>https://m.example.gov/news/budget</link><guid>budget-2024</guid>
            <pubDate>Sun, 04 Feb 2024 14:30:00 +0600</pubDate><description>{{text}}</description></item>
        </channel></rss>
        """);

    [Fact]
    public async Task An_edited_item_keeps_its_id_is_marked_updated_and_keeps_its_earlier_version()
    {
        await using var server = new LoopbackServer();
        var body = Feed("The Government approved the budget for 2024.");
        server.Map("/feed.xml", _ => new LoopbackServer.Response(200, body));
        var sources = new List<SourceDefinition> { new() { Id = "ministry", Title = "Ministry", Url = new Uri(server.BaseUrl + "/feed.xml") } };
        var store = TestStores.Folder();
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var index = TestIndex.Sqlite();
        var pipeline = new Pipeline(store, fetcher, index.Indexer, id => sources.Find(s => s.Id == id));

        await pipeline.RunCycleAsync(sources);
        var first = Assert.Single((await index.ArticlesAsync(store)));
        Assert.Null(first.Updated);

        body = Feed("The Government approved the budget for 2024. Spending on roads rises by a fifth.");
        var second = await pipeline.RunCycleAsync(sources);
        Assert.Equal(1, second.Sources.Single().New);

        var updated = Assert.Single((await index.ArticlesAsync(store)));
        Assert.Equal(first.Id, updated.Id);
        Assert.NotNull(updated.Updated);
        Assert.Equal(first.FirstSeen, updated.FirstSeen);
        Assert.Contains("Spending on roads", updated.ContentText);
        var history = new List<string>();
        await foreach (var name in store.ListAsync(Containers.Articles, $"history/{first.Id}/")) history.Add(name);
        var earlier = StoredJson.Deserialize<Core.Normalizing.Article>((await store.ReadAsync(Containers.Articles, Assert.Single(history)))!.Content)!;
        Assert.DoesNotContain("Spending on roads", earlier.ContentText);

        // The same edit delivered again changes nothing.
        var third = await pipeline.RunCycleAsync(sources);
        Assert.Equal(0, third.Sources.Single().New);
        Assert.Single((await index.ArticlesAsync(store)));
    }

    [Fact]
    public async Task The_first_version_delivered_again_after_the_edit_does_not_revert_it()
    {
        await using var server = new LoopbackServer();
        var body = Feed("The Government approved the budget for 2024.");
        server.Map("/feed.xml", _ => new LoopbackServer.Response(200, body));
        var sources = new List<SourceDefinition> { new() { Id = "ministry", Title = "Ministry", Url = new Uri(server.BaseUrl + "/feed.xml") } };
        var store = TestStores.Folder();
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var pipeline = new Pipeline(store, fetcher, TestIndex.Sqlite().Indexer, id => sources.Find(s => s.Id == id));
        await pipeline.RunCycleAsync(sources);
        var firstRaw = Assert.Single(await ListAsync(store, Containers.Raw));
        await Task.Delay(20); // a later fetch
        body = Feed("The Government approved the budget for 2024. Spending on roads rises by a fifth.");
        await pipeline.RunCycleAsync(sources);

        // Event Grid delivers at least once: the first version's blob can come again after the edit.
        var processor = new RawItemProcessor(store, id => sources.Find(s => s.Id == id));
        var article = await processor.ProcessAsync(firstRaw);

        Assert.Contains("Spending on roads", article!.ContentText);
        var stored = StoredJson.Deserialize<Core.Normalizing.Article>((await store.ReadAsync(Containers.Articles, article.Id + ".json"))!.Content)!;
        Assert.Contains("Spending on roads", stored.ContentText);
    }

    [Fact]
    public async Task An_edit_polled_but_not_normalized_before_a_crash_is_applied_at_the_next_start()
    {
        await using var server = new LoopbackServer();
        var body = Feed("The Government approved the budget for 2024.");
        server.Map("/feed.xml", _ => new LoopbackServer.Response(200, body));
        var sources = new List<SourceDefinition> { new() { Id = "ministry", Title = "Ministry", Url = new Uri(server.BaseUrl + "/feed.xml") } };
        var store = TestStores.Folder();
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var index = TestIndex.Sqlite();
        await new Pipeline(store, fetcher, index.Indexer, id => sources.Find(s => s.Id == id)).RunCycleAsync(sources);

        // The edit is polled into raw, and the process dies before normalizing it.
        body = Feed("The Government approved the budget for 2024. Spending on roads rises by a fifth.");
        Assert.Equal(1, (await new PollCycle(store, fetcher).RunAsync(sources)).Single().New);

        var restarted = new Pipeline(store, fetcher, index.Indexer, id => sources.Find(s => s.Id == id));
        await restarted.CatchUpAsync();

        Assert.Contains("Spending on roads", Assert.Single((await index.ArticlesAsync(store))).ContentText);
    }

    private static async Task<List<string>> ListAsync(IBlobStore store, string container)
    {
        var names = new List<string>();
        await foreach (var name in store.ListAsync(container)) names.Add(name);
        return names;
    }
}
