using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace FeedProcessor.Core.Fetching.Safety;

/// <summary>
/// Keeps requests away from this machine, the private network and cloud metadata services (SSRF).
/// The decisive check runs at connect time: the guard resolves the host itself, refuses if ANY address is forbidden,
/// and connects only to the addresses it checked, so DNS rebinding between a check and the connect cannot slip through.
/// </summary>
public sealed class NetworkGuard
{
    public delegate Task<IPAddress[]> HostResolver(string host, CancellationToken ct);

    private readonly bool _allowPrivateNetwork;
    private readonly HostResolver _resolve;
    private readonly ConcurrentQueue<IPEndPoint> _connected = new();

    public NetworkGuard(bool allowPrivateNetwork, HostResolver? resolver = null)
    {
        _allowPrivateNetwork = allowPrivateNetwork;
        _resolve = resolver ?? ((host, ct) => Dns.GetHostAddressesAsync(host, ct));
    }

    /// <summary>Every endpoint a connection was opened to, oldest first; lets tests prove a refused address was never contacted.</summary>
    public IReadOnlyCollection<IPEndPoint> ConnectedEndPoints => _connected;

    /// <summary>
    /// The up-front check on a URL (the first request and every redirect hop): scheme, and hosts that are addresses or
    /// names for this machine. Returns a sentence saying why the URL is refused, or null.
    /// </summary>
    public (string Kind, string Message)? CheckUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            return (FetchErrorKind.BadUrl, $"Only http and https URLs can be fetched, not {UrlRedactor.Redact(url)}.");
        var host = url.IdnHost;
        if (TryParseLiteral(host, out var literal))
            return RefusalFor(host, literal, literalHost: true) is { } refusal ? (FetchErrorKind.RefusedAddress, refusal) : null;
        if (IsLocalhostName(host) && !_allowPrivateNetwork)
            return (FetchErrorKind.RefusedAddress, $"Refused to connect to {host}: it names this machine. {PrivateNetworkHint}");
        return null;
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var port = context.DnsEndPoint.Port;
        IPAddress[] addresses;
        if (TryParseLiteral(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await _resolve(host, ct).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new HostResolutionException($"The host name {host} could not be resolved ({ex.SocketErrorCode}).", ex);
            }
            if (addresses.Length == 0)
                throw new HostResolutionException($"The host name {host} resolved to no address.", null);
        }

        foreach (var address in addresses)
        {
            if (RefusalFor(host, address, literalHost: addresses.Length == 1 && literal is not null) is { } refusal)
                throw new AddressRefusedException(refusal);
        }

        SocketException? lastError = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                var endPoint = new IPEndPoint(address, port);
                await socket.ConnectAsync(endPoint, ct).ConfigureAwait(false);
                _connected.Enqueue(endPoint);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                lastError = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw lastError!;
    }

    private string? RefusalFor(string host, IPAddress address, bool literalHost)
    {
        var category = AddressClassifier.Classify(address);
        if (AddressClassifier.IsAllowed(category, _allowPrivateNetwork)) return null;
        var what = AddressClassifier.Describe(category);
        var refusal = literalHost
            ? $"Refused to connect to {host}: it is {what}."
            : $"Refused to connect to {host}: it resolves to {address}, {what}.";
        // Say how to allow what may be allowed; link-local and metadata addresses never are, so no hint for them.
        return AddressClassifier.IsAllowed(category, allowPrivateNetwork: true) ? $"{refusal} {PrivateNetworkHint}" : refusal;
    }

    /// <summary>The switch that allows loopback and private sources, in both hosts' words.</summary>
    public const string PrivateNetworkHint =
        "To poll sources on this machine or a private network, run feedproc with --allow-private-network (in the Functions app, set FeedProcessor__AllowPrivateNetwork=true).";

    private static bool TryParseLiteral(string host, out IPAddress address) =>
        IPAddress.TryParse(host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host, out address!);

    private static bool IsLocalhostName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
}
