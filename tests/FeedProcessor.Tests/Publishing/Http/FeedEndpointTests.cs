using System.Text.Json;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Publishing.Http;
using static FeedProcessor.Tests.Publishing.FeedRendering;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Publishing.Http;

public sealed class FeedEndpointTests
{
    [Fact]
    public void A_response_carries_a_strong_etag_last_modified_cache_control_and_vary()
    {
        var response = Respond();

        Assert.Equal(200, response.Status);
        Assert.Equal("application/rss+xml; charset=utf-8", response.ContentType);
        Assert.Matches("^\"[0-9a-f]{32}\"$", response.Headers["ETag"]);
        Assert.Equal("Sun, 04 Feb 2024 09:40:00 GMT", response.Headers["Last-Modified"]);
        Assert.Equal("public, max-age=60", response.Headers["Cache-Control"]);
        Assert.Equal("Accept", response.Headers["Vary"]);
    }

    [Fact]
    public void Max_age_is_configurable()
    {
        var response = Respond(endpoint: new FeedEndpoint(new PublishingOptions { MaxAgeSeconds = 300 }));

        Assert.Equal("public, max-age=300", response.Headers["Cache-Control"]);
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("W/{0}")]
    [InlineData("\"other\", {0}")]
    [InlineData("\"a,b\",W/{0} ")]
    [InlineData("*")]
    public void If_none_match_with_our_tag_gives_304_without_a_body(string headerTemplate)
    {
        var endpoint = new FeedEndpoint();
        var etag = Respond(endpoint: endpoint).Headers["ETag"];

        var response = Respond(endpoint: endpoint, headers: new() { ["If-None-Match"] = string.Format(headerTemplate, etag) });

        Assert.Equal(304, response.Status);
        Assert.True(response.Body.IsEmpty);
        Assert.Equal(etag, response.Headers["ETag"]);
        Assert.Equal("public, max-age=60", response.Headers["Cache-Control"]);
    }

    [Theory]
    [InlineData("\"0123\"")]
    [InlineData("garbage")]
    [InlineData("\"unterminated")]
    public void If_none_match_with_another_tag_gives_the_full_response(string header)
    {
        var response = Respond(headers: new() { ["If-None-Match"] = header });

        Assert.Equal(200, response.Status);
        Assert.False(response.Body.IsEmpty);
    }

    [Fact]
    public void If_modified_since_gives_304_when_nothing_is_newer_and_is_ignored_beside_if_none_match()
    {
        Assert.Equal(304, Respond(headers: new() { ["If-Modified-Since"] = "Sun, 04 Feb 2024 09:40:00 GMT" }).Status);
        Assert.Equal(304, Respond(headers: new() { ["If-Modified-Since"] = "Mon, 05 Feb 2024 00:00:00 GMT" }).Status);
        Assert.Equal(200, Respond(headers: new() { ["If-Modified-Since"] = "Sun, 04 Feb 2024 09:39:59 GMT" }).Status);
        Assert.Equal(200, Respond(headers: new() { ["If-Modified-Since"] = "not a date" }).Status);
        Assert.Equal(200, Respond(headers: new() { ["If-Modified-Since"] = "Mon, 05 Feb 2024 00:00:00 GMT", ["If-None-Match"] = "\"stale\"" }).Status);
    }

    [Fact]
    public void The_etag_changes_with_the_content_and_the_representation()
    {
        var endpoint = new FeedEndpoint();
        var rss = Respond(endpoint: endpoint).Headers["ETag"];
        var atom = Respond("format=atom", endpoint: endpoint).Headers["ETag"];
        var browser = Respond(endpoint: endpoint, headers: new() { ["Accept"] = "text/html,application/xml;q=0.9" });
        var rssInBrowser = Respond("format=rss", endpoint: endpoint, headers: new() { ["Accept"] = "text/html,application/xml;q=0.9" });
        var index = SampleIndex();
        index.Articles[0].Title = "Changed";
        var changed = Respond(index: index).Headers["ETag"];

        Assert.Equal(5, new HashSet<string> { rss, atom, browser.Headers["ETag"], rssInBrowser.Headers["ETag"], changed }.Count);
        Assert.Equal("text/html; charset=utf-8", browser.ContentType);
        // The RSS asked for by name in a browser comes as XML the browser shows, instead of a download.
        Assert.Equal("application/xml; charset=utf-8", rssInBrowser.ContentType);
    }

