using System.Net.Http.Headers;

namespace FeedProcessor.Core.Fetching.Politeness;

/// <summary>Reads how long a server wants us to stay away: Retry-After, Cache-Control max-age, Expires.</summary>
internal static class ServerHints
{
    /// <summary>
    /// Retry-After as a delay. An HTTP date is measured against the server's own Date header when present,
    /// so a skewed server clock does not shorten or stretch the wait.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now, TimeSpan cap)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? delay = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - (response.Headers.Date ?? now),
            _ => null,
        };
        return delay is { } d ? Clamp(d, cap) : null;
    }

    /// <summary>How long the response stays fresh (max-age minus Age, else Expires minus Date); null when it says nothing or forbids caching.</summary>
    public static TimeSpan? FreshFor(HttpResponseMessage response, DateTimeOffset now, TimeSpan cap)
    {
        var cacheControl = response.Headers.CacheControl;
        if (cacheControl is { NoStore: true } or { NoCache: true }) return null;
        TimeSpan? lifetime = null;
        if (cacheControl?.MaxAge is { } maxAge)
            lifetime = maxAge - (response.Headers.Age ?? TimeSpan.Zero);
        else if (response.Content.Headers.Expires is { } expires)
            lifetime = expires - (response.Headers.Date ?? now);
        return lifetime is { } l && l > TimeSpan.Zero ? Clamp(l, cap) : null;
    }

    public static string? RawHeader(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    private static TimeSpan Clamp(TimeSpan value, TimeSpan cap) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > cap ? cap : value;
}
