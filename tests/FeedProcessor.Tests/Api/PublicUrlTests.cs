using System.Net;
using System.Text;
using FeedProcessor.Cli.Hosting;
using FeedProcessor.Core.Api;
using FeedProcessor.Core.Publishing;
using FeedProcessor.Core.Publishing.Pages;
using FeedProcessor.Core.Storage;
using FeedProcessor.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using static FeedProcessor.Tests.Publishing.PublishingFixtures;

namespace FeedProcessor.Tests.Api;

/// <summary>
/// No cache poisoning behind a proxy: a request cannot choose the host the links of a (publicly cached) response name.
/// Requests go through the hosts' adapter (<see cref="AspNetCoreAdapter"/>), as in the Functions app and `feedproc run`.
/// </summary>
public sealed class PublicUrlTests
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.9");
    private static readonly IPAddress Proxy = IPAddress.Parse("10.1.2.3");

    [Fact]
    public void A_forwarded_host_from_an_untrusted_peer_gets_no_links_to_it()
    {
        var body = Feed(PublicUrlPolicy.Default, Client, forwardedHost: "evil.example", forwardedProto: "http");

        Assert.DoesNotContain("evil.example", body);
        Assert.Contains("https://news.example.kz/api/feed", body);
    }

    [Fact]
    public void A_forwarded_host_from_anyone_is_ignored_when_no_proxy_is_trusted_even_from_a_private_network()
    {
        Assert.DoesNotContain("evil.example", Feed(PublicUrlPolicy.Default, Proxy, forwardedHost: "evil.example"));
        Assert.DoesNotContain("evil.example", Feed(PublicUrlPolicy.Default, IPAddress.Loopback, forwardedHost: "evil.example"));
    }

    [Fact]
    public void A_trusted_proxy_forwards_its_host_and_scheme()
    {
        var policy = PublicUrlPolicy.Parse(null, ["192.168.0.1, 10.0.0.0/8"]);

        var body = Feed(policy, Proxy, forwardedHost: "feeds.example.org", forwardedProto: "http");
        Assert.Contains("http://feeds.example.org/api/feed", body);
        Assert.DoesNotContain("news.example.kz/api", body);
        // The same proxy reached over IPv6 (an IPv4-mapped address, as dual-stack sockets report it).
        Assert.Contains("feeds.example.org/api/feed", Feed(policy, Proxy.MapToIPv6(), forwardedHost: "feeds.example.org"));
        // Outside the trusted range: ignored.
        Assert.DoesNotContain("feeds.example.org", Feed(policy, Client, forwardedHost: "feeds.example.org"));
    }

    [Fact]
    public void A_client_behind_a_trusted_proxy_cannot_choose_the_host_the_proxy_appends_to()
    {
        var policy = PublicUrlPolicy.Parse(null, ["10.0.0.0/8"]);

        // The client sent "evil.example"; the proxy appended the host it was asked for.
        var body = Feed(policy, Proxy, forwardedHost: "evil.example, feeds.example.org", forwardedProto: "javascript");

        Assert.DoesNotContain("evil.example", body);
        Assert.Contains("https://feeds.example.org/api/feed", body);
    }

    [Fact]
    public void The_public_url_wins_over_the_host_header_and_forwarded_headers()
    {
        var policy = PublicUrlPolicy.Parse("https://feeds.example.org/news/", ["10.0.0.0/8"]);

        var body = Feed(policy, Proxy, forwardedHost: "evil.example", host: "func-abc.azurewebsites.net", scheme: "http");

        Assert.Contains("https://feeds.example.org/news/api/feed", body);
        Assert.DoesNotContain("evil.example", body);
        Assert.DoesNotContain("azurewebsites.net", body);
        var page = Encoding.UTF8.GetString(HomePage.Handle(Adapt(policy, Proxy, "evil.example", null, "func-abc.azurewebsites.net", "http", route: ""), Publishing.Pages.HomePageTests.Statuses(), Epoch).Body.Span);
        Assert.Contains("https://feeds.example.org/news/api/feed?format=atom", page);
        Assert.DoesNotContain("evil.example", page);
    }

    [Fact]
    public void Poisoning_attempts_share_one_cached_response_with_everybody_else()
    {
        var endpoint = new FeedEndpoint();
        var index = SampleIndex().Publish();
        var plain = endpoint.HandleAsync(Adapt(PublicUrlPolicy.Default, Client, null, null, "news.example.kz", "https"), index, Sources()).GetAwaiter().GetResult();
        var attempt = endpoint.HandleAsync(Adapt(PublicUrlPolicy.Default, Client, "evil.example", "http", "news.example.kz", "https"), index, Sources()).GetAwaiter().GetResult();

        Assert.Equal(plain.Headers["ETag"], attempt.Headers["ETag"]);
        Assert.True(plain.Body.Span.SequenceEqual(attempt.Body.Span));
    }

    [Theory]
    [InlineData("feeds.example.org", null, "The public URL must be an absolute http(s) URL")]
    [InlineData("ftp://feeds.example.org", null, "The public URL must be an absolute http(s) URL")]
    [InlineData("https://feeds.example.org/?a=1", null, "The public URL must be an absolute http(s) URL")]
    [InlineData(null, "10.0.0.0/8, proxy.internal", "\"proxy.internal\"")]
    [InlineData(null, "10.0.0.0/33", "\"10.0.0.0/33\"")]
    public void A_bad_setting_is_a_clear_error(string? publicUrl, string? trustedProxies, string message)
    {
        var error = Assert.Throws<FormatException>(() => PublicUrlPolicy.Parse(publicUrl, [trustedProxies]));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Feedproc_run_serves_links_by_the_same_rules_over_real_http()
    {
        var store = TestStores.Folder();
        var api = new FeedApi(store, TestIndex.Sqlite().Published(store), () => []);

        Assert.DoesNotContain("evil.example", await GetFeedAsync(api, PublicUrlPolicy.Default));
        Assert.Contains("https://evil.example/api/feed", await GetFeedAsync(api, PublicUrlPolicy.Parse(null, ["127.0.0.1"])));
        var published = await GetFeedAsync(api, PublicUrlPolicy.Parse("https://feeds.example.org", ["127.0.0.1"]));
        Assert.Contains("https://feeds.example.org/api/feed", published);
        Assert.DoesNotContain("evil.example", published);
    }

    [Fact]
    public async Task Feedproc_run_refuses_a_bad_public_url_as_a_usage_error()
    {
        var run = await Feedproc.RunAsync(Directory.CreateTempSubdirectory("feedproc-publicurl-").FullName,
            "run", "--public-url", "feeds.example.org", "--port", Azurite.FreePort().ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("feedproc: The public URL must be an absolute http(s) URL such as https://feeds.example.org (no query or user name), not \"feeds.example.org\".", run.Stderr);
    }

    private static string Feed(PublicUrlPolicy policy, IPAddress peer, string? forwardedHost = null, string? forwardedProto = null,
        string host = "news.example.kz", string scheme = "https")
    {
        var response = new FeedEndpoint().HandleAsync(Adapt(policy, peer, forwardedHost, forwardedProto, host, scheme), SampleIndex().Publish(), Sources()).GetAwaiter().GetResult();
        Assert.Equal(200, response.Status);
        return Encoding.UTF8.GetString(response.Body.Span);
    }

    private static ApiRequest Adapt(PublicUrlPolicy policy, IPAddress peer, string? forwardedHost, string? forwardedProto, string host, string scheme, string route = "feed")
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = peer;
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.Path = "/api/" + route;
        if (forwardedHost is not null) context.Request.Headers["X-Forwarded-Host"] = forwardedHost;
        if (forwardedProto is not null) context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        return AspNetCoreAdapter.ToApiRequest(context.Request, route, policy);
    }

    private static async Task<string> GetFeedAsync(FeedApi api, PublicUrlPolicy policy)
    {
        var port = Azurite.FreePort();
        await using var server = ApiServer.Build(api, port, publicUrl: policy);
        await server.StartAsync();
        try
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/api/feed");
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        finally
        {
            await server.StopAsync();
        }
    }
}