    [Fact]
    public void A_browser_gets_the_page_with_the_same_caching_rules_and_readers_keep_getting_the_feed()
    {
        var endpoint = new FeedEndpoint();
        var chromium = new Dictionary<string, string> { ["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8" };
        var page = Respond(endpoint: endpoint, headers: chromium);

        Assert.Equal(200, page.Status);
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Equal("Accept", page.Headers["Vary"]);
        Assert.Equal("public, max-age=60", page.Headers["Cache-Control"]);
        Assert.Equal(304, Respond(endpoint: endpoint, headers: new(chromium) { ["If-None-Match"] = page.Headers["ETag"] }).Status);
        Assert.Equal(304, Respond(endpoint: endpoint, headers: new(chromium) { ["If-Modified-Since"] = page.Headers["Last-Modified"] }).Status);

        foreach (var reader in (string?[])[null, "*/*", "application/rss+xml", "application/rss+xml, */*;q=0.5",
                     "application/atom+xml,application/rdf+xml,application/rss+xml,application/x-netcdf,application/xml;q=0.9,text/xml;q=0.2,*/*;q=0.1"])
        {
            var response = Respond(endpoint: endpoint, headers: reader is null ? null : new() { ["Accept"] = reader });
            Assert.Matches("^application/(rss|atom)\\+xml; charset=utf-8$", response.ContentType);
        }
    }

    [Fact]
    public async Task The_same_feed_is_rendered_once_per_index_version_and_served_from_memory()
    {
        var endpoint = new FeedEndpoint();
        var archive = SampleIndex();
        var slow = archive.Publish(TimeSpan.FromHours(1));
        var first = await endpoint.HandleAsync(Request("lang=ru&x=1"), slow, Sources());

        // Changed while the version checked last is still fresh: the cached bytes are served, which proves nothing was rendered again.
        await archive.AddAsync(Make("newer", minutes: 100_000, language: "ru"));
        var second = await endpoint.HandleAsync(Request("lang=ru&y=2"), slow, Sources());
        var third = await endpoint.HandleAsync(Request("lang=ru"), archive.Publish(TimeSpan.Zero), Sources());

        Assert.True(first.Body.Span.SequenceEqual(second.Body.Span));
        Assert.False(first.Body.Span.SequenceEqual(third.Body.Span));
        Assert.Equal(2, endpoint.CachedResponses);
    }

    [Fact]
    public void The_cache_is_bounded()
    {
        var endpoint = new FeedEndpoint(new PublishingOptions { ResponseCacheEntries = 8 });
        var index = SampleIndex().Publish();

        for (var limit = 1; limit <= 30; limit++) endpoint.HandleAsync(Request($"limit={limit}"), index, Sources()).GetAwaiter().GetResult();

        Assert.Equal(8, endpoint.CachedResponses);
    }

    [Fact]
    public void The_lru_cache_drops_the_least_recently_used_entry()
    {
        var cache = new RenderedResponseCache(2);
        var response = new RenderedResponse("text/plain", [1], DateTimeOffset.UnixEpoch, "no-cache");
        cache.Set("a", response);
        cache.Set("b", response);
        Assert.True(cache.TryGet("a", out _));

        cache.Set("c", response);

        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
    }

    [Fact]
    public void Different_public_hosts_get_their_own_self_links()
    {
        var endpoint = new FeedEndpoint();
        var index = SampleIndex().Publish();
        var direct = endpoint.HandleAsync(Request(), index, Sources()).GetAwaiter().GetResult();
        var proxied = endpoint.HandleAsync(Request(host: "feeds.example.org"), index, Sources()).GetAwaiter().GetResult();

        Assert.Contains("https://news.example.kz/api/feed", System.Text.Encoding.UTF8.GetString(direct.Body.Span));
        Assert.Contains("https://feeds.example.org/api/feed", System.Text.Encoding.UTF8.GetString(proxied.Body.Span));
    }

    [Fact]
    public void An_invalid_parameter_is_a_problem_response()
    {
        var response = Respond("limit=9999");

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json; charset=utf-8", response.ContentType);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("limit", json.RootElement.GetProperty("parameter").GetString());
    }

    [Fact]
    public void An_unknown_source_is_a_problem_response_naming_it()
    {
        var response = Respond("source=mfa,nosuchministry");

        Assert.Equal(400, response.Status);
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal("source", json.RootElement.GetProperty("parameter").GetString());
        Assert.Contains("nosuchministry", json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public void A_filtered_feed_is_titled_by_its_filters()
    {
        var feed = CodeHollow.FeedReader.FeedReader.ReadFromString(Render("source=primeminister,mfa&lang=ru&q=coal"));

        Assert.Equal("FeedProcessor — Prime Minister of Kazakhstan, Ministry of Foreign Affairs · ru · \"coal\"", feed.Title);
        Assert.Equal("Правительство обсудило развитие угольной отрасли", Assert.Single(feed.Items).Title);
    }

    [Fact]
    public void Problem_json_keeps_apostrophes_and_plus_signs_readable()
    {
        var response = Respond("limit=it's%2B1");

        Assert.Equal(400, response.Status);
        var body = System.Text.Encoding.UTF8.GetString(response.Body.Span);
        Assert.Contains("'it's+1' is not a whole number", body);
        Assert.DoesNotContain("\\u0027", body);
        Assert.DoesNotContain("\\u002B", body);
        Assert.Equal("it's+1", System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()![1..7]);
    }
}
