using FeedProcessor.Core.Fetching;
using FeedProcessor.Tests.Fetching.Support;

namespace FeedProcessor.Tests.Fetching;

public sealed class RedirectTests
{
    private const string Feed = "<rss version=\"2.0\"><channel><title>News</title></channel></rss>";

    private static LoopbackServer ChainServer() => new((request, response) => request.Path switch
    {
        "/old" => response.RedirectAsync(301, "/middle"),
        "/middle" => response.RedirectAsync(308, "/feed"),
        "/temporary" => response.RedirectAsync(302, "/feed"),
        "/permanent-then-temporary" => response.RedirectAsync(301, "/temporary"),
        "/secure-only" => response.RedirectAsync(301, "http://127.0.0.1/never"),
        "/feed" => response.SendAsync(200, Feed),
        _ => response.SendAsync(404, "missing"),
    });

    [Fact]
    public async Task A_permanent_chain_moves_the_source_only_after_the_grace_period_and_enough_polls()
    {
        await using var server = ChainServer();
        using var fetcher = FetcherFactory.Create(o => { o.PermanentRedirectGrace = TimeSpan.FromDays(7); o.MinPollsBeforeMove = 3; });
        var source = FetcherFactory.Source(server.Url("/old"));
        var t0 = FetcherFactory.Now;

        var first = await fetcher.FetchAsync(source, new SourceFetchState(), t0, CancellationToken.None);

        Assert.Equal(FetchOutcome.Fetched, first.Outcome);
        Assert.Equal(server.Url("/feed"), first.FinalUrl);
        Assert.Equal(["/old", "/middle", "/feed"], server.Requests.Select(r => r.Path));
        Assert.Equal(server.Url("/feed"), first.NewState.PendingRedirect!.Target);
        Assert.Equal(t0, first.NewState.PendingRedirect.FirstSeen);
        Assert.Equal(1, first.NewState.PendingRedirect.Polls);
        Assert.Null(first.NewState.MovedTo);

        var state = first.NewState;
        foreach (var day in new[] { 1, 2 })
            state = (await fetcher.FetchAsync(source, state, t0.AddDays(day), CancellationToken.None)).NewState;
        Assert.Equal(3, state.PendingRedirect!.Polls);
        Assert.Equal(t0.AddDays(2), state.PendingRedirect.LastSeen);
        Assert.Null(state.MovedTo);

        var afterGrace = await fetcher.FetchAsync(source, state, t0.AddDays(8), CancellationToken.None);
        Assert.Equal(server.Url("/feed"), afterGrace.NewState.MovedTo);
        Assert.Null(afterGrace.NewState.PendingRedirect);

        var requestsBefore = server.Requests.Count;
        var moved = await fetcher.FetchAsync(source, afterGrace.NewState, t0.AddDays(9), CancellationToken.None);
        Assert.Equal(FetchOutcome.Fetched, moved.Outcome);
        Assert.Equal("/feed", Assert.Single(server.Requests.Skip(requestsBefore)).Path);
    }

    [Fact]
    public async Task Grace_alone_is_not_enough_without_the_polls()
    {
        await using var server = ChainServer();
        using var fetcher = FetcherFactory.Create(o => { o.PermanentRedirectGrace = TimeSpan.FromDays(7); o.MinPollsBeforeMove = 3; });
        var source = FetcherFactory.Source(server.Url("/old"));

        var first = await fetcher.FetchAsync(source, new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);
        var second = await fetcher.FetchAsync(source, first.NewState, FetcherFactory.Now.AddDays(30), CancellationToken.None);

        Assert.Equal(2, second.NewState.PendingRedirect!.Polls);
        Assert.Null(second.NewState.MovedTo);
    }

    [Fact]
    public async Task A_temporary_redirect_never_changes_anything()
    {
        await using var server = ChainServer();
        using var fetcher = FetcherFactory.Create(o => { o.PermanentRedirectGrace = TimeSpan.Zero; o.MinPollsBeforeMove = 1; });
        var source = FetcherFactory.Source(server.Url("/temporary"));
        var state = new SourceFetchState();

        for (var day = 0; day < 4; day++)
        {
            var result = await fetcher.FetchAsync(source, state, FetcherFactory.Now.AddDays(day * 10), CancellationToken.None);
            Assert.Equal(FetchOutcome.Fetched, result.Outcome);
            state = result.NewState;
        }

        Assert.Null(state.PendingRedirect);
        Assert.Null(state.MovedTo);
        Assert.Equal(4, server.Requests.Count(r => r.Path == "/temporary"));
    }

    [Fact]
    public async Task A_move_target_ends_where_the_permanent_run_ends()
    {
        await using var server = ChainServer();
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/permanent-then-temporary")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(server.Url("/feed"), result.FinalUrl);
        Assert.Equal(server.Url("/temporary"), result.NewState.PendingRedirect!.Target);
    }

    [Fact]
    public async Task A_pending_move_is_forgotten_when_the_old_url_answers_again()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, Feed));
        using var fetcher = FetcherFactory.Create();
        var state = new SourceFetchState { PendingRedirect = new PendingRedirect { Target = new Uri("https://elsewhere.example/feed"), Polls = 2 } };

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), state, FetcherFactory.Now, CancellationToken.None);

        Assert.Null(result.NewState.PendingRedirect);
    }

    [Fact]
    public async Task A_redirect_loop_is_reported_as_a_loop()
    {
        await using var server = new LoopbackServer((request, response) =>
            response.RedirectAsync(301, request.Path == "/a" ? "/b" : "/a"));
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/a")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(FetchErrorKind.RedirectLoop, result.ErrorKind);
        Assert.Equal("redirect-loop", result.NewState.LastStatus);
        Assert.Contains("loop", result.Error);
        Assert.Equal(["/a", "/b"], server.Requests.Select(r => r.Path));
        Assert.Null(result.NewState.PendingRedirect);
    }

    [Fact]
    public async Task More_redirects_than_allowed_give_up()
    {
        await using var server = new LoopbackServer((request, response) =>
            response.RedirectAsync(307, $"/hop/{int.Parse(request.Path.Split('/')[2]) + 1}"));
        using var fetcher = FetcherFactory.Create(o => o.MaxRedirects = 5);

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/hop/0")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.TooManyRedirects, result.ErrorKind);
        Assert.Equal(6, server.Requests.Count);
        Assert.Contains("more than 5 times", result.Error);
    }

    [Fact]
    public async Task A_redirect_to_an_unsupported_scheme_is_refused_with_a_reason()
    {
        await using var server = new LoopbackServer((_, response) => response.RedirectAsync(302, "file:///etc/passwd"));
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.BadUrl, result.ErrorKind);
        Assert.Equal("Only http and https URLs can be fetched, not file:///etc/passwd.", result.Error);
    }
}
