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
        var index = TestIndex.Sqlite();
        var pipeline = new Pipeline(store, fetcher, index.Indexer, id => sources.Find(s => s.Id == id));
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
        Assert.Equal(3, (await index.ArticlesAsync(store)).Count);
    }

    [Fact]
    public async Task A_lease_that_cannot_be_released_does_not_undo_a_finished_poll()
    {
        await using var server = new LoopbackServer();
        server.MapFile("/a.xml", Path.Combine(AppContext.BaseDirectory, "Processing", "testdata", "ministry-a.xml"));
        var sources = new List<SourceDefinition> { new() { Id = "ministry-a", Title = "Ministry A", Url = new Uri(server.BaseUrl + "/a.xml") } };
        var store = new UnreleasableLeaseStore(TestStores.Folder());
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var index = TestIndex.Sqlite();

        var cycle = await new Pipeline(store, fetcher, index.Indexer, id => sources.Find(s => s.Id == id)).RunCycleAsync(sources);

        Assert.Equal("fetched", cycle.Sources.Single().Status);
        Assert.Equal(3, (await index.ArticlesAsync(store)).Count);
    }

    /// <summary>Storage that goes away just before a poll's lease is released (the release fails after its retries).</summary>
    private sealed class UnreleasableLeaseStore(IBlobStore inner) : IBlobStore
    {
        public string Description => inner.Description;
        public Task<StoredBlob?> ReadAsync(string c, string n, CancellationToken t = default) => inner.ReadAsync(c, n, t);
        public Task<string?> WriteAsync(string c, string n, ReadOnlyMemory<byte> b, WriteCondition w, CancellationToken t = default) => inner.WriteAsync(c, n, b, w, t);
        public IAsyncEnumerable<string> ListAsync(string c, string? p = null, CancellationToken t = default) => inner.ListAsync(c, p, t);
        public Task<bool> DeleteAsync(string c, string n, CancellationToken t = default) => inner.DeleteAsync(c, n, t);

        public async Task<IBlobLease?> TryAcquireLeaseAsync(string c, string n, TimeSpan d, CancellationToken t = default) =>
            await inner.TryAcquireLeaseAsync(c, n, d, t) is { } lease ? new Unreleasable(lease) : null;

        private sealed class Unreleasable(IBlobLease lease) : IBlobLease
        {
            public Task<bool> RenewAsync(CancellationToken t = default) => lease.RenewAsync(t);
            public ValueTask DisposeAsync() => throw new AggregateException("Retry failed after 4 tries.", new IOException("Connection refused"));
        }
    }
}
