using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using FeedProcessor.Tests.Reliability.Support;

namespace FeedProcessor.Tests.Reliability;

/// <summary>
/// Storage can take a write and then fail to answer (a connection cut as the server goes down). When that write is a
/// source's state, the next poll takes the new items for seen: they must have been normalized all the same.
/// </summary>
public sealed class LostAnswerTests
{
    [Fact]
    public async Task Items_whose_state_write_lost_its_answer_still_reach_the_feed()
    {
        await using var server = new LoopbackServer();
        server.MapFile("/a.xml", Path.Combine(AppContext.BaseDirectory, "Processing", "testdata", "ministry-a.xml"));
        var sources = new List<SourceDefinition> { new() { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") } };
        var store = new FaultInjectingStore(TestStores.Folder());
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var index = new FeedIndexStore(store, TimeSpan.Zero);
        var pipeline = new Pipeline(store, fetcher, index, id => sources.Find(s => s.Id == id));
        var lost = 0;
        store.AfterWrite = (container, name) =>
        {
            if (container == Containers.State && name == SourceStateStore.NameOf("ministry-a") && Interlocked.Increment(ref lost) == 1)
                throw new IOException("The connection was reset.");
        };

        var first = await pipeline.RunCycleAsync(sources);
        var second = await pipeline.RunCycleAsync(sources);

        Assert.Equal(1, lost);
        Assert.Equal("failed", first.Sources.Single().Status);
        Assert.Equal(0, second.Sources.Single().New); // the state did land: the items count as seen
        Assert.Equal(3, (await index.GetAsync()).Index.Articles.Count);
    }
}
