using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Fetching.Politeness;
using FeedProcessor.Tests.Fetching.Support;

namespace FeedProcessor.Tests.Fetching;

public sealed class PolitenessTests
{
    private const string Feed = "<rss version=\"2.0\"><channel><title>News</title></channel></rss>";

    [Fact]
    public async Task Retry_after_seconds_on_429_keeps_the_source_and_its_host_away_until_then()
    {
        var limited = true;
        await using var server = new LoopbackServer((_, response) => limited
            ? response.SendAsync(429, "slow down", ("Retry-After", "120"))
            : response.SendAsync(200, Feed));
        using var fetcher = FetcherFactory.Create(o => o.BaseBackoff = TimeSpan.FromSeconds(1));
        var source = FetcherFactory.Source(server.Url("/feed"));
        var neighbour = FetcherFactory.Source(server.Url("/other-feed"), "neighbour");
        var now = FetcherFactory.Now;

        var refused = await fetcher.FetchAsync(source, new SourceFetchState(), now, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, refused.Outcome);
        Assert.Equal(429, refused.HttpStatus);
        Assert.Equal("429", refused.NewState.LastStatus);
        Assert.Equal(1, refused.NewState.ConsecutiveFailures);
        Assert.Equal(now.AddSeconds(120), refused.NewState.NextPollNotBefore);
        Assert.Contains("429", refused.Error);
        Assert.Contains("asked us to wait until 09:02 UTC", refused.Error);

        var tooSoon = await fetcher.FetchAsync(source, refused.NewState, now.AddSeconds(60), CancellationToken.None);
        var neighbourTooSoon = await fetcher.FetchAsync(neighbour, new SourceFetchState(), now.AddSeconds(60), CancellationToken.None);

        Assert.Equal(FetchOutcome.Skipped, tooSoon.Outcome);
        Assert.Equal(FetchOutcome.Skipped, neighbourTooSoon.Outcome);
        Assert.Equal(now.AddSeconds(120), neighbourTooSoon.NewState.NextPollNotBefore);
        Assert.Single(server.Requests);

        limited = false;
        var afterwards = await fetcher.FetchAsync(source, tooSoon.NewState, now.AddSeconds(121), CancellationToken.None);
        Assert.Equal(FetchOutcome.Fetched, afterwards.Outcome);
        Assert.Equal(0, afterwards.NewState.ConsecutiveFailures);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Retry_after_http_date_is_measured_against_the_servers_clock()
    {
        // The server's clock is real time; ours (the now parameter) is years away: only the difference may count.
        var serverNow = DateTimeOffset.UtcNow;
        await using var server = new LoopbackServer((_, response) => response.SendAsync(429, "",
            ("Date", serverNow.ToString("R")), ("Retry-After", serverNow.AddMinutes(5).ToString("R"))));
        using var fetcher = FetcherFactory.Create(o => o.BaseBackoff = TimeSpan.FromSeconds(1));
        var source = FetcherFactory.Source(server.Url("/feed"));

        var refused = await fetcher.FetchAsync(source, new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);
        var tooSoon = await fetcher.FetchAsync(source, refused.NewState, FetcherFactory.Now.AddMinutes(4), CancellationToken.None);

        Assert.Equal(FetcherFactory.Now.AddMinutes(5), refused.NewState.NextPollNotBefore);
        Assert.Equal(FetchOutcome.Skipped, tooSoon.Outcome);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_503_with_retry_after_says_when_and_blocks_the_host()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(503, "down", ("Retry-After", "3900")));
        using var fetcher = FetcherFactory.Create(o => o.BaseBackoff = TimeSpan.FromSeconds(1));

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);
        var neighbour = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/b"), "b"), new SourceFetchState(), FetcherFactory.Now.AddMinutes(1), CancellationToken.None);

