using System.Globalization;

namespace FeedProcessor.Core.Publishing.Query;

/// <summary>Picks the format from an Accept header when the URL does not name one.</summary>
public static class AcceptNegotiation
{
    /// <summary>
    /// The page for a browser (it weights HTML above every feed and XML type), else the feed format the client
    /// weights highest; RSS when it states no preference among feed types (no Accept, <c>*/*</c>).
    /// </summary>
    public static OutputFormat PreferredFormat(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept) || accept.Length > 4096) return OutputFormat.Rss;
        if (PrefersHtml(accept)) return OutputFormat.Html;

        var best = OutputFormat.Rss;
        var bestQuality = 0.0;
        foreach (var range in accept.Split(','))
        {
            var (mediaType, quality) = ParseRange(range);
            OutputFormat? format = mediaType switch
            {
                "application/atom+xml" => OutputFormat.Atom,
                "application/feed+json" or "application/json" => OutputFormat.Json,
                "application/rss+xml" => OutputFormat.Rss,
                _ => null,
            };
            if (format is not null && quality > bestQuality)
            {
                best = format.Value;
                bestQuality = quality;
            }
        }
        return best;
    }

    /// <summary>
    /// True when a browser navigates to the feed: it weights text/html strictly above every feed and XML type.
    /// Browsers send "text/html,...,application/xml;q=0.9"; feed readers name feed or XML types at least as high
    /// as HTML, or send */* or nothing, and keep getting the feed.
    /// </summary>
    public static bool PrefersHtml(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept) || accept.Length > 4096) return false;
        var html = 0.0;
        var feed = 0.0;
        foreach (var range in accept.Split(','))
        {
            var (mediaType, quality) = ParseRange(range);
            if (mediaType is "text/html" or "application/xhtml+xml") html = Math.Max(html, quality);
            else if (mediaType is "application/rss+xml" or "application/atom+xml" or "application/feed+json" or "application/rdf+xml"
                     or "application/xml" or "text/xml" or "application/json")
                feed = Math.Max(feed, quality);
        }
        return html > 0 && html > feed;
    }

    private static (string MediaType, double Quality) ParseRange(string range)
    {
        var parts = range.Split(';');
        var mediaType = parts[0].Trim().ToLowerInvariant();
        var quality = 1.0;
        for (var i = 1; i < parts.Length; i++)
        {
            var parameter = parts[i].Trim();
            if (parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase) &&
                double.TryParse(parameter.AsSpan(2), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q))
                quality = Math.Clamp(q, 0, 1);
        }
        return (mediaType, quality);
    }
}
