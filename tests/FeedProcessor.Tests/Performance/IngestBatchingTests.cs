using System.Text;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Core.Storage.Index;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Performance;

/// <summary>
/// A cycle with thousands of new items must not hold all their articles until the end: memory would grow with the
/// size of the news, not with a batch. The articles reach the index in batches while the cycle still normalizes.
/// </summary>
public sealed class IngestBatchingTests
{
    [Fact]
    public async Task Articles_reach_the_index_in_batches_while_the_rest_are_still_being_normalized()
    {
        const int items = 1_500;
        await using var server = new LoopbackServer();
        var feed = new StringBuilder("<rss version=\"2.0\"><channel><title>Big ministry</title>");
        for (var i = 0; i < items; i++)
            feed.Append($"<item><title>Statement number {i}</title><link>https://gov.example/news/{i}</link><description>&lt;p&gt;Text {i}.&lt;/p&gt;</description></item>");
        server.MapBytes("/feed.xml", Encoding.UTF8.GetBytes(feed.Append("</channel></rss>").ToString()));
        var sources = new List<SourceDefinition> { new() { Id = "big", Title = "Big ministry", Url = new Uri($"{server.BaseUrl}/feed.xml") } };
        var store = new CountingBlobStore(TestStores.Folder());
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });

        var test = TestIndex.Sqlite();
        var index = new InstrumentedIndex(test.Index);
        int? articlesBefore = null;
        index.BeforePut = _ => articlesBefore ??= store.Calls.Count(c => c.Operation == "write" && c.Container == Containers.Articles);
        var result = await new Pipeline(store, fetcher, new ArticleIndexer(index, TestIndex.Forever), id => sources.Find(s => s.Id == id)).RunCycleAsync(sources);

        Assert.Equal(items, result.Normalized.Articles);
        Assert.True(articlesBefore < items, $"the index was first written after all {items} articles: the cycle held them all");
        Assert.Equal(items, (await test.IdsAsync()).Count);
    }
}
