using FeedProcessor.Core.Fetching;
using FeedProcessor.Tests.Fetching.Support;

namespace FeedProcessor.Tests.Fetching;

public sealed class ConditionalGetTests
{
    private const string Feed = "<rss version=\"2.0\"><channel><title>News</title></channel></rss>";

    [Fact]
    public async Task Second_fetch_sends_validators_and_a_304_touches_only_the_state()
    {
        await using var server = new LoopbackServer((request, response) =>
            request.Header("If-None-Match") == "\"v1\""
                ? response.SendAsync(304, "", ("ETag", "\"v1\""))
                : response.SendAsync(200, Feed, ("Content-Type", "application/rss+xml"), ("ETag", "\"v1\""), ("Last-Modified", "Wed, 13 Mar 2030 08:00:00 GMT")));
        using var fetcher = FetcherFactory.Create();
        var source = FetcherFactory.Source(server.Url("/feed.xml"));

        var first = await fetcher.FetchAsync(source, new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);
        Assert.Equal(FetchOutcome.Fetched, first.Outcome);
        Assert.Equal(Feed, System.Text.Encoding.UTF8.GetString(first.Body!));
        Assert.Equal("\"v1\"", first.NewState.ETag);
        Assert.Equal("Wed, 13 Mar 2030 08:00:00 GMT", first.NewState.LastModified);
        Assert.Equal("ministry", first.NewState.SourceId);
        Assert.Null(server.Requests[0].Header("If-None-Match"));

        var failingBefore = first.NewState.Clone();
        failingBefore.ConsecutiveFailures = 2;
        failingBefore.LastError = "earlier trouble";
        var later = FetcherFactory.Now.AddMinutes(15);
        var second = await fetcher.FetchAsync(source, failingBefore, later, CancellationToken.None);

        Assert.Equal(FetchOutcome.NotModified, second.Outcome);
        Assert.Null(second.Body);
        Assert.Equal(304, second.HttpStatus);
        Assert.Equal("\"v1\"", server.Requests[1].Header("If-None-Match"));
        Assert.Equal("Wed, 13 Mar 2030 08:00:00 GMT", server.Requests[1].Header("If-Modified-Since"));
        Assert.Equal("304", second.NewState.LastStatus);
        Assert.Equal(later, second.NewState.LastPolled);
        Assert.Equal(later, second.NewState.LastSuccess);
        Assert.Equal(0, second.NewState.ConsecutiveFailures);
        Assert.Null(second.NewState.LastError);
        Assert.Equal("\"v1\"", second.NewState.ETag);
        Assert.Equal("Wed, 13 Mar 2030 08:00:00 GMT", second.NewState.LastModified);
        // The input state is never mutated: the cycle persists NewState only after storing items.
        Assert.Equal(2, failingBefore.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_malformed_unquoted_etag_is_replayed_exactly()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, Feed, ("ETag", "abc123-gov")));
        using var fetcher = FetcherFactory.Create();
        var source = FetcherFactory.Source(server.Url("/feed"));

        var first = await fetcher.FetchAsync(source, new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);
        await fetcher.FetchAsync(source, first.NewState, FetcherFactory.Now.AddMinutes(15), CancellationToken.None);

        Assert.Equal("abc123-gov", first.NewState.ETag);
        Assert.Equal("abc123-gov", server.Requests[1].Header("If-None-Match"));
    }

    [Fact]
    public async Task Requests_identify_us_and_ask_for_feeds_and_compression()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, Feed));
        using var fetcher = FetcherFactory.Create(o => { o.ProductVersion = "9.8.7"; o.ContactUrl = "https://ops.example.org/feeds"; });

        await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("FeedProcessor/9.8.7 (+https://ops.example.org/feeds)", request.Header("User-Agent"));
        Assert.Equal("br, gzip, deflate", request.Header("Accept-Encoding"));
        Assert.StartsWith("application/rss+xml, application/atom+xml", request.Header("Accept"));
        Assert.Contains("*/*", request.Header("Accept"));
    }

    [Fact]
    public async Task Cache_control_max_age_sets_a_lower_bound_on_the_next_poll_and_is_capped()
    {
        await using var server = new LoopbackServer((request, response) => response.SendAsync(200, Feed,
            ("Cache-Control", request.Path == "/short" ? "public, max-age=600" : "max-age=86400")));
        using var fetcher = FetcherFactory.Create(o => o.MaxServerHintDelay = TimeSpan.FromHours(2));

        var shortLived = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/short")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);
        var longLived = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/long"), "other"), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetcherFactory.Now.AddMinutes(10), shortLived.NewState.NextPollNotBefore);
        Assert.Equal(FetcherFactory.Now.AddHours(2), longLived.NewState.NextPollNotBefore);

        var tooEarly = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/short")), shortLived.NewState, FetcherFactory.Now.AddMinutes(5), CancellationToken.None);
        Assert.Equal(FetchOutcome.Skipped, tooEarly.Outcome);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task Expires_is_measured_against_the_servers_date()
    {
        var serverNow = DateTimeOffset.UtcNow;
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, Feed,
            ("Date", serverNow.ToString("R")), ("Expires", serverNow.AddMinutes(30).ToString("R"))));
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetcherFactory.Now.AddMinutes(30), result.NewState.NextPollNotBefore);
    }
}
