using System.Net;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Fetching.Safety;
using FeedProcessor.Tests.Fetching.Support;

namespace FeedProcessor.Tests.Fetching;

public sealed class NetworkGuardTests
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "Refused to connect to 169.254.169.254: it is a cloud metadata service address.")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "Refused to connect to fd00:ec2::254: it is a cloud metadata service address.")]
    [InlineData("http://169.254.10.1/", "Refused to connect to 169.254.10.1: it is a link-local address, where cloud metadata services live.")]
    [InlineData("http://[::ffff:169.254.169.254]/", "Refused to connect to ::ffff:169.254.169.254: it is a cloud metadata service address.")]
    public async Task Redirects_to_metadata_services_are_refused_even_when_private_networks_are_allowed(string target, string expected)
    {
        await using var server = new LoopbackServer((_, response) => response.RedirectAsync(302, target));
        using var fetcher = FetcherFactory.Create(o => o.AllowPrivateNetwork = true);

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchOutcome.Failed, result.Outcome);
        Assert.Equal(FetchErrorKind.RefusedAddress, result.ErrorKind);
        Assert.Equal("refused-address", result.NewState.LastStatus);
        Assert.Equal(expected, result.Error);
        Assert.Single(server.Requests);
        var contacted = Assert.Single(fetcher.Guard.ConnectedEndPoints);
        Assert.Equal(IPAddress.Loopback, contacted.Address);
    }

    [Fact]
    public async Task Loopback_is_refused_when_private_networks_are_not_allowed()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, "<rss/>"));
        using var fetcher = FetcherFactory.Create(o => o.AllowPrivateNetwork = false);

        var result = await fetcher.FetchAsync(FetcherFactory.Source(server.Url("/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.RefusedAddress, result.ErrorKind);
        // The refusal says how to allow it, in both hosts' words.
        Assert.Equal("Refused to connect to 127.0.0.1: it is a loopback address (this machine). " + NetworkGuard.PrivateNetworkHint, result.Error);
        Assert.Contains("--allow-private-network", result.Error);
        Assert.Empty(server.Requests);
        Assert.Empty(fetcher.Guard.ConnectedEndPoints);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_connect_time()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, "<rss/>"));
        var resolver = FetcherFactory.Resolve(("rebind.example.gov", "127.0.0.1"));
        using var fetcher = FetcherFactory.Create(o => o.AllowPrivateNetwork = false, resolver);

        var result = await fetcher.FetchAsync(FetcherFactory.Source(new Uri($"http://rebind.example.gov:{server.Port}/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.RefusedAddress, result.ErrorKind);
        Assert.Equal("Refused to connect to rebind.example.gov: it resolves to 127.0.0.1, a loopback address (this machine). " + NetworkGuard.PrivateNetworkHint, result.Error);
        Assert.Empty(server.Requests);
        Assert.Empty(fetcher.Guard.ConnectedEndPoints);
    }

    [Fact]
    public async Task One_forbidden_address_among_public_ones_refuses_the_host()
    {
        var resolver = FetcherFactory.Resolve(("mixed.example.gov", "93.184.216.34"), ("mixed.example.gov", "10.1.2.3"));
        using var fetcher = FetcherFactory.Create(o => o.AllowPrivateNetwork = false, resolver);

        var result = await fetcher.FetchAsync(FetcherFactory.Source(new Uri("http://mixed.example.gov/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.RefusedAddress, result.ErrorKind);
        Assert.Contains("10.1.2.3, a private-network address", result.Error);
        Assert.Empty(fetcher.Guard.ConnectedEndPoints);
    }

    [Fact]
    public async Task A_name_the_guard_resolves_is_connected_to_at_the_checked_address()
    {
        await using var server = new LoopbackServer((_, response) => response.SendAsync(200, "<rss/>"));
        var resolver = FetcherFactory.Resolve(("news.example.gov", "127.0.0.1"));
        using var fetcher = FetcherFactory.Create(o => o.AllowPrivateNetwork = true, resolver);

        var result = await fetcher.FetchAsync(FetcherFactory.Source(new Uri($"http://news.example.gov:{server.Port}/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchOutcome.Fetched, result.Outcome);
        Assert.Equal($"news.example.gov:{server.Port}", Assert.Single(server.Requests).Header("Host"));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, server.Port), Assert.Single(fetcher.Guard.ConnectedEndPoints));
    }

    [Fact]
    public async Task An_unresolvable_host_is_a_dns_failure()
    {
        using var fetcher = FetcherFactory.Create(resolver: FetcherFactory.Resolve());

        var result = await fetcher.FetchAsync(FetcherFactory.Source(new Uri("https://gone.example.gov/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.Dns, result.ErrorKind);
        Assert.Equal("dns", result.NewState.LastStatus);
        Assert.StartsWith("The host name gone.example.gov could not be resolved", result.Error);
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_failure()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var fetcher = FetcherFactory.Create();

        var result = await fetcher.FetchAsync(FetcherFactory.Source(new Uri($"http://127.0.0.1:{port}/feed")), new SourceFetchState(), FetcherFactory.Now, CancellationToken.None);

        Assert.Equal(FetchErrorKind.Connection, result.ErrorKind);
        Assert.Equal("Could not connect to 127.0.0.1: the connection was refused.", result.Error);
    }

    [Theory]
    [InlineData("8.8.8.8", AddressCategory.Public)]
    [InlineData("2606:4700:4700::1111", AddressCategory.Public)]
    [InlineData("127.0.0.1", AddressCategory.Loopback)]
    [InlineData("127.255.0.9", AddressCategory.Loopback)]
    [InlineData("::1", AddressCategory.Loopback)]
    [InlineData("10.0.0.1", AddressCategory.Private)]
    [InlineData("172.16.0.1", AddressCategory.Private)]
    [InlineData("172.31.255.255", AddressCategory.Private)]
    [InlineData("172.32.0.1", AddressCategory.Public)]
    [InlineData("192.168.1.1", AddressCategory.Private)]
    [InlineData("100.64.0.1", AddressCategory.Private)]
    [InlineData("100.128.0.1", AddressCategory.Public)]
    [InlineData("fc00::1", AddressCategory.Private)]
    [InlineData("fd12:3456::1", AddressCategory.Private)]
    [InlineData("169.254.169.254", AddressCategory.Metadata)]
    [InlineData("169.254.1.1", AddressCategory.LinkLocal)]
    [InlineData("fe80::1", AddressCategory.LinkLocal)]
    [InlineData("fd00:ec2::254", AddressCategory.Metadata)]
    [InlineData("100.100.100.200", AddressCategory.Metadata)]
    [InlineData("168.63.129.16", AddressCategory.Metadata)]
    [InlineData("224.0.0.1", AddressCategory.Multicast)]
    [InlineData("ff02::1", AddressCategory.Multicast)]
    [InlineData("0.0.0.0", AddressCategory.Unspecified)]
    [InlineData("::", AddressCategory.Unspecified)]
    [InlineData("255.255.255.255", AddressCategory.Broadcast)]
    [InlineData("240.0.0.1", AddressCategory.Reserved)]
    [InlineData("::ffff:127.0.0.1", AddressCategory.Loopback)]
    [InlineData("::ffff:10.0.0.1", AddressCategory.Private)]
    [InlineData("::ffff:169.254.169.254", AddressCategory.Metadata)]
    [InlineData("64:ff9b::a9fe:a9fe", AddressCategory.Metadata)]
    [InlineData("2002:7f00:1::", AddressCategory.Loopback)]
    public void Addresses_are_classified(string address, AddressCategory expected)
    {
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData(AddressCategory.Loopback, true)]
    [InlineData(AddressCategory.Private, true)]
    [InlineData(AddressCategory.LinkLocal, false)]
    [InlineData(AddressCategory.Metadata, false)]
    [InlineData(AddressCategory.Multicast, false)]
    [InlineData(AddressCategory.Unspecified, false)]
    public void Allowing_private_networks_lifts_only_loopback_and_private_ranges(AddressCategory category, bool allowed)
    {
        Assert.Equal(allowed, AddressClassifier.IsAllowed(category, allowPrivateNetwork: true));
        Assert.False(AddressClassifier.IsAllowed(category, allowPrivateNetwork: false));
    }

    [Fact]
    public void Localhost_names_are_refused_up_front()
    {
        var guard = new NetworkGuard(allowPrivateNetwork: false);

        Assert.Equal(FetchErrorKind.RefusedAddress, guard.CheckUrl(new Uri("http://api.localhost/feed"))?.Kind);
        Assert.Null(guard.CheckUrl(new Uri("https://www.example.gov/feed")));
    }
}
