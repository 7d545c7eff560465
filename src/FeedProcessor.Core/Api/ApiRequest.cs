namespace FeedProcessor.Core.Api;

/// <summary>
/// An HTTP request as both hosts (the Functions app and `feedproc run`) hand it to the shared API code,
/// so that the two serve the same bytes from the same code.
/// </summary>
public sealed class ApiRequest
{
    /// <summary>Route below `/api/`, without leading slash: "feed", "sources", "sources.opml", "health", "".</summary>
    public string Route { get; init; } = "";
    /// <summary>Query parameters in order; a repeated parameter appears repeatedly.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Query { get; init; } = [];
    /// <summary>Request headers, looked up case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    /// <summary>The public base URL as the client sees it (X-Forwarded-* honoured by <see cref="PublicBaseUrl"/>).</summary>
    public string Scheme { get; init; } = "http";
    public string Host { get; init; } = "localhost";
    /// <summary>The path below the host up to and including `/api`, normally "/api".</summary>
    public string ApiBasePath { get; init; } = "/api";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The base URL of the API as the subscriber reached it, behind proxies too: `https://host/api`.</summary>
    public string PublicBaseUrl
    {
        get
        {
            var scheme = FirstForwardedValue("X-Forwarded-Proto") ?? Scheme;
            var host = FirstForwardedValue("X-Forwarded-Host") ?? Host;
            if (scheme is not ("http" or "https")) scheme = Scheme;
            return $"{scheme}://{host}{ApiBasePath}";
        }
    }

    private string? FirstForwardedValue(string header)
    {
        var value = Header(header);
        if (string.IsNullOrWhiteSpace(value)) return null;
        var first = value.Split(',')[0].Trim();
        // A host header value never contains these; refuse anything that could break out of the URL.
        return first.Length == 0 || first.IndexOfAny(['/', '\\', '"', '<', '>', ' ', '@']) >= 0 ? null : first.ToLowerInvariant();
    }
}
