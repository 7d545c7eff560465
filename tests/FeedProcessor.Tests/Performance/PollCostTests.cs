using System.Net;
using System.Text;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;

namespace FeedProcessor.Tests.Performance;

/// <summary>What a poll cycle costs in blob transactions: on Azure each one is billed.</summary>
public sealed class PollCostTests
{
    private const int Sources = 5;

    [Theory]
    [InlineData(true)]  // the server answers If-None-Match with 304
    [InlineData(false)] // the server sends the same 200 again
    public async Task A_cycle_where_nothing_changed_writes_no_blob_and_reads_one_state_blob_per_source(bool conditionalGet)
    {
        await using var server = new LoopbackServer();
        var sources = new List<SourceDefinition>();
        for (var i = 0; i < Sources; i++)
        {
            var body = Encoding.UTF8.GetBytes($"""<rss version="2.0"><channel><title>S{i}</title><item><title>Item of {i}</title><link>https://s{i}.example/1</link></item></channel></rss>""");
            var etag = $"\"v{i}\"";
            server.Map($"/{i}.xml", request => conditionalGet && request.Headers["If-None-Match"] == etag
                ? new LoopbackServer.Response((int)HttpStatusCode.NotModified, [])
                : new LoopbackServer.Response(200, body, Headers: conditionalGet ? new Dictionary<string, string> { ["ETag"] = etag } : null));
            sources.Add(new SourceDefinition { Id = $"s{i}", Title = $"S{i}", Url = new Uri($"{server.BaseUrl}/{i}.xml") });
        }
        var store = new CountingBlobStore(TestStores.Folder());
        using var fetcher = new FeedFetcher(new FetcherOptions { AllowPrivateNetwork = true });
        var first = await new PollCycle(store, fetcher).RunAsync(sources);
        Assert.All(first, r => Assert.Equal(1, r.New));
        Assert.Equal(Sources, store.Count("write", Containers.Raw));

        // The second cycle records that the source now answers 304 (a real change); the third is the steady state.
        await new PollCycle(store, fetcher).RunAsync(sources);
        store.Reset();
        var again = await new PollCycle(store, fetcher).RunAsync(sources);

        Assert.All(again, r => Assert.Equal(0, r.New));
        Assert.All(again, r => Assert.Equal(conditionalGet ? "not-modified" : "fetched", r.Status));
        Assert.Equal(0, store.Count("write"));
        Assert.Equal(0, store.Count("delete"));
        Assert.All(sources, s => Assert.True(store.Calls.Count(c => c.Operation == "read" && c.Name.Contains(s.Id)) <= 1,
            $"{s.Id} was read {store.Calls.Count(c => c.Operation == "read" && c.Name.Contains(s.Id))} times"));
    }
}
