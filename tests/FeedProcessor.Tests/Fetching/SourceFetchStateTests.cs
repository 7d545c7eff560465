using System.Text.Json;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Tests.Fetching.Support;

namespace FeedProcessor.Tests.Fetching;

public sealed class SourceFetchStateTests
{
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web);

    [Fact]
    public void State_round_trips_through_camel_case_json()
    {
        var state = new SourceFetchState
        {
            SourceId = "ministry",
            ETag = "W/\"abc\"",
            LastModified = "Wed, 13 Mar 2030 08:00:00 GMT",
            LastPolled = FetcherFactory.Now,
            LastStatus = "429",
            ConsecutiveFailures = 3,
            NextPollNotBefore = FetcherFactory.Now.AddHours(1),
            PendingRedirect = new PendingRedirect { Target = new Uri("https://new.example.gov/rss"), FirstSeen = FetcherFactory.Now, LastSeen = FetcherFactory.Now, Polls = 2 },
            MovedTo = new Uri("https://moved.example.gov/feed"),
            ArticleCount = 42,
            SeenItemKeys = ["a", "b"],
        };

        var json = JsonSerializer.Serialize(state, CamelCase);
        var back = JsonSerializer.Deserialize<SourceFetchState>(json, CamelCase)!;

        Assert.Contains("\"nextPollNotBefore\":", json);
        Assert.Contains("\"pendingRedirect\":{\"target\":\"https://new.example.gov/rss\"", json);
        Assert.Equal(JsonSerializer.Serialize(back, CamelCase), json);
        Assert.Equal(2, back.PendingRedirect!.Polls);
        Assert.Equal(["a", "b"], back.SeenItemKeys);
    }

    [Fact]
    public void Clone_does_not_share_mutable_parts()
    {
        var state = new SourceFetchState { SeenItemKeys = ["a"], PendingRedirect = new PendingRedirect { Target = new Uri("https://x.example/"), Polls = 1 } };

        var copy = state.Clone();
        copy.SeenItemKeys.Add("b");
        copy.PendingRedirect!.Polls = 5;

        Assert.Equal(["a"], state.SeenItemKeys);
        Assert.Equal(1, state.PendingRedirect.Polls);
    }

    [Fact]
    public void Remembered_items_keep_the_newest_and_stay_bounded()
    {
        var state = new SourceFetchState();
        state.RememberItems(["c", "b", "a"], max: 4);
        state.RememberItems(["e", "d", "c"], max: 4);

        Assert.Equal(["e", "d", "c", "b"], state.SeenItemKeys);

        state.RememberItems(Enumerable.Range(0, 10).Select(i => $"n{i}"), max: 3);
        Assert.Equal(["n0", "n1", "n2"], state.SeenItemKeys);
    }

    [Fact]
    public void Remembering_is_linear_for_large_feeds()
    {
        var state = new SourceFetchState();
        state.RememberItems(Enumerable.Range(0, 2000).Select(i => $"old{i}"));

        state.RememberItems(Enumerable.Range(0, 50_000).Select(i => $"new{i}"));

        Assert.Equal(SourceFetchState.DefaultSeenItemLimit, state.SeenItemKeys.Count);
        Assert.Equal("new0", state.SeenItemKeys[0]);
        Assert.Equal("new1999", state.SeenItemKeys[^1]);
    }

    [Fact]
    public void Rss_ttl_is_a_capped_lower_bound_on_the_next_poll()
    {
        using var fetcher = FetcherFactory.Create(o => o.MaxServerHintDelay = TimeSpan.FromHours(2));
        var now = FetcherFactory.Now;
        var state = new SourceFetchState { NextPollNotBefore = now.AddMinutes(10) };

        Assert.Equal(now.AddMinutes(30), fetcher.AfterParse(state, 30, now).NextPollNotBefore);
        Assert.Equal(now.AddHours(2), fetcher.AfterParse(state, 1440, now).NextPollNotBefore);
        Assert.Equal(now.AddMinutes(10), fetcher.AfterParse(state, 5, now).NextPollNotBefore);
        Assert.Equal(now.AddMinutes(10), fetcher.AfterParse(state, null, now).NextPollNotBefore);
    }

    [Fact]
    public async Task A_parse_failure_counts_as_a_failure_and_rolls_back_what_the_fetch_learned()
    {
        await using var server = new LoopbackServer((request, response) => request.Path == "/old"
            ? response.RedirectAsync(301, "/homepage")
            : response.SendAsync(200, "<html>not a feed</html>", ("ETag", "\"page\""), ("Content-Type", "text/html")));
        using var fetcher = FetcherFactory.Create(o => o.BaseBackoff = TimeSpan.FromMinutes(15));
        var before = new SourceFetchState { ETag = "\"feed\"", ConsecutiveFailures = 1, LastSuccess = FetcherFactory.Now.AddDays(-1) };

        var fetched = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/old")), before, FetcherFactory.Now, CancellationToken.None);
        Assert.Equal(FetchOutcome.Fetched, fetched.Outcome);
        Assert.Equal(0, fetched.NewState.ConsecutiveFailures);
        Assert.NotNull(fetched.NewState.PendingRedirect);

        var failed = fetcher.AfterParseFailure(fetched, FetchErrorKind.NotAFeed, "The document is an HTML page, not a feed.", FetcherFactory.Now);

        Assert.Equal("not-a-feed", failed.LastStatus);
        Assert.Equal("The document is an HTML page, not a feed.", failed.LastError);
        Assert.Equal(2, failed.ConsecutiveFailures);
        Assert.Equal(FetcherFactory.Now.AddMinutes(30), failed.NextPollNotBefore);
        Assert.Equal(FetcherFactory.Now.AddDays(-1), failed.LastSuccess);
        Assert.Null(failed.ETag);
        Assert.Null(failed.PendingRedirect);
        Assert.Equal("ministry", failed.SourceId);
    }
}
