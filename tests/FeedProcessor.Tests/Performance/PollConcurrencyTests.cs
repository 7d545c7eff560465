using FeedProcessor.Core.Processing;
using FeedProcessor.Core.Sources;
using FeedProcessor.Tests.Fetching.Support;
using TestStores = FeedProcessor.Tests.Infrastructure.TestStores;

namespace FeedProcessor.Tests.Performance;

/// <summary>
/// A cycle over many slow sources takes about ceil(sources / total concurrency) round trips only if it really keeps
/// that many requests in flight. This checks the count, not the time (tests/perf/run.sh measures the time).
/// </summary>
public sealed class PollConcurrencyTests
{
    [Fact]
    public async Task A_cycle_keeps_the_total_concurrency_of_requests_in_flight_across_hosts()
    {
        const int sources = 24, concurrency = 6;
        await using var server = new LoopbackServer(async (_, response) =>
        {
            await Task.Delay(300); // a distant site: long enough that the cycle's requests overlap
            await response.SendAsync(200, "<rss version=\"2.0\"><channel><title>News</title><item><title>One</title><link>https://gov.example/1</link></item></channel></rss>");
        });
        // One host per source, as 200 ministries are 200 sites: the per-host limit (2) never binds.
        var hosts = Enumerable.Range(0, sources).Select(i => ($"ministry{i}.example.gov", "127.0.0.1")).ToArray();
        using var fetcher = FetcherFactory.Create(o => o.TotalConcurrency = concurrency, FetcherFactory.Resolve(hosts));
        var definitions = hosts.Select((host, i) => new SourceDefinition
        {
            Id = $"m{i}", Title = $"Ministry {i}", Url = new Uri($"http://{host.Item1}:{server.Port}/feed"),
        }).ToList();

        var reports = await new PollCycle(TestStores.Folder(), fetcher).RunAsync(definitions);

        Assert.All(reports, r => Assert.Equal("fetched", r.Status));
        Assert.Equal(sources, server.Requests.Count);
        Assert.Equal(concurrency, server.MaxConcurrentRequests);
    }
}
