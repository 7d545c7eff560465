namespace FeedProcessor.Core.Publishing.Writers;

/// <summary>Feed validators and readers reject relative URLs: only absolute http(s) URLs are ever written.</summary>
public static class FeedUrls
{
    public static string? AbsoluteHttp(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        return Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;
    }

    /// <summary>The site a feed belongs to: its scheme and host.</summary>
    public static string? SiteOf(string? url) =>
        AbsoluteHttp(url) is { } absolute ? new Uri(absolute).GetLeftPart(UriPartial.Authority) + "/" : null;
}
