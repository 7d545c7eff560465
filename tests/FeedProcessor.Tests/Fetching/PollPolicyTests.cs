using FeedProcessor.Core.Fetching;
using FeedProcessor.Tests.Fetching.Support;

namespace FeedProcessor.Tests.Fetching;

/// <summary>A source's backoff belongs to the definition and network policy it was earned under.</summary>
public sealed class PollPolicyTests
{
    private const string Feed = "<rss version=\"2.0\"><channel><title>News</title></channel></rss>";

    [Fact]
    public async Task A_fixed_definition_is_polled_at_once_and_an_unchanged_one_keeps_its_backoff()
    {
        var down = true;
        await using var server = new LoopbackServer((_, response) => down ? response.SendAsync(503, "down") : response.SendAsync(200, Feed));
        using var fetcher = FetcherFactory.Create();
        var source = FetcherFactory.Source(server.Url("/feed"));
        var now = FetcherFactory.Now;

        var failed = await fetcher.FetchAsync(source, new SourceFetchState(), now, CancellationToken.None);
        Assert.Equal(FetchOutcome.Failed, failed.Outcome);
        Assert.True(failed.NewState.NextPollNotBefore > now.AddMinutes(10));
        down = false;

        var held = await fetcher.FetchAsync(source, failed.NewState, now.AddMinutes(1), CancellationToken.None);
        var afterFix = await fetcher.FetchAsync(source with { Url = server.Url("/feed?fixed=1") }, failed.NewState, now.AddMinutes(1), CancellationToken.None);

        Assert.Equal(FetchOutcome.Skipped, held.Outcome);
        Assert.Equal(FetchOutcome.Fetched, afterFix.Outcome);
        Assert.Equal(0, afterFix.NewState.ConsecutiveFailures);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Force_ignores_the_stored_wait()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, Feed));
        using var forcing = FetcherFactory.Create(o => o.IgnoreEarlierWaits = true);
        var source = FetcherFactory.Source(server.Url("/feed"));
        var waiting = new SourceFetchState { ConsecutiveFailures = 3, NextPollNotBefore = FetcherFactory.Now.AddHours(2) };

        var forced = await forcing.FetchAsync(source, waiting, FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchOutcome.Fetched, forced.Outcome);
        Assert.Single(server.Requests);
    }

    [Fact]
    public void The_network_policy_is_part_of_the_fingerprint()
    {
        var source = FetcherFactory.Source(new Uri("http://127.0.0.1/feed"));
        Assert.NotEqual(
            PollPolicy.Fingerprint(source, new FetcherOptions { AllowPrivateNetwork = false }),
            PollPolicy.Fingerprint(source, new FetcherOptions { AllowPrivateNetwork = true }));
        Assert.Equal(
            PollPolicy.Fingerprint(source, new FetcherOptions { AllowPrivateNetwork = true }),
            PollPolicy.Fingerprint(source with { }, new FetcherOptions { AllowPrivateNetwork = true, TotalConcurrency = 3 }));
    }
}
