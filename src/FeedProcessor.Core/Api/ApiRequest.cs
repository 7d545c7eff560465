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
    /// <summary>
    /// The public scheme, host and API path, as <see cref="PublicUrlPolicy"/> decided them for this request (the
    /// hosts' adapter applies it): links are built from these, never from the request's headers.
    /// </summary>
    public string Scheme { get; init; } = "http";
    public string Host { get; init; } = "localhost";
    /// <summary>The path below the host up to and including `/api`, normally "/api".</summary>
    public string ApiBasePath { get; init; } = "/api";

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The base URL of the API as the subscriber should see it: `https://host/api`.</summary>
    public string PublicBaseUrl => $"{Scheme}://{Host}{ApiBasePath}";
}