        Assert.Equal(FetchErrorKind.Http, result.ErrorKind);
        Assert.Equal("503", result.NewState.LastStatus);
        Assert.StartsWith("The server answered 503 Service Unavailable for http://127.0.0.1:", result.Error);
        Assert.EndsWith("; it asked us to wait until 10:05 UTC.", result.Error);
        Assert.Equal(result.Error, result.NewState.LastError);
        Assert.Equal(FetchOutcome.Skipped, neighbour.Outcome);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_bare_503_backs_off_that_source_but_not_its_host()
    {
        await using var server = new LoopbackServer((request, response) => request.Path == "/broken"
            ? response.SendAsync(503, "")
            : response.SendAsync(200, Feed));
        using var fetcher = FetcherFactory.Create(o => o.BaseBackoff = TimeSpan.FromMinutes(15));

        var broken = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/broken")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);
        var neighbour = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/fine"), "fine"), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetcherFactory.Now.AddMinutes(15), broken.NewState.NextPollNotBefore);
        Assert.Equal(FetchOutcome.Fetched, neighbour.Outcome);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Consecutive_failures_double_the_wait_up_to_the_cap()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(500, "boom"));
        using var fetcher = FetcherFactory.Create(o => { o.BaseBackoff = TimeSpan.FromMinutes(15); o.MaxBackoff = TimeSpan.FromHours(6); });
        var source = FetcherFactory.Source(server.Url("/feed"));
        var state = new SourceFetchState();
        var now = FetcherFactory.Now;
        var waits = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var result = await fetcher.FetchAsync(source, state, now, CancellationToken.None);
            Assert.Equal(FetchOutcome.Failed, result.Outcome);
            Assert.Equal(attempt, result.NewState.ConsecutiveFailures);
            waits.Add(result.NewState.NextPollNotBefore!.Value - now);
            state = result.NewState;
            now = state.NextPollNotBefore!.Value;
        }

        Assert.Equal([15, 30, 60, 120, 240, 360, 360], waits.Select(w => w.TotalMinutes));
        Assert.Equal(7, server.Requests.Count);
    }

    [Theory]
    [InlineData(0.0, 1, 15.0)]
    [InlineData(1.0, 1, 13.5)]
    [InlineData(0.5, 3, 57.0)]
    [InlineData(0.0, 40, 360.0)]
    [InlineData(1.0, 40, 324.0)]
    public void Jitter_only_shortens_the_wait(double random, int failures, double expectedMinutes)
    {
        var backoff = new Backoff(TimeSpan.FromMinutes(15), TimeSpan.FromHours(6), () => random);

        Assert.Equal(expectedMinutes, backoff.WithJitter(failures).TotalMinutes, precision: 6);
    }

    [Fact]
    public async Task No_more_than_the_per_host_limit_of_requests_run_at_once()
    {
        await using var server = new LoopbackServer(async (_, response) =>
        {
            await Task.Delay(250);
            await response.SendAsync(200, Feed);
        });
        using var fetcher = FetcherFactory.Create(o => o.PerHostConcurrency = 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            fetcher.FetchAsync(FetcherFactory.Source(server.Url($"/feed/{i}"), $"s{i}"), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(FetchOutcome.Fetched, r.Outcome));
        Assert.Equal(6, server.Requests.Count);
        Assert.Equal(2, server.MaxConcurrentRequests);
    }

    [Fact]
    public async Task The_total_limit_holds_across_hosts()
    {
        await using var server = new LoopbackServer(async (_, response) =>
        {
            await Task.Delay(250);
            await response.SendAsync(200, Feed);
        });
        var resolver = FetcherFactory.Resolve(("a.example.gov", "127.0.0.1"), ("b.example.gov", "127.0.0.1"));
        using var fetcher = FetcherFactory.Create(o => { o.PerHostConcurrency = 2; o.TotalConcurrency = 3; }, resolver);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            fetcher.FetchAsync(FetcherFactory.Source(new Uri($"http://{(i % 2 == 0 ? "a" : "b")}.example.gov:{server.Port}/feed/{i}"), $"s{i}"),
                new SourceFetchState(), FetcherFactory.Now, CancellationToken.None)));

        Assert.All(results, r => Assert.Equal(FetchOutcome.Fetched, r.Outcome));
        Assert.Equal(3, server.MaxConcurrentRequests);
        Assert.Contains(server.Requests, r => r.Header("Host") == $"a.example.gov:{server.Port}");
    }
}
