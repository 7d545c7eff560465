using System.Net;

namespace FeedProcessor.Core.Api;

/// <summary>
/// Decides the base URL that feeds and pages link to. Responses are cached, by us per host and, being
/// `Cache-Control: public`, by any CDN in front; so no request may choose the host its links name, or one crafted
/// X-Forwarded-Host would poison the copy everybody gets. In this order:
/// <list type="number">
/// <item>the configured public URL (`FeedProcessor:PublicUrl`, `feedproc run --public-url`), whatever the request says;</item>
/// <item>X-Forwarded-Proto and X-Forwarded-Host, only from a peer inside a trusted proxy network
/// (`FeedProcessor:TrustedProxies`, `--trusted-proxies`; none by default), and then the value that proxy added itself
/// (the last one), not what its client may have sent before it;</item>
/// <item>the request's own scheme and Host header.</item>
/// </list>
/// </summary>
public sealed class PublicUrlPolicy
{
    public static PublicUrlPolicy Default { get; } = new(null, []);

    private PublicUrlPolicy(Uri? publicUrl, IReadOnlyList<IPNetwork> trustedProxies)
    {
        PublicUrl = publicUrl;
        TrustedProxies = trustedProxies;
    }

    /// <summary>The site's public base URL; the API is below it at `/api`.</summary>
    public Uri? PublicUrl { get; }

    public IReadOnlyList<IPNetwork> TrustedProxies { get; }

    /// <summary>
    /// Reads the two settings as operators write them: a URL, and addresses or CIDR ranges separated by commas,
    /// semicolons or spaces (e.g. "10.0.0.0/8, 192.168.1.5"). Empty or missing means unset.
    /// </summary>
    /// <exception cref="FormatException">A value is not a URL, an address or a range; the message names it.</exception>
    public static PublicUrlPolicy Parse(string? publicUrl, IEnumerable<string?> trustedProxies)
    {
        Uri? url = null;
        if (!string.IsNullOrWhiteSpace(publicUrl)
            && (!Uri.TryCreate(publicUrl.Trim(), UriKind.Absolute, out url) || !IsBaseUrl(url)))
            throw new FormatException($"The public URL must be an absolute http(s) URL such as https://feeds.example.org (no query or user name), not \"{publicUrl}\".");
        var networks = new List<IPNetwork>();
        foreach (var entry in trustedProxies.SelectMany(list => (list ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) networks.Add(new IPNetwork(Normalize(address), address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else throw new FormatException($"A trusted proxy must be an IP address or a CIDR range such as 10.0.0.0/8, not \"{entry}\".");
        }
        return new PublicUrlPolicy(url, networks);
    }

    /// <summary>The scheme, host (with port) and path of the API (".../api") a response's links start with.</summary>
    public (string Scheme, string Host, string ApiBasePath) Resolve(string scheme, string? host, IPAddress? peer, Func<string, string?> header)
    {
        if (PublicUrl is { } url)
            return (url.Scheme, url.Authority.ToLowerInvariant(), url.AbsolutePath.TrimEnd('/') + "/api");
        host = string.IsNullOrEmpty(host) ? "localhost" : host;
        if (peer is null || !TrustedProxies.Any(network => network.Contains(Normalize(peer))))
            return (scheme, host, "/api");
        var forwardedScheme = LastForwardedValue(header("X-Forwarded-Proto"));
        var forwardedHost = LastForwardedValue(header("X-Forwarded-Host"));
        return (forwardedScheme is "http" or "https" ? forwardedScheme : scheme, forwardedHost ?? host, "/api");
    }

    private static bool IsBaseUrl(Uri url) =>
        url.IsAbsoluteUri && url.Scheme is ("http" or "https") && url.Query.Length == 0 && url.Fragment.Length == 0 && url.UserInfo.Length == 0;

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static string? LastForwardedValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var last = value.Split(',')[^1].Trim();
        // A host header value never contains these; refuse anything that could break out of the URL.
        return last.Length == 0 || last.IndexOfAny(['/', '\\', '"', '<', '>', ' ', '@', '?', '#']) >= 0 ? null : last.ToLowerInvariant();
    }
}
