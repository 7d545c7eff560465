using System.Net;
using FeedProcessor.Core.Fetching;
using FeedProcessor.Core.Fetching.Safety;
using FeedProcessor.Core.Sources;

namespace FeedProcessor.Tests.Fetching.Support;

internal static class FetcherFactory
{
    public static readonly DateTimeOffset Now = new(2030, 3, 14, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A fetcher allowed to reach the loopback test servers, with exact (jitter-free) backoff.</summary>
    public static FeedFetcher Create(Action<FetcherOptions>? configure = null, NetworkGuard.HostResolver? resolver = null, Func<double>? random = null)
    {
        var options = new FetcherOptions { AllowPrivateNetwork = true, ContactUrl = "https://feeds.example.org/contact" };
        configure?.Invoke(options);
        var guard = new NetworkGuard(options.AllowPrivateNetwork, resolver);
        return new FeedFetcher(options, guard, random ?? (() => 0.0));
    }

    /// <summary>Resolves the given names to loopback, refuses every other name.</summary>
    public static NetworkGuard.HostResolver Resolve(params (string Host, string Address)[] table) => (host, _) =>
    {
        var match = table.Where(t => t.Host.Equals(host, StringComparison.OrdinalIgnoreCase)).Select(t => IPAddress.Parse(t.Address)).ToArray();
        return match.Length > 0 ? Task.FromResult(match) : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    };

    public static SourceDefinition Source(Uri url, string id = "ministry") => new() { Id = id, Title = "Ministry news", Url = url };
}
